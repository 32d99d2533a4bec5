"""The database itself refuses what the models forbid, whatever writes to it."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from meetings.models import AgendaItem, Attendance, Intervention
from partners.models import EmailAddress
from tests.factories import (
    make_action_group,
    make_action_point,
    make_agenda_item,
    make_attendance,
    make_country,
    make_document,
    make_event,
    make_intervention,
    make_meeting,
    make_milestone,
    make_organization,
    make_person,
)

pytestmark = pytest.mark.django_db


def refused(write, constraint=None):
    """Run `write` in its own transaction and check the database refuses it."""
    with pytest.raises(IntegrityError) as excinfo:
        with transaction.atomic():
            write()
    if constraint:
        # SQLite and PostgreSQL both name the check constraint that failed.
        assert constraint in str(excinfo.value)


def test_agenda_item_number_twice_in_a_meeting():
    item = make_agenda_item(number=1)
    AgendaItem.objects.create(meeting=make_meeting(), number=1, title="Same number, other meeting")

    refused(lambda: AgendaItem.objects.create(meeting=item.meeting, number=1, title="Again"))


def test_attendance_twice():
    attendance = make_attendance()

    refused(
        lambda: Attendance.objects.create(
            meeting=attendance.meeting,
            person=attendance.person,
            organization=attendance.organization,
        )
    )


def test_intervention_position_twice_in_an_item():
    intervention = make_intervention(position=1)

    refused(
        lambda: Intervention.objects.create(
            agenda_item=intervention.agenda_item,
            position=1,
            organization=intervention.organization,
            summary="Also spoke.",
        )
    )


def test_empty_intervention_summary():
    refused(lambda: make_intervention(summary=""), "meetings_intervention_summary_given")


def test_two_email_addresses_equal_up_to_case():
    make_person(email="Beate.Andrees@ilo.org")

    refused(lambda: make_person(email="beate.andrees@ILO.org"))
    assert EmailAddress.objects.filter(address__iexact="beate.andrees@ilo.org").count() == 1


BAD_VALUES = {
    "milestone stage": (make_milestone, "kind", "pathfinders_milestone_kind_valid"),
    "organisation kind": (make_organization, "kind", "partners_organization_kind_valid"),
    "country kind": (make_country, "kind", "pathfinders_country_kind_valid"),
    "intervention kind": (make_intervention, "kind", "meetings_intervention_kind_valid"),
    "action point kind": (make_action_point, "kind", "meetings_actionpoint_kind_valid"),
    "document kind": (make_document, "kind", "meetings_document_kind_valid"),
    "event kind": (make_event, "kind", "meetings_event_kind_valid"),
    "meeting status": (make_meeting, "status", "meetings_meeting_status_valid"),
    "action group status": (make_action_group, "status", "actiongroups_actiongroup_status_valid"),
    "action point status": (make_action_point, "status", "meetings_actionpoint_status_valid"),
    "event status": (make_event, "status", "meetings_event_status_valid"),
    "event precision": (make_event, "date_precision", "meetings_event_date_precision_valid"),
    "attendance mode": (make_attendance, "mode", "meetings_attendance_mode_valid"),
}


@pytest.mark.parametrize("factory, field, constraint", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_bad_choice_value(factory, field, constraint):
    obj = factory()
    rows = type(obj).objects.filter(pk=obj.pk)

    refused(lambda: rows.update(**{field: "not-a-choice"}), constraint)


DATED = {
    "milestone": (make_milestone, "date", "date_precision"),
    "action point": (make_action_point, "due_date", "due_precision"),
    "document": (make_document, "date", "date_precision"),
}


@pytest.mark.parametrize("factory, date_field, precision_field", DATED.values(), ids=DATED.keys())
def test_precision_must_be_known(factory, date_field, precision_field):
    obj = factory()
    rows = type(obj).objects.filter(pk=obj.pk)
    constraint = f"{obj._meta.db_table}_{precision_field}_valid"
    date = datetime.date(2019, 12, 1)
    rows.update(**{date_field: date, precision_field: "month"})  # known to the month: accepted

    refused(lambda: rows.update(**{precision_field: ""}), constraint)  # a date without precision
    refused(lambda: rows.update(**{precision_field: "decade"}), constraint)  # a bad precision


def test_event_ending_before_it_starts():
    event = make_event(start_date=datetime.date(2019, 11, 11))
    rows = type(event).objects.filter(pk=event.pk)
    rows.update(end_date=datetime.date(2019, 11, 13))  # 11-13 November: accepted

    refused(
        lambda: rows.update(end_date=datetime.date(2019, 11, 10)),
        "meetings_event_ends_after_start",
    )


def record_with_every_reference():
    organization = make_organization()
    person = make_person(organization=organization)
    country = make_country()
    meeting = make_meeting()
    make_attendance(meeting=meeting, person=person)
    make_milestone(country=country, source_meeting=meeting)
    return {"organisation": organization, "person": person, "country": country, "meeting": meeting}


@pytest.mark.parametrize("name", ["organisation", "person", "country", "meeting"])
def test_deleting_what_the_record_refers_to(name):
    obj = record_with_every_reference()[name]

    with pytest.raises(ProtectedError):
        with transaction.atomic():
            obj.delete()
    assert type(obj).objects.filter(pk=obj.pk).exists()
