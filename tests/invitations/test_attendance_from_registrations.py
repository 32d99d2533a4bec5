"""After the meeting, its attendance filled from its registrations: the invitees who attend, the
delegates in place of those who send them (found by address, by name in the organisation, or
recorded), nobody for the others; nobody twice, however often it runs; refused with a message,
nothing changed, before the meeting, for a cancelled one, or without registrations; in one
transaction, its rows' history saying why, in queries that do not grow with the registrations."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from invitations import attendance_from_registrations
from invitations.attendance_from_registrations import (
    BY_EMAIL,
    BY_NAME,
    FILLED_REASON,
    INVITEE,
    NEW_PERSON,
    attendance_fill,
    attendance_fill_plan,
)
from invitations.models import Answer
from meetings.models import Attendance, AttendanceMode
from partners.models import EmailAddress, Person
from tests.factories import make_attendance, make_organization, make_person

from .registration_rows import every_answer, invite, past_meeting

pytestmark = pytest.mark.django_db

AFTER_THE_MEETING = datetime.date(2019, 11, 15)


@pytest.fixture(autouse=True)
def after_the_meeting(today_is):
    today_is(AFTER_THE_MEETING)


def attendance(meeting):
    """{name: (organisation, mode, position held)} of the meeting's attendance."""
    return {
        row.person.name: (row.organization.name, row.mode, row.position_held)
        for row in Attendance.objects.filter(meeting=meeting).select_related(
            "person", "organization"
        )
    }


def test_each_answer_brings_whom_it_says():
    meeting = past_meeting()
    union = make_organization(name="ITUC")
    in_person = invite(
        meeting, make_person(name="Ana Ávila", organization=union, position="Director"), "in_person"
    )
    remote = invite(meeting, make_person(name="Carl Brown"), Answer.REMOTE)
    ministry = make_organization(name="Ministry of Labour")
    sender = invite(
        meeting,
        make_person(name="Dana Diaz"),
        Answer.DELEGATE,
        organization=ministry,
        delegate_name="Bernard Smith",
        delegate_position="Counsellor",
        delegate_email="bernard@example.org",
        delegate_mode=AttendanceMode.REMOTE,
    )
    invite(meeting, make_person(name="Not Coming"), Answer.NOT_ATTENDING)
    invite(meeting, make_person(name="Silent Invitee"))

    plan = attendance_fill(meeting)

    assert attendance(meeting) == {
        "Ana Ávila": ("ITUC", AttendanceMode.IN_PERSON, "Director"),
        "Carl Brown": (remote.person.organization.name, AttendanceMode.REMOTE, ""),
        # In place of the invitee, for the organisation answered for, as the answer says.
        "Bernard Smith": ("Ministry of Labour", AttendanceMode.REMOTE, "Counsellor"),
    }
    created = Person.objects.get(name="Bernard Smith")
    assert (created.organization, created.position) == (ministry, "Counsellor")
    assert list(created.emails.values_list("address", flat=True)) == ["bernard@example.org"]
    assert [(a.name, a.matched_by) for a in plan.added] == [
        ("Ana Ávila", INVITEE),
        ("Carl Brown", INVITEE),
        ("Bernard Smith", NEW_PERSON),
    ]
    assert plan.added[2].for_whom == sender.person.name
    assert [i.person.name for i in plan.not_attending] == ["Not Coming"]
    assert [i.person.name for i in plan.no_answer] == ["Silent Invitee"]
    assert plan.already_there == [] and plan.left_to_the_officer == []
    # In the list's order after what was recorded, in the order of the invitees' names.
    orders = dict(Attendance.objects.filter(meeting=meeting).values_list("person", "position"))
    assert orders[in_person.person.pk] < orders[remote.person.pk] < orders[created.pk]


def test_a_delegate_is_found_by_address_whatever_its_case():
    meeting = past_meeting()
    known = make_person(name="Bernard Smith", email="Bernard.Smith@Example.org", position="Old job")
    invite(
        meeting,
        answer=Answer.DELEGATE,
        delegate_name="B. Smith",
        delegate_email="bernard.smith@EXAMPLE.org",
        delegate_mode=AttendanceMode.IN_PERSON,
    )
    people = Person.objects.count()

    plan = attendance_fill(meeting)

    assert Person.objects.count() == people
    assert [(a.person, a.matched_by) for a in plan.added] == [(known, BY_EMAIL)]
    assert attendance(meeting)["Bernard Smith"][1:] == (AttendanceMode.IN_PERSON, "Old job")
    assert list(known.emails.values_list("address", flat=True)) == ["Bernard.Smith@Example.org"]


