"""The one visibility rule (base/record/visibility.py), asked through
`Model.objects.visible_to(user)`:
what hangs off a draft meeting, and what only a draft refers to, is for staff only."""

import pytest
from django.contrib.auth.models import AnonymousUser

from base.record.visibility import PublicationStatus
from meetings.models import Meeting
from tests.factories import (
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


@pytest.fixture
def viewers(member, staff):
    """Who must not see a draft, and who must."""
    return {"anonymous": AnonymousUser(), "member": member}, staff


def shown(obj, user):
    return type(obj).objects.visible_to(user).filter(pk=obj.pk).exists()


def assert_for_staff_only(obj, viewers):
    others, staff = viewers
    for name, user in others.items():
        assert not shown(obj, user), f"{obj!r} shown to {name}"
    assert shown(obj, staff)


def assert_shown_to_all(obj, viewers):
    others, staff = viewers
    for name, user in others.items():
        assert shown(obj, user), f"{obj!r} hidden from {name}"
    assert shown(obj, staff)


def draft():
    return make_meeting(status=PublicationStatus.DRAFT)


HANGING_OFF_A_DRAFT = {
    "the meeting itself": lambda meeting: meeting,
    "an agenda item": lambda meeting: make_agenda_item(meeting),
    "an intervention": lambda meeting: make_intervention(make_agenda_item(meeting)),
    "an event that is the meeting": lambda meeting: make_event(meeting=meeting),
    "an event mentioned at it": lambda meeting: make_event(mentioned_at=make_agenda_item(meeting)),
    "a document named under an item": lambda meeting: make_document(
        agenda_item=make_agenda_item(meeting)
    ),
    "a milestone it reported": lambda meeting: make_milestone(source_meeting=meeting),
}


@pytest.mark.parametrize("make", HANGING_OFF_A_DRAFT.values(), ids=HANGING_OFF_A_DRAFT.keys())
def test_what_hangs_off_a_draft_is_for_staff_only(viewers, make):
    assert_for_staff_only(make(draft()), viewers)


@pytest.mark.parametrize("make", HANGING_OFF_A_DRAFT.values(), ids=HANGING_OFF_A_DRAFT.keys())
def test_what_hangs_off_a_published_meeting_is_shown(viewers, make):
    assert_shown_to_all(make(make_meeting()), viewers)


def test_a_draft_meetings_event_stays_hidden_though_mentioned_at_a_published_one(viewers):
    """Both of an event's paths must lead to published meetings."""
    event = make_event(meeting=draft(), mentioned_at=make_agenda_item(make_meeting()))
    assert_for_staff_only(event, viewers)


@pytest.mark.parametrize(
    "make",
    [lambda: make_event(), lambda: make_document()],
    ids=["an event on its own", "a document named at no meeting"],
)
def test_a_row_hanging_off_no_meeting_is_shown(viewers, make):
    assert_shown_to_all(make(), viewers)


def test_an_organisation_with_no_ties_at_all_is_shown(viewers):
    assert_shown_to_all(make_organization(), viewers)


def test_people_and_organisations_only_a_draft_refers_to_are_for_staff_only(viewers):
    """As the participants import of a draft meeting creates them."""
    attendance = make_attendance(draft())
    assert_for_staff_only(attendance.person, viewers)
    assert_for_staff_only(attendance.organization, viewers)


def test_a_published_tie_shows_them(viewers):
    attendance = make_attendance(draft())
    make_attendance(make_meeting(), person=attendance.person)
    assert_shown_to_all(attendance.person, viewers)
    assert_shown_to_all(attendance.organization, viewers)  # the published attendance names it


def test_a_country_named_only_by_a_drafts_milestone_is_for_staff_only(viewers):
    assert_for_staff_only(
        make_milestone(country=make_country(), source_meeting=draft()).country, viewers
    )


def test_publishing_the_meeting_shows_everything_recorded_at_it(viewers):
    meeting = draft()
    item = make_agenda_item(meeting)
    organization = make_organization()
    person = make_person(organization=organization)
    make_attendance(meeting, person=person)
    intervention = make_intervention(item, organization=organization, speaker=person)
    event = make_event(mentioned_at=item)
    milestone = make_milestone(source_meeting=meeting)
    recorded = [
        meeting,
        item,
        organization,
        person,
        intervention,
        event,
        milestone,
        milestone.country,
    ]
    for obj in recorded:
        assert_for_staff_only(obj, viewers)

    Meeting.objects.filter(pk=meeting.pk).update(status=PublicationStatus.PUBLISHED)

    for obj in recorded:
        assert_shown_to_all(obj, viewers)
