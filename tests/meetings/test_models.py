"""The meeting record's rules: what the database refuses, and what clean() refuses where a check
constraint cannot see across tables (so the admin refuses it)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings.models import AgendaItem, Attendance, Intervention, OfficeTerm
from pathfinders.models import Milestone
from tests.factories import (
    assert_refused,
    make_action_point,
    make_agenda_item,
    make_attendance,
    make_country,
    make_document,
    make_event,
    make_intervention,
    make_meeting,
    make_organization,
    make_person,
)

pytestmark = pytest.mark.django_db


def make_office_term(**kwargs):
    kwargs.setdefault("office", "chair")
    return OfficeTerm.objects.create(country=make_country(), **kwargs)


def refused_by_clean(obj):
    """The fields clean() names in refusing `obj`."""
    with pytest.raises(ValidationError) as excinfo:
        obj.full_clean()
    return set(excinfo.value.message_dict)


# What the database refuses


def test_agenda_item_number_twice_in_a_meeting():
    item = make_agenda_item(number=1)
    AgendaItem.objects.create(meeting=make_meeting(), number=1, title="Same number, other meeting")

    assert_refused(lambda: AgendaItem.objects.create(meeting=item.meeting, number=1, title="Again"))


def test_attendance_twice():
    attendance = make_attendance()

    assert_refused(
        lambda: Attendance.objects.create(
            meeting=attendance.meeting,
            person=attendance.person,
            organization=attendance.organization,
        )
    )


def test_intervention_position_twice_in_an_item():
    intervention = make_intervention(position=1)

    assert_refused(
        lambda: Intervention.objects.create(
            agenda_item=intervention.agenda_item,
            position=1,
            organization=intervention.organization,
            summary="Also spoke.",
        )
    )


def test_empty_intervention_summary():
    assert_refused(lambda: make_intervention(summary=""), "meetings_intervention_summary_given")


BAD_VALUES = {
    "meeting status": (make_meeting, "status", "meetings_meeting_status_valid"),
    "intervention kind": (make_intervention, "kind", "meetings_intervention_kind_valid"),
    "attendance mode": (make_attendance, "mode", "meetings_attendance_mode_valid"),
    "action point kind": (make_action_point, "kind", "meetings_actionpoint_kind_valid"),
    "action point status": (make_action_point, "status", "meetings_actionpoint_status_valid"),
    "document kind": (make_document, "kind", "meetings_document_kind_valid"),
    "event kind": (make_event, "kind", "meetings_event_kind_valid"),
    "event status": (make_event, "status", "meetings_event_status_valid"),
    "event precision": (make_event, "date_precision", "meetings_event_date_precision_valid"),
    "office": (make_office_term, "office", "partners_officeterm_office_valid"),
}


@pytest.mark.parametrize("factory, field, constraint", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_bad_choice_value(factory, field, constraint):
    obj = factory()
    rows = type(obj).objects.filter(pk=obj.pk)

    assert_refused(lambda: rows.update(**{field: "not-a-choice"}), constraint)


DATED = {
    "action point": (make_action_point, "due_date", "due_precision"),
    "document": (make_document, "date", "date_precision"),
    "office term start": (make_office_term, "start_date", "start_precision"),
    "office term end": (make_office_term, "end_date", "end_precision"),
}


@pytest.mark.parametrize("factory, date_field, precision_field", DATED.values(), ids=DATED.keys())
def test_a_date_needs_a_known_precision(factory, date_field, precision_field):
    obj = factory()
    rows = type(obj).objects.filter(pk=obj.pk)
    constraint = f"{obj._meta.model_name}_{precision_field}_valid"
    date = datetime.date(2019, 12, 1)
    rows.update(**{date_field: date, precision_field: "month"})  # known to the month: accepted

    assert_refused(lambda: rows.update(**{precision_field: ""}), constraint)  # no precision
    assert_refused(lambda: rows.update(**{precision_field: "decade"}), constraint)


def test_event_ending_before_it_starts():
    event = make_event(start_date=datetime.date(2019, 11, 11))
    rows = type(event).objects.filter(pk=event.pk)
    rows.update(end_date=datetime.date(2019, 11, 13))  # 11-13 November: accepted

    assert_refused(
        lambda: rows.update(end_date=datetime.date(2019, 11, 10)),
        "meetings_event_ends_after_start",
    )


def test_office_term_ending_before_it_starts():
    term = make_office_term(start_date=datetime.date(2019, 7, 17), start_precision="day")
    rows = OfficeTerm.objects.filter(pk=term.pk)

    assert_refused(
        lambda: rows.update(end_date=datetime.date(2019, 7, 16), end_precision="day"),
        "partners_officeterm_ends_after_start",
    )


# What clean() refuses


def test_action_point_due_before_its_meeting():
    meeting = make_meeting(date=datetime.date(2019, 7, 17))
    before = make_action_point(
        meeting=meeting, due_date=datetime.date(2019, 7, 16), due_precision="day"
    )
    same_month = make_action_point(
        meeting=meeting, due_date=datetime.date(2019, 7, 1), due_precision="month"
    )

    assert refused_by_clean(before) == {"due_date"}
    same_month.full_clean()  # "July 2019" may still fall after the 17th


def test_intervention_speaker_belongs_to_the_organisation_or_the_same_body():
    government = make_organization(name="Government of Australia")
    department = make_organization(name="Department of Foreign Affairs", parent=government)
    mission = make_organization(name="Permanent Mission of Australia to the UN", parent=government)
    speaker = make_person(name="Patrick Lawless", organization=department)

    for organization in (department, government, mission):
        make_intervention(organization=organization, speaker=speaker).full_clean()
    stranger = make_intervention(organization=make_organization(name="UNICEF"), speaker=speaker)
    assert refused_by_clean(stranger) == {"speaker"}


# SameMeetingMixin: the agenda item and intervention a row names are its meeting's. One rule,
# checked here for each model that uses it, under that model's field names.

SAME_MEETING = {
    "action point": lambda meeting, item, intervention: make_action_point(
        meeting=meeting, agenda_item=item, intervention=intervention
    ),
    "document": lambda meeting, item, intervention: make_document(
        meeting=meeting, agenda_item=item
    ),
    "milestone": lambda meeting, item, intervention: Milestone.objects.create(
        country=make_country(),
        kind="workshop_held",
        source_meeting=meeting,
        source_agenda_item=item,
        source_intervention=intervention,
    ),
}
WITH_AN_INTERVENTION = {key: SAME_MEETING[key] for key in ("action point", "milestone")}


def fields_of(row):
    """The row's (meeting, agenda item, intervention) field names, as it declares them."""
    return (*row.same_meeting_fields, None)[:3]


