"""The database itself refuses what the models forbid, whatever writes to it."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from simple_history.models import HistoricalChanges

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


# What a CHECK constraint cannot see across tables, clean() checks, so the admin refuses it.


def test_action_point_due_before_its_meeting_is_refused():
    meeting = make_meeting(date=datetime.date(2019, 7, 17))
    before = make_action_point(
        meeting=meeting, due_date=datetime.date(2019, 7, 16), due_precision="day"
    )
    same_month = make_action_point(
        meeting=meeting, due_date=datetime.date(2019, 7, 1), due_precision="month"
    )

    with pytest.raises(ValidationError) as excinfo:
        before.full_clean()
    assert set(excinfo.value.message_dict) == {"due_date"}
    same_month.full_clean()  # "July 2019" may still fall after the 17th


def test_action_point_sources_must_be_its_meetings():
    meeting = make_meeting()
    other_item = make_agenda_item()
    point = make_action_point(meeting=meeting, agenda_item=other_item)
    with pytest.raises(ValidationError) as excinfo:
        point.full_clean()
    assert set(excinfo.value.message_dict) == {"agenda_item"}

    item = make_agenda_item(meeting=meeting)
    point = make_action_point(
        meeting=meeting, agenda_item=item, intervention=make_intervention(agenda_item=item)
    )
    point.full_clean()
    point.intervention = make_intervention(agenda_item=make_agenda_item(meeting=meeting))
    with pytest.raises(ValidationError) as excinfo:
        point.full_clean()
    assert set(excinfo.value.message_dict) == {"intervention"}


def test_milestone_sources_must_agree():
    meeting = make_meeting()
    item = make_agenda_item(meeting=meeting)
    milestone = make_milestone(
        source_meeting=meeting,
        source_agenda_item=item,
        source_intervention=make_intervention(agenda_item=item),
    )
    milestone.full_clean()

    milestone.source_intervention = make_intervention()
    with pytest.raises(ValidationError) as excinfo:
        milestone.full_clean()
    assert set(excinfo.value.message_dict) == {"source_intervention"}

    milestone.source_intervention = None
    milestone.source_agenda_item = make_agenda_item()
    with pytest.raises(ValidationError) as excinfo:
        milestone.full_clean()
    assert set(excinfo.value.message_dict) == {"source_agenda_item"}


def test_intervention_speaker_belongs_to_the_organisation_or_the_same_body():
    government = make_organization(name="Government of Australia")
    department = make_organization(name="Department of Foreign Affairs", parent=government)
    mission = make_organization(name="Permanent Mission of Australia to the UN", parent=government)
    speaker = make_person(name="Patrick Lawless", organization=department)

    for organization in (department, government, mission):
        make_intervention(organization=organization, speaker=speaker).full_clean()
    stranger = make_intervention(organization=make_organization(name="UNICEF"), speaker=speaker)
    with pytest.raises(ValidationError) as excinfo:
        stranger.full_clean()
    assert set(excinfo.value.message_dict) == {"speaker"}


def test_document_agenda_item_must_be_its_meetings():
    document = make_document(meeting=make_meeting(), agenda_item=make_agenda_item())

    with pytest.raises(ValidationError) as excinfo:
        document.full_clean()
    assert set(excinfo.value.message_dict) == {"agenda_item"}


def test_the_2019_record_passes_every_check(record):
    """The validation must not contradict the real record it was written for."""
    checked = 0
    for label in ["partners", "pathfinders", "actiongroups", "meetings"]:
        for model in apps.get_app_config(label).get_models():
            if issubclass(model, HistoricalChanges):
                continue
            for obj in model._default_manager.all():
                obj.full_clean()
                checked += 1
    assert checked > 300
