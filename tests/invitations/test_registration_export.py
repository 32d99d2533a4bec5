"""A meeting's registrations as CSV: a header row, one line per invitee in the order of their
names, every cell a spreadsheet could run as a formula neutralised; for the Secretariat alone."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from invitations.models import Answer
from partners.models import OrganizationKind
from tests.factories import make_meeting, make_organization, make_person

from .registration_rows import invite

pytestmark = pytest.mark.django_db

# The session, the user, their second factor, their permissions (their own and their groups'),
# the meeting, and its invitations with their people and organisations.
QUERIES = 7


def export_url(meeting):
    return reverse("admin:invitations_registration_export", args=[meeting.pk])


def rows(response):
    text = response.content.decode()
    assert text.startswith("\ufeff")  # Excel reads the accents
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_registrations_in_the_order_of_the_names(staff_client):
    meeting = make_meeting(title="6th meeting")
    ministry = make_organization(name="Ministry of Labour", kind=OrganizationKind.GOVERNMENT)
    union = make_organization(name="ITUC", kind=OrganizationKind.WORKERS)
    invite(meeting, make_person(name="Zoë Young", organization=union))
    invite(
        meeting,
        make_person(name="Ana Ávila", organization=union),
        Answer.DELEGATE,
        organization=ministry,
        delegate_name="Bernard Smith",
        delegate_position="Counsellor",
        delegate_email="bernard@example.org",
        delegate_mode="remote",
        answered_at=datetime.datetime(2019, 10, 2, 14, 5, tzinfo=datetime.UTC),
        invited_as="All GCG members",
    )
    invite(
        meeting,
        make_person(name="Carl Brown", organization=ministry),
        Answer.IN_PERSON,
        # A delegate left from an earlier answer is not this answer's.
        delegate_name="Left over",
    )
    invite(make_meeting(), make_person(name="Another Meeting's"), Answer.IN_PERSON)

    response = staff_client.get(export_url(meeting))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="{meeting.slug}-registrations.csv"'
    )
    header, *lines = rows(response)
    assert header == [
        "Name",
        "Organisation",
        "Answered for",
        "Stakeholder group",
        "Answer",
        "Delegate",
        "Delegate's position",
        "Delegate's e-mail address",
        "The delegate attends",
        "Answered at (UTC)",
        "Invited as",
    ]
    assert lines == [
        [
            "Ana Ávila",
            "ITUC",
            "Ministry of Labour",
            "Governments",
            "Sending someone else",
            "Bernard Smith",
            "Counsellor",
            "bernard@example.org",
            "Remote",
            "2019-10-02 14:05",
            "All GCG members",
        ],
        [
            "Carl Brown",
            "Ministry of Labour",
            "",
            "Governments",
            "Attending in person",
            "",
            "",
            "",
            "",
            "2019-10-01 09:30",
            "",
        ],
        [
            "Zoë Young",
            "ITUC",
            "",
            "Workers' organisations",
            "No answer yet",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "＝", "\u2212"])
def test_cells_a_spreadsheet_would_run_are_neutralised(staff_client, start):
    meeting = make_meeting()
    invite(
        meeting,
        make_person(
            name=f'{start}HYPERLINK("http://evil.example";"x")',
            organization=make_organization(name=f"{start}1+1"),
        ),
        Answer.DELEGATE,
        delegate_name=f"{start}cmd|' /C calc'!A0",
        delegate_position=f"{start}2+3",
    )

    (_header, line) = rows(staff_client.get(export_url(meeting)))

    assert line[0] == f'\'{start}HYPERLINK("http://evil.example";"x")'
    assert line[1] == f"'{start}1+1"
    assert line[5] == f"'{start}cmd|' /C calc'!A0"
    assert line[6] == f"'{start}2+3"


def test_its_queries_do_not_grow_with_the_invitations(staff_client, django_assert_num_queries):
    meeting = make_meeting()
    invite(meeting, answer=Answer.IN_PERSON)
    staff_client.get(reverse("admin:index"))  # a session's first request loads more
    with django_assert_num_queries(QUERIES):
        assert len(rows(staff_client.get(export_url(meeting)))) == 2

    for _ in range(9):
        invite(meeting, answer=Answer.REMOTE, organization=make_organization())
    with django_assert_num_queries(QUERIES):
        assert len(rows(staff_client.get(export_url(meeting)))) == 11


def test_an_unknown_meeting_is_not_found(staff_client):
    assert (
        staff_client.get(
            reverse("admin:invitations_registration_export", args=[987654])
        ).status_code
        == 404
    )
