"""S27: everything the portal holds about one person, for the Secretariat (the person's admin
page, "Personal data": a page and a JSON download), checked against the 2019 record's facts
about Patrick Lawless (the report's participants list and agenda item 1), with an account, a
session and sign-in records of his own; nothing of anyone else, never a password hash; refused
to anyone without `partners.export_personal_data`; in a fixed number of queries."""

import datetime
import json

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from comment_rounds.models import Confirmation, Resolution
from invitations.models import Answer, EmailKind, OptOut, SentEmail
from meetings.models import ActionPoint, ActionPointKind, Meeting
from partners.models import EmailAddress, Person
from partners.personal_data.admin_pages import EXPORT_PERMISSION
from partners.personal_data.export import REFERRING
from tests.factories import (
    make_attendance,
    make_comment,
    make_comment_round,
    make_intervention,
    make_invitation,
    make_meeting,
    make_reviewer,
)
from tests.second_factor import authenticator_app, recovery_codes

NAME = "Patrick Lawless"
ADDRESS = "Patrick.lawless@dfat.gov.au"
USERNAME = "plawless"
TODAY = datetime.date(2019, 10, 1)
# The officer's session, user, second factor and permissions (5); the person with their
# organisation and account, their addresses, their account's groups, attendance, interventions
# (with their organisations, on whose behalf, follow-ups), meetings chaired, offices (9); the
# account's sessions, its three kinds of second factor and the three sign-in tables (7); the
# record's texts, one query per table that has prose (14); what was sent to their addresses (1);
# the history, one per table (16); the admin's log and its content types, fetched together (2).
# Issue 21 added 6: his invitations, the e-mails sent about them, the e-mails he declined (3);
# the invitations' texts naming him, their history, and those holding his address (3).
# Issue 22 added 6: the comment rounds he took part in, his comments, his confirmations (3); the
# comments' texts naming him, the comments' and the rounds' history (3).
# Issue 23 added 8: the organisations he is the focal point of, what his account follows
# (following), the replies to messages to the Secretariat he sent (3); the site's pages' and the
# messages' texts naming him, the messages holding his address, and both histories (5).
EXPORT_QUERIES = 74


def lawless():
    return Person.objects.get(name=NAME)


@pytest.fixture
def with_account(django_user_model):
    """Patrick Lawless with a member's account (as `manage.py invite --person` links one), a
    session open, and a sign-in, a failure and a lockout count in django-axes' tables."""
    user = django_user_model.objects.create_user(
        USERNAME, email=ADDRESS, password="a-long-test-password-9", first_name="Patrick"
    )
    user.groups.add(Group.objects.get(name="Members"))
    person = lawless()
    person.user = user
    person.save()
    Client().force_login(user)
    common = {"ip_address": "192.0.2.24", "user_agent": "Lawless's browser", "http_accept": "*/*"}
    AccessLog.objects.create(username=USERNAME, path_info="/accounts/login/", **common)
    AccessFailureLog.objects.create(username=USERNAME.upper(), path_info="/admin/", **common)
    AccessAttempt.objects.create(
        username=ADDRESS, path_info="/", get_data="", post_data="", failures_since_start=1, **common
    )
    # Someone else's sign-in, never in his export.
    AccessLog.objects.create(username="someone-else", path_info="/", **common)
    return user


