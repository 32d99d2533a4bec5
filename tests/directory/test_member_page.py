"""A member's own page, /me/: who may open it, what it shows (theirs alone), and the choice of who
may see their addresses, kept in the history."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from base.record.visibility import PublicationStatus
from directory.member_page import CHANGE_REASON, ROWS_SHOWN, person_and_addresses
from meetings.models import ActionPointStatus
from partners.models import ContactVisibility, EmailAddress, Person
from tests.factories import (
    make_action_point,
    make_agenda_item,
    make_attendance,
    make_intervention,
    make_meeting,
    make_person,
)

pytestmark = pytest.mark.django_db

ME = reverse("directory:me")
# Session, user, the person with their organisation and addresses, attendances, interventions,
# their "also on behalf of", open follow-ups, their owners; their invitations, the e-mails they
# declined; the comment rounds they take part in; what they follow (following's template tag).
LINKED_QUERIES = 12
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def link(user, person):
    person.user = user
    person.save(update_fields=["user"])
    return person


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(ME)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={ME}"


def test_a_member_not_linked_is_told_to_ask_the_secretariat(member_client):
    make_person(email="someone@example.org")
    response = member_client.get(ME)
    assert response.status_code == 200
    body = response.content.decode()
    assert "not yet linked" in body
    assert "Ask the Secretariat to link your account" in body
    assert not ADDRESS.search(body)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.usefixtures("record")
class TestTheChairsPage:
    """Anousheh Karvar, who chaired the July 2019 meeting, signed in as a member."""

    def test_her_record_and_her_addresses_alone(self, member, client, django_assert_num_queries):
        link(member, Person.objects.get(slug="anousheh-karvar"))
        client.force_login(member)
        with django_assert_num_queries(LINKED_QUERIES):
            response = client.get(ME)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        body = response.content.decode()
        assert "5th Meeting of the Global Coordinating Group" in body
        assert "The Chair (Ms Anousheh Karvar) thanked Australia" in body
        assert "The Chair informed the group of events" in body
        assert "The US Department of Labor" not in body  # what others said is not hers
        # France's open follow-up; not the advance copy the ILO, UNICEF, IOM and OECD owe.
        assert "The Chair committed to confirm the dates of the next meeting" in body
        assert "advance copy" not in body
        assert ADDRESS.findall(body) == ["anousheh.karvar@sg.social.gouv.fr"]
        assert "Signed-in members" in body
        assert reverse("password_change") in body
        assert f'action="{reverse("logout")}"' in body

    def test_she_hides_her_addresses_and_the_history_says_who_and_why(self, member, client):
        person = link(member, Person.objects.get(slug="anousheh-karvar"))
        client.force_login(member)
        response = client.post(ME, {"contact_visibility": "hidden", "seen": "members"}, follow=True)
        assert "nobody sees your e-mail addresses" in response.content.decode()
        person.refresh_from_db()
        assert person.contact_visibility == ContactVisibility.HIDDEN
        latest = person.history.latest()
        assert latest.history_user == member
        assert latest.history_change_reason == CHANGE_REASON
        assert latest.contact_visibility == "hidden"
        assert latest.prev_record.contact_visibility == "members"
        # Left out of the directory, for members and the Secretariat alike.
        directory = client.get(reverse("directory:people"), {"q": "Karvar"}).content.decode()
        assert "anousheh.karvar@" not in directory

    def test_an_older_tab_does_not_overwrite_a_newer_choice(self, member, client):
        person = link(member, Person.objects.get(slug="anousheh-karvar"))
        client.force_login(member)
        client.post(ME, {"contact_visibility": "hidden", "seen": "members"})
        saved = person.history.count()
        response = client.post(
            ME, {"contact_visibility": "members", "seen": "members"}, follow=True
        )
        assert "was changed since you opened this page" in response.content.decode()
        person.refresh_from_db()
        assert person.contact_visibility == ContactVisibility.HIDDEN
        assert person.history.count() == saved

    def test_secretariat_only_is_not_the_members_to_choose(self, member, client):
        person = link(member, Person.objects.get(slug="anousheh-karvar"))
        client.force_login(member)
        response = client.post(ME, {"contact_visibility": "secretariat", "seen": "members"})
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        person.refresh_from_db()
        assert person.contact_visibility == ContactVisibility.MEMBERS

    def test_the_form_needs_its_csrf_token(self, member):
        link(member, Person.objects.get(slug="anousheh-karvar"))
        client = Client(enforce_csrf_checks=True)
        client.force_login(member)
        response = client.post(ME, {"contact_visibility": "hidden", "seen": "members"})
        assert response.status_code == 403
        assert Person.objects.get(slug="anousheh-karvar").contact_visibility == "members"


def test_a_draft_is_on_staffs_page_only(member, staff, client):
    person = make_person()
    draft = make_meeting(status=PublicationStatus.DRAFT)
    make_intervention(make_agenda_item(draft), speaker=person, summary="Said in a draft.")
    link(member, person)
    client.force_login(member)
    assert "Said in a draft." not in client.get(ME).content.decode()
    link(staff, person)  # the same person, now linked to a Secretariat officer's account
    client.force_login(staff)
    assert "Said in a draft." in client.get(ME).content.decode()


def make_record_of(person, count):
    for _ in range(count):
        meeting = make_meeting()
        make_attendance(meeting, person)
        make_intervention(make_agenda_item(meeting), speaker=person)
        point = make_action_point(meeting, status=ActionPointStatus.OPEN)
        point.owners.add(person.organization)
        done = make_action_point(meeting, status=ActionPointStatus.DONE)
        done.owners.add(person.organization)


def test_the_page_costs_the_same_with_ten_times_the_record(
    member_client, member, django_assert_num_queries
):
    person = link(member, make_person())
    make_record_of(person, 3)
    with django_assert_num_queries(LINKED_QUERIES):
        small = member_client.get(ME).content.decode()
    make_record_of(person, 27)
    with django_assert_num_queries(LINKED_QUERIES):
        large = member_client.get(ME).content.decode()
    assert small.count('class="intervention ') == 3
    assert large.count('class="intervention ') == 30
    assert "Only the latest" not in large


def test_long_lists_are_capped(member_client, member):
    person = link(member, make_person())
    meeting = make_meeting()
    item = make_agenda_item(meeting)
    for _ in range(ROWS_SHOWN + 1):
        make_intervention(item, speaker=person)
    body = member_client.get(ME).content.decode()
    assert body.count('class="intervention ') == ROWS_SHOWN
    assert f"Only the latest {ROWS_SHOWN} interventions are listed." in body


def test_each_meeting_attended_shows_the_position_held_there(
    member, member_client, django_assert_num_queries
):
    person = link(member, make_person(name="Test Person A", position="Director"))
    first = make_attendance(meeting=make_meeting(title="Test meeting one"), person=person)
    make_attendance(meeting=make_meeting(title="Test meeting two"), person=person)
    with CaptureQueriesContext(connection) as without_positions:
        member_client.get(ME)
    first.position_held = "Adviser"
    first.save()

    with django_assert_num_queries(len(without_positions)):
        body = member_client.get(ME).content.decode()

    attended = body.split('id="attended"')[1].split("</section>")[0]
    assert attended.count("· Adviser</span>") == 1
    assert "Director" not in attended


def test_the_person_and_each_of_their_addresses_once_in_their_order(member, staff):
    assert person_and_addresses(member) == (None, [])
    person = link(member, make_person(email=False))
    assert person_and_addresses(member) == (person, [])
    EmailAddress.objects.create(person=person, address="second@example.org", position=2)
    EmailAddress.objects.create(person=person, address="first@example.org", position=1)
    link(staff, make_person(email="someone.else@example.org"))
    found, addresses = person_and_addresses(member)
    assert found == person
    assert found.organization == person.organization
    assert addresses == ["first@example.org", "second@example.org"]