def test_a_delegate_is_found_by_name_in_the_organisation_answered_for():
    meeting = past_meeting()
    ministry = make_organization(name="Ministry of Labour")
    make_person(name="Bernard Smith", email=False)  # a namesake elsewhere
    known = make_person(name="Bernard Smith", organization=ministry, email=False)
    invite(
        meeting,
        make_person(organization=ministry),
        Answer.DELEGATE,
        delegate_name="Bernard Smith",
        delegate_email="bernard@ministry.example",
        delegate_position="Counsellor",
    )

    plan = attendance_fill(meeting)

    assert [(a.person, a.matched_by) for a in plan.added] == [(known, BY_NAME)]
    # The address given, no one's yet, is added to them; no mode given: in person.
    assert list(known.emails.values_list("address", flat=True)) == ["bernard@ministry.example"]
    assert attendance(meeting)["Bernard Smith"] == (
        "Ministry of Labour",
        AttendanceMode.IN_PERSON,
        "Counsellor",
    )


def test_a_name_several_people_of_the_organisation_share_is_left_to_the_officer():
    meeting = past_meeting()
    ministry = make_organization(name="Ministry of Labour")
    make_person(name="Bernard Smith", organization=ministry, email=False)
    make_person(name="Bernard Smith", organization=ministry, email=False)
    invitation = invite(
        meeting,
        make_person(organization=ministry),
        Answer.DELEGATE,
        delegate_name="Bernard Smith",
    )
    invite(meeting, answer=Answer.IN_PERSON)

    plan = attendance_fill(meeting)

    assert len(plan.added) == 1
    assert [(left.invitation, left.reason) for left in plan.left_to_the_officer] == [
        (invitation, "several people of Ministry of Labour are named Bernard Smith")
    ]
    assert "Bernard Smith" not in attendance(meeting)


def test_filling_twice_adds_nothing_and_what_was_recorded_is_left_as_it_is():
    meeting = past_meeting()
    invitations = every_answer(meeting)
    recorded = make_attendance(
        meeting=meeting, person=invitations[0].person, mode=AttendanceMode.REMOTE, position=7
    )

    first = attendance_fill(meeting)
    rows = attendance(meeting)
    people = Person.objects.count()
    second = attendance_fill(meeting)

    assert [a.name for a in first.already_there] == [invitations[0].person.name]
    assert len(first.added) == 2  # the remote invitee and the delegate
    assert attendance(meeting) == rows
    assert Person.objects.count() == people
    assert second.added == []
    assert sorted(a.name for a in second.already_there) == sorted(
        [invitations[0].person.name, invitations[1].person.name, invitations[2].delegate_name]
    )
    recorded.refresh_from_db()
    assert (recorded.mode, recorded.position) == (AttendanceMode.REMOTE, 7)
    assert sorted(
        Attendance.objects.filter(meeting=meeting).values_list("position", flat=True)
    ) == [
        7,
        8,
        9,
    ]


def test_nobody_comes_twice_in_one_fill():
    """An invitee another invitee sends, and one person two invitees send."""
    meeting = past_meeting()
    organization = make_organization()
    coming = invite(meeting, make_person(name="Erin Evans", organization=organization), "remote")
    for _ in range(2):
        invite(
            meeting,
            make_person(organization=organization),
            Answer.DELEGATE,
            delegate_name="Erin Evans",
        )
    for _ in range(2):
        invite(
            meeting,
            make_person(organization=organization),
            Answer.DELEGATE,
            delegate_name="Frank Fox",
            delegate_email="frank@example.org",
        )

    plan = attendance_fill(meeting)

    assert sorted(a.name for a in plan.added) == ["Erin Evans", "Frank Fox"]
    assert sorted(a.name for a in plan.already_there) == ["Erin Evans", "Erin Evans", "Frank Fox"]
    assert attendance(meeting)["Erin Evans"][1] == AttendanceMode.REMOTE
    assert coming.person in [a.person for a in plan.added]
    assert Person.objects.filter(name="Frank Fox").count() == 1


def test_every_row_written_says_why_in_its_history(staff):
    meeting = past_meeting()
    invite(meeting, answer=Answer.IN_PERSON)
    invite(
        meeting, answer=Answer.DELEGATE, delegate_name="New One", delegate_email="new@example.org"
    )

    attendance_fill(meeting)

    rows = [
        *Attendance.history.filter(meeting=meeting),
        *Person.history.filter(name="New One"),
        *EmailAddress.history.filter(address="new@example.org"),
    ]
    assert len(rows) == 4
    assert {row.history_change_reason for row in rows} == {FILLED_REASON}


# Refused, nothing changed -----------------------------------------------------------------------


