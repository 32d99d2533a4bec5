"""S27: a person erased on request (the person's admin page, "Erase on request…") is found
nowhere afterwards: on no public or member page (the S1 table's walk: every page, every object,
every filter choice, every further page, every export), in no search result, in no row of any
history table (nor of any table of the database), in no kept page, in no backup made after;
while the meeting record still reads, naming them by their role and organisation, and the
history says an erasure was made on request, when and by whom.

Patrick Lawless, Assistant Secretary at Australia's Department for Foreign Affairs and Trade in
the 2019 record, is the person: with an account, a session and sign-in records of his own, a
follow-up and an admin log entry naming him, a reason in the history naming him and a digest
sent to his address. Each needle is first found where it is later looked for, so that these
tests can fail.
"""

import json

import pytest
from axes.models import AccessLog
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from base.audit.history import history_model
from base.audit.recently_deleted import history_models
from comment_rounds.models import Comment, Confirmation, Resolution, Reviewer, RoundEmail
from comment_rounds.round_summary import round_summary
from invitations.models import Answer, EmailKind, Invitation, OptOut, SentEmail
from meetings.models import (
    ActionPoint,
    ActionPointKind,
    Attendance,
    AttendanceMode,
    FollowupDigestSent,
    Intervention,
)
from partners.models import ContactVisibility, EmailAddress, Person
from partners.personal_data.erasure import ERASED_REASON, AlreadyErased, person_erase
from partners.personal_data.mentions import Mentions
from search import fts
from search.kinds import KINDS
from tests.factories import (
    make_comment,
    make_comment_round,
    make_invitation,
    make_organization,
    make_person,
    make_reviewer,
)
from tests.security.url_table import SITE, entry_urls, public_pages, text_of

NAME = "Patrick Lawless"
ADDRESS = "Patrick.lawless@dfat.gov.au"
USERNAME = "plawless"
# His family name is in no other text of the record: nothing with it may be left.
NEEDLES = ["lawless", ADDRESS.lower()]
WORDING = "the Assistant Secretary of Department for Foreign Affairs and Trade"
SUMMARY_AFTER = (
    "The Assistant Secretary of Department for Foreign Affairs and Trade from Australia opened "
    "the session"
)
# With his one address, his account and its session: the person locked, the account's sessions,
# sign-in records and deletion (its groups, its sessions, its three kinds of second factor, the
# history's authors set to none), the
# addresses and their deletions' history, the history and admin log of his rows deleted, the
# digests, then one read and at most one update per table of the record and of its history
# naming him, and his row saved with the erasure's history entry; on SQLite, its search index
# merged (one read of its tables, one 'optimize' of each kind's), so no old word stays behind.
# Issue 21 added 13: the invitations' history authors set to none (1); his invitation, the e-mail
# sent about it, its deletion and that deletion's history row (4); his invitations' history and
# his opt-outs deleted (2); his address emptied where a colleague's answer names him as delegate,
# there and in its history (2); the invitations and their history read, and rewritten where
# they name him (4).
# Issue 22 added 18: the rounds' and comments' history authors set to none (2); his reviews' ids,
# their deletion (the reviews read, their comments read, the e-mails about the comments, his
# confirmations and the e-mails to him deleted, his comments deleted, one history row for each of
# his two comments, his reviews deleted) and his comments' history deleted (11); the rounds'
# history, and the comments and their history read and rewritten where they name him (5).
# Issue 23 added 11: the organisations he is the focal point of (none here; each is saved with
# its history when there is one), and his account's follows, deleted with it (none: read once)
# (2); the site's pages and the messages to the Secretariat, and their history, read where they
# name him (4); their history's authors and the replies he sent set to none (3); the messages
# written from his addresses, and their history, cleared of them (2).
# After the erasure the search forgets him: on SQLite its index's tables are optimised (1 + one
# per table); on PostgreSQL its vocabulary (the "Did you mean" words) is made again without him
# (its deletion, then one insert per kind of result).
ERASURE_QUERIES = 125 + (1 + len(fts.tables()) if connection.vendor == "sqlite" else 1 + len(KINDS))
HIS_COMMENT = "Qzhiscomment: the summary of item 1 is too short."
FOLLOW_UP = "Patrick Lawless to share Australia's lessons as Chair with France."


def lawless():
    return Person.objects.get(pk=Person.objects.get(name=NAME).pk)


def found_in(text):
    text = text.lower()
    return [needle for needle in NEEDLES if needle in text]


