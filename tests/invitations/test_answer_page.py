"""The invitee's page, by their personal link: the answer given and changed until the deadline,
kept in the history; every mistake refused with a clear message, nothing changed, what was typed
kept; never cached; the invitee's own invitation alone; a fixed number of queries."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from base.audit.history import history_model
from invitations.answering import ANSWERED_REASON
from invitations.links import LINK_LIFETIME, make_token
from invitations.models import Answer, Invitation
from partners.models import Organization
from tests.factories import make_invitation, make_organization, make_person

from .conftest import DEADLINE, NOW

pytestmark = pytest.mark.django_db

# The invitation with its meeting, person and organisations: the page asks nothing else, for
# a reader not signed in.
QUERIES = 1
# Signed in: the session and the user too.
SIGNED_IN_QUERIES = QUERIES + 2
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def url_of(invitation):
    return reverse("invitations:answer", args=[make_token(invitation)])


def answer(client, invitation, **data):
    return client.post(url_of(invitation), {"language": "en-gb", **data})


def coming(invitation, **more):
    return {
        "answer": Answer.IN_PERSON,
        "organization": invitation.person.organization.name,
        **more,
    }


def unchanged(invitation):
    invitation.refresh_from_db()
    return invitation.answer == "" and invitation.answered_at is None


class TestTheAnswer:
    def test_the_page_shows_the_meeting_and_the_form(self, client, invitation):
        response = client.get(url_of(invitation))
        assert response.status_code == 200
        page = response.content.decode()
        assert "6th Meeting of the Global Coordinating Group" in page
        assert "November 2019" in page and "the day is not yet known" in page
        assert "Paris" in page and "Paris Peace Forum" in page
        assert "1 November 2019, 17:00 UTC" in page
        assert "Ana Invitada" in page
        assert "You have not answered yet." in page
        assert 'name="answer"' in page
        assert f'value="{invitation.person.organization.name}"' in page

    def test_an_answer_is_saved_and_kept_in_the_history(self, client, invitation):
        response = answer(client, invitation, **coming(invitation), language="fr")
        assert response.status_code == 302
        assert response["Location"] == url_of(invitation)  # the same link, now without the form
        invitation.refresh_from_db()
        assert invitation.answer == Answer.IN_PERSON
        assert invitation.organization == invitation.person.organization
        assert invitation.language == "fr"
        assert invitation.answered_at == NOW
        latest = (
            history_model(Invitation).objects.filter(id=invitation.pk).order_by("history_id").last()
        )
        assert latest.history_change_reason == ANSWERED_REASON
        assert latest.answer == Answer.IN_PERSON
        page = client.get(response["Location"]).content.decode()
        assert "Saved. You may change your answer until 1 November 2019, 17:00 UTC." in page
        assert "Attending in person" in page

    def test_the_answer_changes_until_the_deadline(self, client, invitation, time_machine):
        answer(client, invitation, **coming(invitation))
        time_machine.move_to(DEADLINE - datetime.timedelta(minutes=1), tick=False)
        answer(client, invitation, **coming(invitation, answer=Answer.REMOTE))
        invitation.refresh_from_db()
        assert invitation.answer == Answer.REMOTE
        time_machine.move_to(DEADLINE, tick=False)
        response = answer(client, invitation, **coming(invitation, answer=Answer.NOT_ATTENDING))
        assert response.status_code == 200
        page = response.content.decode()
        assert "were taken until 1 November 2019, 17:00 UTC" in page
        assert "Your answer was not changed." in page
        assert 'name="answer"' not in page  # no form: answers are closed
        invitation.refresh_from_db()
        assert invitation.answer == Answer.REMOTE

    def test_without_a_deadline_answers_are_taken_until_the_meeting_is_over(
        self, client, invitation, time_machine
    ):
        meeting = invitation.meeting
        meeting.registration_deadline = None
        meeting.date, meeting.date_precision = datetime.date(2019, 11, 14), "day"
        meeting.save()
        time_machine.move_to(datetime.datetime(2019, 11, 14, 23, 59, tzinfo=datetime.UTC))
        assert answer(client, invitation, **coming(invitation)).status_code == 302
        time_machine.move_to(datetime.datetime(2019, 11, 15, 0, 0, tzinfo=datetime.UTC))
        response = answer(client, invitation, **coming(invitation, answer=Answer.REMOTE))
        assert "has been held: answers are no longer taken" in response.content.decode()
        invitation.refresh_from_db()
        assert invitation.answer == Answer.IN_PERSON

    def test_sending_someone_else(self, client, invitation):
        data = coming(
            invitation,
            answer=Answer.DELEGATE,
            delegate_name="  Bruno   Delegado ",
            delegate_email="bruno@example.org",
            delegate_position="Adviser",
            delegate_mode="remote",
        )
        assert answer(client, invitation, **data).status_code == 302
        invitation.refresh_from_db()
        assert (invitation.delegate_name, invitation.delegate_email) == (
            "Bruno Delegado",
            "bruno@example.org",
        )
        assert (invitation.delegate_position, invitation.delegate_mode) == ("Adviser", "remote")
        page = client.get(url_of(invitation)).content.decode()
        assert "In your place: Bruno Delegado (Remote)." in page

    def test_coming_after_all_forgets_the_delegate(self, client, invitation):
        delegate = {"delegate_name": "Bruno Delegado", "delegate_mode": "remote"}
        answer(client, invitation, **coming(invitation, answer=Answer.DELEGATE, **delegate))
        answer(client, invitation, **coming(invitation, **delegate))
        invitation.refresh_from_db()
        assert invitation.answer == Answer.IN_PERSON
        assert invitation.delegate_name == "" and invitation.delegate_mode == ""

    def test_for_another_organisation_by_its_acronym(self, client, invitation):
        other = make_organization(name="International Labour Organization", acronym="ILO")
        answer(client, invitation, **coming(invitation, organization="ilo"))
        invitation.refresh_from_db()
        assert invitation.organization == other


class TestMistakes:
    """Each refused with a message saying what to do; nothing changed; what was typed kept."""

    def test_a_delegate_without_a_name(self, client, invitation):
        data = coming(
            invitation,
            answer=Answer.DELEGATE,
            delegate_name="   ",
            delegate_email="bruno@example.org",
            delegate_position="Adviser typed",
        )
        response = answer(client, invitation, **data)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Your answer was not saved" in page
        assert "Give the name of the person you are sending." in page
        assert "Say whether they attend in person or remotely." in page
        assert 'value="Adviser typed"' in page and 'value="bruno@example.org"' in page
        assert 'value="delegate" required id="id_answer_3" checked' in page
        assert unchanged(invitation)

    def test_an_unknown_organisation(self, client, invitation):
        response = answer(client, invitation, **coming(invitation, organization="Acme Widgets"))
        page = response.content.decode()
        assert "No organisation in the directory is called “Acme Widgets”" in page
        assert 'value="Acme Widgets"' in page
        assert unchanged(invitation)

    def test_an_organisation_only_a_draft_knows_is_unknown(self, client, invitation):
        hidden = make_organization(name="Draft Only Trust")
        Organization.objects.filter(pk=hidden.pk).update(visible_to_visitors=False)
        response = answer(client, invitation, **coming(invitation, organization=hidden.name))
        assert "No organisation in the directory" in response.content.decode()
        assert unchanged(invitation)

    def test_an_ambiguous_acronym(self, client, invitation):
        make_organization(name="Alpha Org", acronym="AO")
        make_organization(name="Another Org", acronym="AO")
        response = answer(client, invitation, **coming(invitation, organization="AO"))
        assert "Several organisations go by “AO”" in response.content.decode()
        assert unchanged(invitation)

    def test_no_answer_chosen_and_an_unknown_one(self, client, invitation):
        for chosen in ["", "maybe"]:
            response = answer(client, invitation, **coming(invitation, answer=chosen))
            assert response.status_code == 200
            assert 'class="errorlist' in response.content.decode()
        assert unchanged(invitation)

    def test_a_nul_character(self, client, invitation):
        response = answer(client, invitation, **coming(invitation, delegate_name="a\x00b"))
        assert response.status_code == 200
        assert "Null characters are not allowed." in response.content.decode()
        assert unchanged(invitation)

    def test_an_expired_link_says_how_to_get_a_new_one(self, client, invitation, time_machine):
        url = url_of(invitation)
        time_machine.move_to(NOW + LINK_LIFETIME + datetime.timedelta(seconds=1), tick=False)
        for response in (client.get(url), client.post(url, coming(invitation))):
            assert response.status_code == 410
            page = response.content.decode()
            assert "This link has expired" in page
            assert "each e-mail about the meeting" in page and "brings a new link" in page
            assert reverse("directory:me") in page
            assert "Ana Invitada" not in page
        assert unchanged(invitation)

    @pytest.mark.parametrize(
        "tamper",
        [
            lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
            lambda token: token.replace(token.split(":")[0], "eyJpIjoxLCJwIjoyfQ"),
            lambda token: "not-a-token",
        ],
        ids=["signature", "payload", "garbage"],
    )
    def test_a_tampered_link(self, client, invitation, tamper):
        url = reverse("invitations:answer", args=["x"]).replace(
            "/x/", f"/{tamper(make_token(invitation))}/"
        )
        response = client.post(url, coming(invitation))
        assert response.status_code == 404
        page = response.content.decode()
        assert "This link is not valid" in page
        assert "Ana Invitada" not in page
        assert unchanged(invitation)

    def test_a_link_to_an_invitation_since_deleted(self, client, invitation):
        url = url_of(invitation)
        Invitation.objects.filter(pk=invitation.pk).delete()
        response = client.get(url)
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()

    def test_a_link_used_while_signed_in_as_another_person(self, member, invitation):
        someone = make_person(name="Someone Else", user=member)
        assert someone.user == member
        client = Client()
        client.force_login(member)
        for response in (
            client.get(url_of(invitation)),
            answer(client, invitation, **coming(invitation)),
        ):
            assert response.status_code == 403
            page = response.content.decode()
            assert "This link was sent to someone else, and you are signed in as member" in page
            assert "Ana Invitada" not in page and "6th Meeting" not in page
        assert unchanged(invitation)

    def test_staff_too_are_refused_someone_elses_link(self, staff_client, invitation):
        assert staff_client.get(url_of(invitation)).status_code == 403

    def test_a_cancelled_meeting(self, client, invitation):
        invitation.meeting.cancelled = True
        invitation.meeting.save()
        response = answer(client, invitation, **coming(invitation))
        page = response.content.decode()
        assert "was cancelled: answers are no longer taken" in page
        assert 'name="answer"' not in page
        assert unchanged(invitation)
        assert "was cancelled" in client.get(url_of(invitation)).content.decode()

    def test_a_meeting_already_held(self, client, invitation, time_machine):
        time_machine.move_to(datetime.datetime(2019, 12, 1, 12, tzinfo=datetime.UTC))
        invitation.meeting.registration_deadline = None
        invitation.meeting.save()
        response = answer(client, invitation, **coming(invitation))
        assert "has been held: answers are no longer taken" in response.content.decode()
        assert unchanged(invitation)

    def test_the_form_needs_its_csrf_token(self, invitation):
        client = Client(enforce_csrf_checks=True)
        assert answer(client, invitation, **coming(invitation)).status_code == 403
        assert unchanged(invitation)

    def test_other_methods_are_refused(self, client, invitation):
        assert client.put(url_of(invitation)).status_code == 405


class TestPrivacy:
    def test_never_kept_by_a_cache(self, client, invitation):
        tampered = url_of(invitation).replace(":", ":x", 1)
        for response in (client.get(url_of(invitation)), client.get(tampered)):
            assert "no-store" in response["Cache-Control"]
            assert "private" in response["Cache-Control"]

    def test_only_the_invitees_own_invitation(self, client, invitation):
        other = make_invitation(
            invitation.meeting,
            make_person(name="Carla Otra", email="carla@example.org"),
            answer=Answer.DELEGATE,
            delegate_name="Dora Delegada",
            delegate_mode="remote",
        )
        page = client.get(url_of(invitation)).content.decode()
        assert "Carla Otra" not in page and "Dora Delegada" not in page
        # Not even the invitee's own address: only what they typed for a delegate.
        assert ADDRESS.findall(page) == []
        assert other.pk != invitation.pk

    def test_the_invitee_signed_in_uses_the_link_and_is_pointed_to_their_page(
        self, member, invitation
    ):
        invitation.person.user = member
        invitation.person.save()
        client = Client()
        client.force_login(member)
        response = client.get(url_of(invitation))
        assert response.status_code == 200
        assert f"{reverse('directory:me')}#invitations" in response.content.decode()
        assert answer(client, invitation, **coming(invitation)).status_code == 302
        latest = (
            history_model(Invitation).objects.filter(id=invitation.pk).order_by("history_id").last()
        )
        assert latest.history_user == member


class TestQueries:
    @pytest.mark.parametrize("times", [1, 10])
    def test_a_fixed_number_of_queries(self, client, invitation, times, django_assert_num_queries):
        """Other invitees, other organisations and other invitations of the person: the same."""
        for n in range(times):
            make_invitation(invitation.meeting, make_person(), answer=Answer.IN_PERSON)
            make_organization(name=f"Org {n} of {times}")
        url = url_of(invitation)
        with django_assert_num_queries(QUERIES):
            assert client.get(url).status_code == 200

    @pytest.mark.parametrize("times", [1, 10])
    def test_signed_in_as_the_invitee(self, member, invitation, times, django_assert_num_queries):
        invitation.person.user = member
        invitation.person.save()
        for _ in range(times):
            make_invitation(invitation.meeting, make_person())
        client = Client()
        client.force_login(member)
        url = url_of(invitation)
        client.get(url)
        with django_assert_num_queries(SIGNED_IN_QUERIES):
            assert client.get(url).status_code == 200