def nothing_changed(meeting):
    return (Attendance.objects.filter(meeting=meeting).count(), Person.objects.count())


@pytest.mark.parametrize(
    ("meeting_fields", "today", "message"),
    [
        (
            {},
            datetime.date(2019, 11, 13),
            "Meeting on 14 Nov takes place on 14 November 2019: its attendance can be filled "
            "from that day on.",
        ),
        (
            {"cancelled": True},
            AFTER_THE_MEETING,
            "Meeting on 14 Nov was cancelled: it has no attendance to fill.",
        ),
        (
            {"date_precision": "month", "date": datetime.date(2019, 11, 1), "status": "draft"},
            AFTER_THE_MEETING,
            "The day of Meeting on 14 Nov is not yet known: confirm its date first.",
        ),
    ],
)
def test_refused_before_the_meeting_for_a_cancelled_one_or_its_day_unknown(
    today_is, meeting_fields, today, message
):
    today_is(today)
    meeting = past_meeting(title="Meeting on 14 Nov", **meeting_fields)
    every_answer(meeting)
    before = nothing_changed(meeting)

    with pytest.raises(ValidationError) as refused:
        attendance_fill(meeting)

    assert refused.value.messages == [message]
    assert nothing_changed(meeting) == before


def test_filled_on_the_day_of_the_meeting(today_is):
    today_is(datetime.date(2019, 11, 14))
    meeting = past_meeting()
    invite(meeting, answer=Answer.IN_PERSON)

    assert len(attendance_fill(meeting).added) == 1


def test_refused_without_registrations():
    nobody = past_meeting(title="Nobody invited")
    silent = past_meeting(title="Nobody answered")
    invite(silent)
    invite(silent)

    with pytest.raises(ValidationError) as not_invited:
        attendance_fill(nobody)
    with pytest.raises(ValidationError) as not_answered:
        attendance_fill(silent)

    assert not_invited.value.messages == [
        "Nobody was invited to Nobody invited: there are no registrations to fill from."
    ]
    assert not_answered.value.messages == [
        "No invitee of Nobody answered has answered yet: there are no registrations to fill from."
    ]
    assert Attendance.objects.count() == 0


def test_a_failure_midway_leaves_nothing_half_written(monkeypatch):
    meeting = past_meeting()
    invite(meeting, answer=Answer.IN_PERSON)
    invite(
        meeting, answer=Answer.DELEGATE, delegate_name="New One", delegate_email="new@example.org"
    )
    people = Person.objects.count()

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(attendance_from_registrations, "bulk_create_with_history", fail)
    with pytest.raises(RuntimeError):
        attendance_fill(meeting)

    assert Person.objects.count() == people  # the delegate created before the attendance: undone
    assert not EmailAddress.objects.filter(address="new@example.org").exists()
    assert Attendance.objects.filter(meeting=meeting).count() == 0


# Its queries -------------------------------------------------------------------------------------


def registrations(meeting, times):
    """`times` of every answer, the delegates of each kind: found by address, by name, new."""
    for n in range(times):
        every_answer(meeting)  # a new delegate, without an address
        known = make_person()
        invite(
            meeting,
            answer=Answer.DELEGATE,
            delegate_name="By address",
            delegate_email=known.emails.get().address.upper(),
        )
        named = make_person(name=f"Named {meeting.pk} {n}", email=False)
        invite(
            meeting,
            make_person(organization=named.organization),
            Answer.DELEGATE,
            delegate_name=named.name,
            delegate_email=f"named{meeting.pk}-{n}@example.org",
        )


def fill_queries(meeting):
    with CaptureQueriesContext(connection) as context:
        plan = attendance_fill(meeting)
    return len(context.captured_queries), len(plan.added)


# The transaction's savepoint (a test runs in a transaction) and its release; the meeting
# locked; its invitations; the delegates' addresses and names; the attendance recorded; the new
# people's slugs, their rows and their history; the addresses' last orders, their rows and their
# history; the attendance's rows and their history.
FILL_QUERIES = 15


def test_the_fill_s_queries_do_not_grow_with_the_registrations():
    few, many = past_meeting(), past_meeting()
    registrations(few, 1)
    registrations(many, 10)

    assert fill_queries(few) == (FILL_QUERIES, 5)
    assert fill_queries(many) == (FILL_QUERIES, 50)


def test_the_plan_writes_nothing_and_its_queries_do_not_grow(django_assert_num_queries):
    meeting = past_meeting()
    registrations(meeting, 10)

    with django_assert_num_queries(4):
        plan = attendance_fill_plan(meeting)

    assert len(plan.added) == 50
    assert Attendance.objects.filter(meeting=meeting).count() == 0