def export_json(client, person):
    url = reverse("admin:partners_person_personal_data_json", args=[person.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    return response, json.loads(response.content)


@pytest.mark.usefixtures("record")
class TestTheExport:
    def test_the_json_holds_the_records_facts_about_him(self, officer_client, with_account):
        response, data = export_json(officer_client, lawless())
        assert data["name"] == NAME
        assert data["position"] == "Assistant Secretary"
        assert data["organization"] == "Department for Foreign Affairs and Trade"
        assert [row["address"] for row in data["email_addresses"]] == [ADDRESS]
        [attended] = data["attendance"]
        assert attended["meeting"].startswith("5th meeting")
        assert "2019-07-17" in attended["meeting"]
        assert attended["listed_as"] == "Department for Foreign Affairs and Trade (Australia)"
        assert attended["mode"] == "In person"
        [spoke] = data["interventions"]
        assert spoke["summary"].startswith(
            "Assistant Secretary Patrick Lawless from Australia opened the session"
        )
        assert spoke["agenda_item"].startswith("1. ")
        # The summary that names him is also found as a text of the record that names him.
        assert [(row["model"], row["field"]) for row in data["named_in_the_record"]] == [
            ("meetings.intervention", "summary")
        ]

    def test_the_account_its_session_and_sign_in_records_never_its_password(
        self, officer_client, with_account
    ):
        response, data = export_json(officer_client, lawless())
        [account] = data["account"]
        assert account["username"] == USERNAME
        assert account["email"] == ADDRESS
        assert account["groups"] == ["Members"]
        assert "password" not in account
        assert len(data["sessions"]) == 1
        # The username typed in any case, and his address typed as a username; the session's
        # sign-in is logged too (by a test client: no path).
        assert sorted(row["path_info"] for row in data["sign_in_records_accesslog"]) == [
            "/accounts/login/",
            "<unknown>",
        ]
        assert len(data["sign_in_records_accessfailurelog"]) == 1
        assert data["sign_in_records_accessattempt"][0]["username"] == ADDRESS
        body = response.content.decode()
        with_account.refresh_from_db()
        assert with_account.password not in body
        assert "pbkdf2" not in body and "md5$" not in body and "argon2" not in body

    def test_his_second_factors_without_their_secrets(self, officer_client, with_account):
        app = authenticator_app(with_account)
        codes = recovery_codes(with_account, count=3)
        response, data = export_json(officer_client, lawless())
        kinds = {row["kind"]: row for row in data["second_factors"]}
        assert kinds["authenticator app"]["confirmed"] is True
        assert kinds["recovery codes"]["recovery_codes_left"] == 3
        body = response.content.decode()
        assert app.key not in body
        assert not [code for code in codes if code in body]

    def test_the_history_rows_about_him(self, officer_client, with_account):
        response, data = export_json(officer_client, lawless())
        tables = {row["model"] for row in data["history"]}
        # His row (loaded, then linked to his account), his address, his attendance and the
        # intervention he made (which names him).
        assert tables == {
            "partners.person",
            "partners.emailaddress",
            "meetings.attendance",
            "meetings.intervention",
        }
        person_versions = [row for row in data["history"] if row["model"] == "partners.person"]
        assert [row["change"] for row in person_versions] == ["Created", "Changed"]

    def test_nothing_of_anyone_else(self, officer_client, with_account, officer):
        response, data = export_json(officer_client, lawless())
        body = response.content.decode().lower()
        others = Person.objects.exclude(name=NAME)
        assert others.count() == 42
        for name in others.values_list("name", flat=True):
            assert name.lower() not in body, name
        for address in EmailAddress.objects.exclude(person__name=NAME).values_list(
            "address", flat=True
        ):
            assert address.lower() not in body, address
        assert "someone-else" not in body
        assert officer.username not in body  # who edited his rows is the Secretariat's business

    def test_the_page_shows_the_same(self, officer_client, with_account):
        person = lawless()
        response = officer_client.get(
            reverse("admin:partners_person_personal_data", args=[person.pk])
        )
        assert response.status_code == 200
        page = response.content.decode()
        for fact in [NAME, ADDRESS, USERNAME, "Assistant Secretary", "Lawless&#x27;s browser"]:
            assert fact in page, fact
        assert "opened the session" in page
        assert reverse("admin:partners_person_personal_data_json", args=[person.pk]) in page
        assert '<h2 id="interventions">' in page

    def test_the_change_page_links_to_the_export_and_the_erasure(self, officer_client):
        person = lawless()
        page = officer_client.get(
            reverse("admin:partners_person_change", args=[person.pk])
        ).content.decode()
        assert reverse("admin:partners_person_personal_data", args=[person.pk]) in page
        assert reverse("admin:partners_person_erase", args=[person.pk]) in page

    def test_a_person_without_an_account(self, officer_client):
        response, data = export_json(officer_client, Person.objects.get(name="Graciela Guzman"))
        assert data["account"] == [] and data["sessions"] == []
        assert data["sign_in_records_accesslog"] == []
        assert [row["address"] for row in data["email_addresses"]] == ["gbguzman@trabajo.gob.ar"]

    def test_every_relation_to_a_person_is_exported(self):
        """A table that comes to refer to people must join REFERRING (and the export)."""
        relations = {
            relation.get_accessor_name()
            for relation in Person._meta.related_objects
            if not relation.related_model._meta.label.startswith("partners.Historical")
        }
        assert relations == set(REFERRING)

    @pytest.mark.parametrize("more", [False, True])
    def test_a_fixed_number_of_queries(
        self, officer_client, with_account, more, django_assert_num_queries
    ):
        person = lawless()
        if more:
            # More of every kind of row about him: the same number of queries.
            meeting = make_meeting(title="Another meeting")
            make_attendance(meeting=meeting, person=person)
            item = meeting.agenda_items.create(number=1, title="Another item")
            spoke = make_intervention(agenda_item=item, speaker=person, summary=f"{NAME} spoke.")
            ActionPoint.objects.create(
                meeting=meeting,
                intervention=spoke,
                kind=ActionPointKind.FOLLOW_UP,
                text=f"{NAME} to circulate the paper.",
            )
            EmailAddress.objects.create(person=person, address="second@example.org", position=2)
            Meeting.objects.filter(pk=meeting.pk).update(chair=person)
            invited = make_invitation(meeting, person, answer=Answer.IN_PERSON)
            SentEmail.objects.create(invitation=invited, kind=EmailKind.INVITATION, sent_on=TODAY)
            OptOut.objects.create(person=person, kind=EmailKind.REMINDER)
            make_invitation(
                meeting, answer=Answer.DELEGATE, delegate_name=NAME, delegate_mode="remote"
            )
            review = make_reviewer(make_comment_round(), person)
            make_comment(review, reply="Noted.")
            Confirmation.objects.create(round=review.round, intervention=spoke, reviewer=review)
        url = reverse("admin:partners_person_personal_data_json", args=[person.pk])
        ContentType.objects.clear_cache()  # counted whatever an earlier test left cached
        with django_assert_num_queries(EXPORT_QUERIES):
            data = json.loads(officer_client.get(url).content)
        assert len(data["interventions"]) == (2 if more else 1)
        assert len(data["invitations"]) == len(data["email_opt_outs"]) == (1 if more else 0)
        assert len(data["comment_rounds"]) == len(data["comments"]) == (1 if more else 0)
        assert len(data["confirmations"]) == (1 if more else 0)

    def test_his_invitations_answers_e_mails_and_what_he_declined(
        self, officer_client, with_account
    ):
        person = lawless()
        meeting = Meeting.objects.get(number=5)
        invited = make_invitation(
            meeting,
            person,
            invited_as="All GCG members",
            language="fr",
            answer=Answer.DELEGATE,
            delegate_name="Emma Goodwin",
            delegate_email="Emma.goodwin@dfat.gov.au",
            delegate_position="Director",
            delegate_mode="remote",
            organization=person.organization,
        )
        SentEmail.objects.create(invitation=invited, kind=EmailKind.INVITATION, sent_on=TODAY)
        OptOut.objects.create(person=person, kind=EmailKind.DATE_CONFIRMED)
        # Someone else's invitation names him, with his address, as their delegate.
        named = make_invitation(
            make_meeting(),
            answer=Answer.DELEGATE,
            delegate_name=NAME,
            delegate_email=ADDRESS,
            delegate_mode="in_person",
        )
        response, data = export_json(officer_client, person)
        [row] = data["invitations"]
        assert row["meeting"].startswith("5th meeting")
        assert row["invited_as"] == "All GCG members"
        assert row["language"] == "fr"
        assert row["answer"] == "Sending someone else"
        assert row["organization"] == "Department for Foreign Affairs and Trade"
        assert (row["delegate_name"], row["delegate_email"], row["delegate_position"]) == (
            "Emma Goodwin",
            "Emma.goodwin@dfat.gov.au",
            "Director",
        )
        assert row["delegate_mode"] == "Remote"
        assert row["emails_sent"] == ["Invitation, 2019-10-01"]
        assert [opt["kind"] for opt in data["email_opt_outs"]] == ["Date confirmed"]
        assert [(r["model"], r["id"]) for r in data["their_addresses_in_the_record"]] == [
            ("invitations.invitation", named.pk)
        ]
        assert ("invitations.invitation", "delegate's name") in {
            (r["model"], r["field"]) for r in data["named_in_the_record"]
        }
        assert "invitations.invitation" in {r["model"] for r in data["history"]}


@pytest.mark.usefixtures("record")
class TestWhoMayExport:
    @pytest.mark.parametrize("view", ["personal_data", "personal_data_json", "erase"])
    def test_a_visitor_and_a_member_are_sent_to_sign_in(self, client, member, view):
        url = reverse(f"admin:partners_person_{view}", args=[lawless().pk])
        for reader in (client, Client()):
            if reader is not client:
                reader.force_login(member)
            response = reader.get(url)
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("admin:login"))
            assert NAME not in response.content.decode()

    @pytest.mark.parametrize("view", ["personal_data", "personal_data_json", "erase"])
    def test_staff_without_the_permission_are_refused(self, client, django_user_model, view):
        staff = django_user_model.objects.create_user("staff-only", is_staff=True)
        client.force_login(staff)
        response = client.get(reverse(f"admin:partners_person_{view}", args=[lawless().pk]))
        assert response.status_code == 403
        assert NAME not in response.content.decode()
        assert ADDRESS not in response.content.decode()

    def test_the_secretariat_has_the_permissions(self, officer):
        assert officer.has_perm(EXPORT_PERMISSION)
        assert officer.has_perm("partners.erase_person")
        assert not officer.is_superuser

    def test_an_unknown_person_is_not_found(self, officer_client):
        for object_id in ["999999", "not-a-number"]:
            url = reverse("admin:partners_person_personal_data_json", args=[object_id])
            assert officer_client.get(url).status_code == 404


@pytest.mark.usefixtures("record")
def test_his_comment_rounds_comments_answers_and_confirmations(officer_client, with_account):
    """Issue 22: the rounds he was asked to comment in, each comment with the Secretariat's
    answer, the earlier versions of his comments, and the interventions he confirmed; nothing of
    another reviewer's."""
    person = lawless()
    spoke = person.interventions.get()  # the 2019 record's
    comment_round = make_comment_round(make_meeting(title="The 6th meeting"))
    review = make_reviewer(comment_round, person, language="fr")
    comment = make_comment(
        review,
        place="1. Welcome",
        text="Qzhiscomment",
        proposed_wording="Qzhiswording",
    )
    comment.resolution, comment.reply = Resolution.PARTLY_ACCEPTED, "Qzthereply"
    comment.save()
    Confirmation.objects.create(round=comment_round, intervention=spoke, reviewer=review)
    make_comment(make_reviewer(comment_round), text="Qzsomeoneelses")
    response, data = export_json(officer_client, person)
    [row] = data["comment_rounds"]
    assert row["meeting"].endswith("The 6th meeting (2019-07-17)")
    assert (row["language"], row["organization"]) == ("fr", person.organization.name)
    [row] = data["comments"]
    assert (row["place"], row["text"], row["proposed_wording"]) == (
        "1. Welcome",
        "Qzhiscomment",
        "Qzhiswording",
    )
    assert (row["answer"], row["reply"]) == ("Partly accepted", "Qzthereply")
    [row] = data["confirmations"]
    assert row["summary"] == spoke.summary and row["agenda_item"].startswith("1.")
    versions = [row for row in data["history"] if row["model"] == "comment_rounds.comment"]
    assert [row["fields"]["text"] for row in versions] == ["Qzhiscomment", "Qzhiscomment"]
    assert "Qzsomeoneelses" not in response.content.decode()