@pytest.fixture
def his_traces(django_user_model, officer):
    """Everything of him the portal can hold, beyond the 2019 record's rows."""
    user = django_user_model.objects.create_user(
        USERNAME, email=ADDRESS, password="a-long-test-password-9", last_name="Lawless"
    )
    person = lawless()
    person.user = user
    person._change_reason = f"Linked {NAME}'s account"
    person.save()
    Client().force_login(user)  # a session, and a sign-in in axes' log
    AccessLog.objects.create(
        username=USERNAME, ip_address="192.0.2.24", user_agent="x", http_accept="*/*"
    )
    ActionPoint.objects.create(
        meeting=person.attendances.get().meeting, kind=ActionPointKind.FOLLOW_UP, text=FOLLOW_UP
    )
    attendance = person.attendances.get()
    LogEntry.objects.log_actions(officer.pk, [attendance], ADDITION)
    FollowupDigestSent.objects.create(
        recipient=ADDRESS, sent_on="2019-08-01", content_hash="0" * 64
    )
    # Invited to the meeting, answered by sending a colleague, e-mailed, and declined reminders;
    # named, with his address, as the delegate in a colleague's answer.
    meeting = person.attendances.get().meeting
    his = make_invitation(
        meeting,
        person,
        answer=Answer.DELEGATE,
        delegate_name="Emma Goodwin",
        delegate_email="Emma.goodwin@dfat.gov.au",
        delegate_mode=AttendanceMode.REMOTE,
    )
    SentEmail.objects.create(invitation=his, kind=EmailKind.INVITATION, sent_on="2019-07-01")
    OptOut.objects.create(person=person, kind=EmailKind.REMINDER)
    make_invitation(
        meeting,
        Person.objects.get(name="Emma Goodwin"),
        answer=Answer.DELEGATE,
        delegate_name=NAME,
        delegate_email=ADDRESS,
        delegate_position="Assistant Secretary",
        delegate_mode=AttendanceMode.IN_PERSON,
    )
    # A round on the meeting's draft record (issue 22): he commented twice, once naming himself,
    # confirmed his intervention and was e-mailed; a colleague's comment names him.
    comment_round = make_comment_round(meeting, closed_at=timezone.now())
    review = make_reviewer(comment_round, person)
    make_comment(review, text=HIS_COMMENT, reply="Noted.", resolution=Resolution.DECLINED)
    make_comment(review, text=f"{NAME} asks for the figures to be checked.")
    Confirmation.objects.create(
        round=comment_round, intervention=person.interventions.get(), reviewer=review
    )
    RoundEmail.objects.create(reviewer=review, kind=EmailKind.ROUND_OPENED, sent_on="2019-07-20")
    make_comment(
        make_reviewer(comment_round, Person.objects.get(name="Graciela Guzman")),
        text=f"As {NAME} said, the item needs a decision.",
    )
    return person


def erase(client, person):
    url = reverse("admin:partners_person_erase", args=[person.pk])
    return client.post(url, {"confirm": "on"})


def every_history_row_naming():
    """(table, row id) of every row of every history table with a needle in any column."""
    found = []
    for model in history_models():
        history = history_model(model)
        for row in history.objects.values_list():
            if found_in(" ".join(str(value) for value in row)):
                found.append((history._meta.db_table, row[0]))
    return found


