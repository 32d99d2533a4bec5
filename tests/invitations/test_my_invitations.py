"""/me/ lists the member's own invitations, with their answers and a link to each, and never
another's; in a fixed number of queries, the list capped."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from directory.member_page import ROWS_SHOWN
from invitations.models import Answer
from tests.directory.test_member_page import LINKED_QUERIES
from tests.factories import make_invitation, make_meeting, make_person

pytestmark = pytest.mark.django_db

ME = reverse("directory:me")
# As tests/directory/test_member_page.py counts them, less the two that fetch what the person's
# interventions and follow-ups link to: here they have none.
QUERIES = LINKED_QUERIES - 2


@pytest.fixture
def signed_in(member, invitee):
    invitee.user = member
    invitee.save()
    client = Client()
    client.force_login(member)
    return client


def section(page):
    return page.split('id="invitations"')[1].split("</section>")[0]


def planned_meeting(n):
    return make_meeting(
        title=f"Planned meeting {n}", date=datetime.date(2019, 12, 1), status="draft"
    )


def test_their_invitations_with_answers_and_links(signed_in, invitation, invitee):
    held = make_invitation(make_meeting(title="5th meeting, held"), invitee, answer=Answer.REMOTE)
    make_invitation(invitation.meeting, make_person(name="Carla Otra"), answer=Answer.IN_PERSON)
    listed = section(signed_in.get(ME).content.decode())
    assert "6th Meeting of the Global Coordinating Group" in listed
    assert "November 2019, Paris · not answered yet" in listed
    assert "5th meeting, held" in listed and "Attending remotely" in listed
    assert "Carla Otra" not in listed and listed.count("<li>") == 2
    assert "See your answer</a>" in listed  # the meeting held: answers closed
    links = [part.split('"')[0] for part in listed.split('href="')[1:]]
    for url in links:
        assert signed_in.get(url).status_code == 200
    assert held.pk


def test_someone_elses_invitations_never(member_client, invitation):
    page = member_client.get(ME).content.decode()  # a member not linked to anyone
    assert "6th Meeting" not in page


def test_none_yet(signed_in):
    assert "No invitation to a meeting." in signed_in.get(ME).content.decode()


def test_capped(signed_in, invitee):
    for n in range(ROWS_SHOWN + 1):
        make_invitation(planned_meeting(n), invitee)
    listed = section(signed_in.get(ME).content.decode())
    assert listed.count("<li>") == ROWS_SHOWN
    assert f"Only the latest {ROWS_SHOWN} invitations are listed." in listed


@pytest.mark.parametrize("times", [1, 10])
def test_a_fixed_number_of_queries(signed_in, invitee, times, django_assert_num_queries):
    for n in range(times):
        make_invitation(planned_meeting(f"{times}-{n}"), invitee, answer=Answer.IN_PERSON)
        make_invitation(planned_meeting(f"other {times}-{n}"), make_person())
    with django_assert_num_queries(QUERIES):
        listed = section(signed_in.get(ME).content.decode())
    assert listed.count("<li>") == times
