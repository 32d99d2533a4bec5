"""The page that fills a meeting's attendance from its registrations: what it will do, then,
confirmed, the report of what it did on the meeting's workspace; a refusal says why and changes
nothing; its queries do not grow with the registrations."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from invitations.models import Answer
from meetings.models import Attendance
from tests.factories import make_attendance, make_organization, make_person

from .registration_rows import invite, past_meeting

pytestmark = pytest.mark.django_db

# The session, the user, their second factor, the user's permissions (their own and their
# groups'), the meeting, and the plan's four (the invitations, the delegates' addresses and
# names, the attendance recorded).
PAGE_QUERIES = 10


@pytest.fixture(autouse=True)
def after_the_meeting(today_is):
    today_is(datetime.date(2019, 11, 15))


def fill_url(meeting):
    return reverse("admin:invitations_registration_fill_attendance", args=[meeting.pk])


def sample(meeting, n=""):
    """An invitee in person already recorded, one remote, a delegate to record, one not
    attending and one silent."""
    recorded = invite(meeting, make_person(name=f"Ana Ávila{n}"), Answer.IN_PERSON)
    make_attendance(meeting=meeting, person=recorded.person)
    invite(meeting, make_person(name=f"Carl Brown{n}"), Answer.REMOTE)
    invite(
        meeting,
        make_person(name=f"Dana Diaz{n}"),
        Answer.DELEGATE,
        organization=make_organization(),
        delegate_name=f"Bernard Smith{n}",
        delegate_email=f"bernard{n}@example.org",
    )
    invite(meeting, make_person(name=f"Not Coming{n}"), Answer.NOT_ATTENDING)
    invite(meeting, make_person(name=f"Silent Invitee{n}"))


def test_the_page_says_what_will_be_done_and_changes_nothing(staff_client):
    meeting = past_meeting()
    sample(meeting)

    response = staff_client.get(fill_url(meeting))

    assert response.status_code == 200
    body = response.content.decode()
    plan = response.context["plan"]
    assert [a.name for a in plan.added] == ["Carl Brown", "Bernard Smith"]
    assert "2 people to add" in body
    assert "delegate, recorded as a new person, in place of Dana Diaz" in body
    assert "Ana Ávila" in body and "Not Coming" in body and "Silent Invitee" in body
    assert 'value="Fill the attendance"' in body
    assert Attendance.objects.filter(meeting=meeting).count() == 1


def test_confirmed_it_fills_and_reports_on_the_workspace(staff_client):
    meeting = past_meeting()
    sample(meeting)

    response = staff_client.post(fill_url(meeting))

    workspace = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    assert response.status_code == 302
    assert response["Location"] == f"{workspace}#attendances-group"
    assert Attendance.objects.filter(meeting=meeting).count() == 3
    reported = [str(message) for message in get_messages(response.wsgi_request)]
    assert reported == [
        "2 people added to the attendance from the registrations: check them below.",
        "Added: Carl Brown, Remote; Bernard Smith, delegate, recorded as a new "
        "person, for Dana Diaz, In person",
        "Already in the attendance, left as they were: Ana Ávila",
        "Not attending: Not Coming",
        "No answer: Silent Invitee",
    ]
    page = staff_client.get(response["Location"]).content.decode()
    assert 'id="attendances-group"' in page
    assert "2 people added to the attendance" in page


def test_a_second_time_there_is_nothing_to_add(staff_client):
    meeting = past_meeting()
    sample(meeting)
    staff_client.post(fill_url(meeting))

    page = staff_client.get(fill_url(meeting)).content.decode()
    again = staff_client.post(fill_url(meeting))

    assert "Nothing to add" in page
    assert 'value="Fill the attendance"' not in page
    assert again.status_code == 302
    assert Attendance.objects.filter(meeting=meeting).count() == 3


def test_a_refusal_says_why_and_changes_nothing(staff_client, today_is):
    today_is(datetime.date(2019, 11, 1))
    meeting = past_meeting(title="6th meeting")
    sample(meeting)

    page = staff_client.get(fill_url(meeting))
    posted = staff_client.post(fill_url(meeting))

    message = (
        "6th meeting takes place on 14 November 2019: its attendance can be filled from that "
        "day on."
    )
    for response in (page, posted):
        assert response.status_code == 200
        body = response.content.decode()
        assert message in body
        assert "Nothing has been changed." in body
        assert 'value="Fill the attendance"' not in body
    assert Attendance.objects.filter(meeting=meeting).count() == 1


def test_an_unknown_meeting_is_not_found(staff_client):
    assert (
        staff_client.get(
            reverse("admin:invitations_registration_fill_attendance", args=[987654])
        ).status_code
        == 404
    )


def page_queries(client, meeting):
    with CaptureQueriesContext(connection) as context:
        response = client.get(fill_url(meeting))
    assert response.status_code == 200
    return len(context.captured_queries), len(response.context["plan"].added)


def test_the_page_s_queries_do_not_grow_with_the_registrations(staff_client):
    few, many = past_meeting(), past_meeting()
    sample(few)
    for n in range(10):
        sample(many, n)
    staff_client.get(reverse("admin:index"))  # a session's first request loads more

    assert page_queries(staff_client, few) == (PAGE_QUERIES, 2)
    assert page_queries(staff_client, many) == (PAGE_QUERIES, 20)