def every_row_naming():
    """(table, row) of every row of every table of the database with a needle in it."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                if found_in(" ".join(str(value) for value in row)):
                    found.append((table, row))
    return found


def backup_text(tmp_path, name):
    folder = tmp_path / name
    call_command("backup", directory=folder)
    (path,) = folder.glob("gcg-*.json")
    assert json.loads(path.read_text())
    return path.read_text()


def search(client, q):
    """The results the search gives for `q` (not the page around them, which repeats `q`)."""
    response = client.get(reverse("search:results"), {"q": q})
    assert response.status_code == 200
    page = response.content.decode()
    start = page.find('class="search-group"')
    return "" if start < 0 else page[start : page.index("</main>")]


@pytest.mark.usefixtures("record")
class TestAfterErasure:
    def test_his_name_and_address_are_nowhere(self, his_traces, officer, member, tmp_path):
        officer_client, member_client, visitor = Client(), Client(), Client()
        officer_client.force_login(officer)
        member_client.force_login(member)
        meeting_page = Attendance.objects.get(person=his_traces).meeting.get_absolute_url()
        directory = reverse("directory:people")
        # Before: found on a public page, a member's, in the search, the history, the database
        # and the backup; the pages kept in the page cache for visitors and members.
        assert found_in(visitor.get(meeting_page).content.decode()) == ["lawless"]
        assert found_in(member_client.get(directory).content.decode()) == NEEDLES
        assert "lawless" in found_in(search(member_client, "Lawless"))
        assert every_history_row_naming()
        assert {table for table, _row in every_row_naming()} >= {
            "auth_user",
            "axes_accesslog",
            "django_admin_log",
            "meetings_followupdigestsent",
            "partners_emailaddress",
            "invitations_invitation",
            "invitations_historicalinvitation",
            "comment_rounds_comment",
            "comment_rounds_historicalcomment",
        }
        assert found_in(backup_text(tmp_path, "before")) == NEEDLES

        response = erase(officer_client, his_traces)
        assert response.status_code == 302

        # Every public page as a visitor and as a member, and the members' own pages.
        pages = public_pages(officer_client)
        urls = [url for found in pages.values() for url in found]
        assert meeting_page in urls and directory in urls
        members_only = [
            url
            for key, (_how, expected) in SITE.items()
            if expected["member"] == 200
            and expected["anonymous"] != 200
            and not key.startswith("admin:")
            for url in entry_urls(key)
        ]
        assert reverse("directory:people_csv") in members_only
        assert reverse("directory:people_vcard") in members_only
        # A personal link refuses a member who is not its invitee (S1's table): nothing shown.
        refused = {
            url for key, found in pages.items() if SITE[key][1]["member"] == 403 for url in found
        }
        left = []
        for reader, walked in [(visitor, urls), (member_client, urls + members_only)]:
            for url in walked:
                response = reader.get(url)
                expected = (403,) if reader is member_client and url in refused else (200, 302)
                assert response.status_code in expected, url
                if found := found_in(text_of(response)):
                    left.append((url, found))
        assert not left, left
        for reader in (visitor, member_client, officer_client):
            for q in ["Lawless", NAME, ADDRESS, "dfat.gov.au"]:
                assert not found_in(search(reader, q)), q
        assert not every_history_row_naming()
        assert not every_row_naming()
        assert not found_in(backup_text(tmp_path, "after"))

    def test_the_record_still_reads(self, his_traces, officer_client):
        erase(officer_client, his_traces)
        person = Person.objects.get(pk=his_traces.pk)
        assert person.name == "The Assistant Secretary of Department for Foreign Affairs and Trade"
        assert person.position == "Assistant Secretary"
        assert person.organization.name == "Department for Foreign Affairs and Trade"
        assert person.contact_visibility == ContactVisibility.HIDDEN
        assert person.user is None and person.erased_at is not None
        assert not person.emails.exists()
        # The meeting's rows stay: he attended and took the floor, under his role.
        assert Attendance.objects.filter(person=person).count() == 1
        # The admin's log of his attendance stays, under his role.
        [logged] = LogEntry.objects.filter(object_id=str(person.attendances.get().pk))
        assert logged.object_repr.startswith(f"T{WORDING[1:]} at 5th Meeting")
        spoke = Intervention.objects.get(speaker=person)
        assert spoke.summary.startswith(SUMMARY_AFTER)
        assert ActionPoint.objects.filter(
            text=f"T{WORDING[1:]} to share Australia's lessons as Chair with France."
        ).exists()

    def test_his_account_sessions_and_sign_in_records_are_gone(
        self, his_traces, officer_client, django_user_model
    ):
        user_pk = his_traces.user.pk
        assert Session.objects.count() == 2  # his and the officer's
        erase(officer_client, his_traces)
        assert not django_user_model.objects.filter(pk=user_pk).exists()
        assert Session.objects.count() == 1  # the officer's
        assert not AccessLog.objects.filter(username__iexact=USERNAME).exists()
        assert not FollowupDigestSent.objects.filter(recipient__iexact=ADDRESS).exists()

    def test_the_history_records_the_erasure_without_the_name(
        self, his_traces, officer, officer_client
    ):
        erase(officer_client, his_traces)
        [entry] = history_model(Person).objects.filter(id=his_traces.pk)
        assert entry.history_change_reason == ERASED_REASON
        assert entry.history_user == officer
        assert entry.history_type == "~"
        assert not found_in(entry.name)
        page = officer_client.get(
            reverse("admin:partners_person_history", args=[his_traces.pk])
        ).content.decode()
        assert ERASED_REASON in page
        assert not found_in(page)
        # Nothing of his to bring back from "Recently deleted".
        assert not found_in(officer_client.get(reverse("admin:recently_deleted")).content.decode())

    def test_kept_pages_are_retired(self, his_traces, officer_client, member):
        """Pages kept for visitors and members before the erasure are never served after it."""
        visitor, member_client = Client(), Client()
        member_client.force_login(member)
        meeting_page = Attendance.objects.get(person=his_traces).meeting.get_absolute_url()
        directory = reverse("directory:people")
        for _kept in range(2):  # rendered and kept, then served from the cache
            assert found_in(visitor.get(meeting_page).content.decode())
            assert found_in(member_client.get(directory).content.decode()) == NEEDLES
        erase(officer_client, his_traces)
        assert not found_in(visitor.get(meeting_page).content.decode())
        assert not found_in(member_client.get(directory).content.decode())

    def test_the_change_page_says_erased_and_offers_no_second_erasure(
        self, his_traces, officer_client
    ):
        erase(officer_client, his_traces)
        page = officer_client.get(
            reverse("admin:partners_person_change", args=[his_traces.pk])
        ).content.decode()
        assert reverse("admin:partners_person_erase", args=[his_traces.pk]) not in page
        assert not found_in(page)


@pytest.mark.usefixtures("record")
class TestMistakes:
    def test_a_person_without_an_account(self, officer_client):
        person = Person.objects.get(name="Graciela Guzman")
        assert person.user is None
        response = erase(officer_client, person)
        assert response.status_code == 302
        summary = Intervention.objects.get(speaker=person).summary
        assert summary.startswith(
            "Argentina (a representative of Ministry of Production and Labour) took the floor"
        )
        assert not EmailAddress.objects.filter(address="gbguzman@trabajo.gob.ar").exists()

    def test_namesakes_and_a_longer_address_keep_theirs(self, officer_client):
        """Another Patrick Lawless, a name that holds his, an organisation named after him and
        an address that starts with his are not his: kept, and the namesakes said first."""
        him = lawless()
        same = make_person(name=NAME, email=False)
        longer = make_person(name=f"Anne {NAME}", email=False)
        hyphenated = make_person(name=f"{NAME}-Byrne", email=False)
        foundation = make_organization(name=f"{NAME} Foundation")
        other_address = f"{ADDRESS}.uk"
        note = ActionPoint.objects.create(
            meeting=him.attendances.get().meeting,
            kind=ActionPointKind.FOLLOW_UP,
            text=f"Write to {other_address} and to {ADDRESS}.",
        )
        page = officer_client.get(reverse("admin:partners_person_erase", args=[him.pk]))
        said = page.content.decode()
        namesakes = said[said.index("keep their names: ") :].split(".")[0]
        assert sorted(namesakes.removeprefix("keep their names: ").split(", ")) == [
            f"Anne {NAME}",
            NAME,
        ]

        erase(officer_client, him)
        for person, name in [(same, NAME), (longer, f"Anne {NAME}"), (hyphenated, f"{NAME}-Byrne")]:
            person.refresh_from_db()
            assert person.name == name
            assert {row.name for row in person.history.all()} == {name}
        foundation.refresh_from_db()
        assert foundation.name == f"{NAME} Foundation"
        note.refresh_from_db()
        assert note.text == f"Write to {other_address} and to (address erased)."

    def test_a_name_is_found_whichever_apostrophe_either_side_writes(self):
        for kept, written in [("O’Brien", "O'Brien"), ("O'Brien", "O’Brien")]:
            mentions = Mentions(
                name=f"Siobhán {kept}", position="", wording="x", addresses=[], address_wording=""
            )
            assert mentions.found_in(f"Siobhán {written} spoke"), (kept, written)

    def test_a_get_changes_nothing(self, officer_client):
        person = lawless()
        response = officer_client.get(reverse("admin:partners_person_erase", args=[person.pk]))
        assert response.status_code == 200
        page = response.content.decode()
        assert ADDRESS in page  # said: the addresses deleted
        assert WORDING in page  # and the words that will name him
        assert 'name="confirm"' in page and "csrfmiddlewaretoken" in page
        assert lawless().name == NAME and lawless().erased_at is None
        assert EmailAddress.objects.filter(address=ADDRESS).exists()

    def test_a_post_without_the_confirmation_changes_nothing(self, officer_client):
        person = lawless()
        history = history_model(Person).objects.filter(id=person.pk).count()
        response = officer_client.post(reverse("admin:partners_person_erase", args=[person.pk]))
        assert response.status_code == 200
        assert "errorlist" in response.content.decode()
        assert lawless().name == NAME and lawless().erased_at is None
        assert EmailAddress.objects.filter(address=ADDRESS).exists()
        assert history_model(Person).objects.filter(id=person.pk).count() == history

    def test_cancelling_changes_nothing(self, officer_client):
        person = lawless()
        page = officer_client.get(
            reverse("admin:partners_person_erase", args=[person.pk])
        ).content.decode()
        change = reverse("admin:partners_person_change", args=[person.pk])
        assert f'href="{change}" class="button cancel-link"' in page
        assert officer_client.get(change).status_code == 200
        assert lawless().name == NAME and EmailAddress.objects.filter(address=ADDRESS).exists()

    def test_a_second_post_says_it_was_done_already(self, officer_client):
        person = lawless()
        erase(officer_client, person)
        response = erase(officer_client, person)
        assert response.status_code == 302
        page = officer_client.get(response["Location"]).content.decode()
        assert "already erased" in page
        with pytest.raises(AlreadyErased):
            person_erase(person.pk, None)

    def test_a_post_without_the_csrf_token_is_refused(self, officer):
        client = Client(enforce_csrf_checks=True)
        client.force_login(officer)
        person = lawless()
        response = erase(client, person)
        assert response.status_code == 403
        assert lawless().name == NAME


@pytest.mark.usefixtures("record")
class TestErasureQueries:
    @pytest.mark.parametrize("more", [0, 5])
    def test_as_many_queries_however_many_texts_name_him(self, his_traces, officer, more):
        """A few per table, none per row: five more follow-ups naming him cost nothing more."""
        meeting = his_traces.attendances.get().meeting
        for n in range(more):
            ActionPoint.objects.create(
                meeting=meeting, kind=ActionPointKind.FOLLOW_UP, text=f"{NAME} to write {n}."
            )
        ContentType.objects.clear_cache()  # counted whatever an earlier test left cached
        with CaptureQueriesContext(connection) as queries:
            person_erase(his_traces.pk, officer)
        assert len(queries) == ERASURE_QUERIES


@pytest.mark.usefixtures("record")
class TestHisInvitations:
    """Invitations are not the record (his attendance is): his are deleted with their history,
    the e-mails sent about them and the e-mails he declined; a colleague's answer naming him as
    delegate keeps its place, his name and address gone from it and from its history."""

    def test_his_invitations_and_opt_outs_are_deleted(self, his_traces, officer):
        history = history_model(Invitation)
        assert history.objects.filter(person_id=his_traces.pk).exists()
        person_erase(his_traces.pk, officer)
        assert not Invitation.objects.filter(person=his_traces).exists()
        assert not history.objects.filter(person_id=his_traces.pk).exists()
        assert not SentEmail.objects.exists()
        assert not OptOut.objects.filter(person=his_traces).exists()

    def test_a_colleagues_answer_naming_him_is_kept_without_him(self, his_traces, officer):
        person_erase(his_traces.pk, officer)
        [colleagues] = Invitation.objects.all()
        assert colleagues.person.name == "Emma Goodwin"
        assert colleagues.answer == Answer.DELEGATE
        assert colleagues.delegate_name == capfirst(WORDING)
        assert colleagues.delegate_email == ""
        versions = history_model(Invitation).objects.filter(id=colleagues.pk)
        assert versions.exists()
        assert not [v for v in versions if found_in(f"{v.delegate_name} {v.delegate_email}")]


@pytest.mark.usefixtures("record")
class TestHisComments:
    """His part in a comment round is not the record: his reviews are deleted with their
    comments (and their history), the answers to them, his confirmations and the e-mails sent;
    a colleague's comment naming him is kept without his name; the published counts leave him
    out."""

    def test_his_comments_confirmations_and_e_mails_are_deleted(self, his_traces, officer):
        [review] = Reviewer.objects.filter(person=his_traces)
        versions = history_model(Comment).objects.filter(reviewer_id=review.pk)
        assert versions.count() == 2 and Confirmation.objects.filter(reviewer=review).exists()
        person_erase(his_traces.pk, officer)
        assert not Reviewer.objects.filter(person=his_traces).exists()
        assert not Confirmation.objects.exists() and not RoundEmail.objects.exists()
        assert not versions.exists()  # nor the versions his comments' deletion wrote
        assert not history_model(Comment).objects.filter(text=HIS_COMMENT).exists()
        [colleagues] = Comment.objects.all()
        assert colleagues.text == f"As {WORDING} said, the item needs a decision."
        versions = history_model(Comment).objects.filter(id=colleagues.pk)
        assert [version.text for version in versions] == [colleagues.text]

    def test_the_published_counts_leave_him_out(self, his_traces, officer):
        meeting = his_traces.attendances.get().meeting
        before = round_summary(meeting)
        assert (before.comments, before.organisations, before.interventions_confirmed) == (3, 2, 1)
        person_erase(his_traces.pk, officer)
        after = round_summary(meeting)
        assert (after.comments, after.organisations, after.interventions_confirmed) == (1, 1, 0)