@pytest.mark.parametrize("make", SAME_MEETING.values(), ids=SAME_MEETING.keys())
def test_parts_of_the_same_meeting_are_accepted(make):
    meeting = make_meeting()
    item = make_agenda_item(meeting)

    make(meeting, item, make_intervention(item)).full_clean()


@pytest.mark.parametrize("make", SAME_MEETING.values(), ids=SAME_MEETING.keys())
def test_an_agenda_item_of_another_meeting_is_refused(make):
    row = make(make_meeting(), make_agenda_item(make_meeting()), None)

    assert refused_by_clean(row) == {fields_of(row)[1]}


@pytest.mark.parametrize("make", WITH_AN_INTERVENTION.values(), ids=WITH_AN_INTERVENTION.keys())
def test_an_intervention_made_at_another_meeting_is_refused(make):
    row = make(make_meeting(), None, make_intervention(make_agenda_item(make_meeting())))

    assert refused_by_clean(row) == {fields_of(row)[2]}


@pytest.mark.parametrize("make", WITH_AN_INTERVENTION.values(), ids=WITH_AN_INTERVENTION.keys())
def test_an_intervention_made_under_another_item_is_refused(make):
    meeting = make_meeting()
    item, other_item = make_agenda_item(meeting), make_agenda_item(meeting)

    row = make(meeting, item, make_intervention(other_item))

    assert refused_by_clean(row) == {fields_of(row)[2]}
