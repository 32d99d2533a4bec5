"""meetings.record_html writes what the partials it stands in for write (whitespace aside, which
HTML collapses): every branch of each, with text that needs escaping, in English and French.

The partials stay the ones a meeting's page and the home page include; when one changes, this
test says that the timelines, the events list and the follow-ups list must change with it.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation

from base.record.visibility import PublicationStatus
from meetings import followup_html, record_html
from meetings.models import ActionPoint, ActionPointStatus, Event, EventStatus
from meetings.timeline import Entry
from tests.factories import (
    make_action_group,
    make_action_point,
    make_agenda_item,
    make_country,
    make_document,
    make_document_with_file,
    make_event,
    make_intervention,
    make_meeting,
    make_milestone,
    make_organization,
    make_person,
)

pytestmark = pytest.mark.django_db

# A row of meetings/followup_list.html's table as the template wrote it before followup_rows.
FOLLOW_UP_ROW = engines["django"].from_string(
    (Path(__file__).parent / "followup_row_before.html").read_text()
)
TRICKY = '<b>Tom & Jerry\'s</b> "quote"'


def same(html):
    return re.sub(r"\s+", " ", str(html)).strip()


@pytest.fixture(params=["en", "fr"])
def language(request):
    with translation.override(request.param):
        yield request.param


def entry(kind, obj):
    return Entry(kind, obj, None, "")


def partial_entry(kind, obj, level):
    """What timeline_entry.html wrote before meetings.record_html: its kind's partial."""
    templates = {
        "milestone": ("pathfinders/partials/milestone.html", {"milestone": obj}),
        "intervention": (
            "meetings/partials/intervention.html",
            {"intervention": obj, "with_source": True, "level": level},
        ),
        "action_point": ("meetings/partials/action_point.html", {"action_point": obj}),
        "document": ("meetings/partials/document.html", {"document": obj, "with_source": True}),
        "event": ("meetings/partials/event.html", {"event": obj, "level": None}),
    }
    name, context = templates[kind]
    return render_to_string(name, context)


def assert_entry(kind, obj, level=3):
    written = record_html.timeline_entry(record_html.labels(), entry(kind, obj), level)
    assert same(written) == same(partial_entry(kind, obj, level))


def test_interventions(language):
    item = make_agenda_item(title=TRICKY)
    speaker = make_person(name="Ann <Lee>")
    plain = make_intervention(agenda_item=item, summary=TRICKY + "\n\n- one\n- two")
    full = make_intervention(
        agenda_item=item, speaker=speaker, speaking_as="Chair & co", summary="Said."
    )
    full.on_behalf_of.set([make_organization(name="A & B"), make_organization()])
    for level in (3, 4):
        assert_entry("intervention", plain, level)
        assert_entry("intervention", full, level)


def test_action_points(language):
    meeting = make_meeting(title=TRICKY)
    item = make_agenda_item(meeting=meeting)
    bare = make_action_point(meeting=meeting, text=TRICKY)
    full = make_action_point(
        meeting=meeting,
        agenda_item=item,
        due_date=datetime.date(2020, 3, 1),
        due_precision="month",
        status=ActionPointStatus.IN_PROGRESS,
    )
    full.owners.set([make_organization(name="O & P"), make_organization()])
    for point in (bare, full):
        assert_entry("action_point", point)


def test_documents(language):
    item = make_agenda_item()
    bare = make_document(title=TRICKY)
    full = make_document_with_file(
        url="https://example.org/?a=1&b=2",
        date=datetime.date(2019, 5, 1),
        date_precision="day",
        description=TRICKY,
        agenda_item=item,
        meeting=item.meeting,
    )
    full.organizations.set([make_organization()])
    for document in (bare, full):
        assert_entry("document", document)


def test_events_and_the_events_list(language):
    group, country = make_action_group(name="G & H"), make_country()
    meeting = make_meeting()
    events = [
        make_event(title=TRICKY),
        make_event(
            meeting=meeting,
            city="Paris & Lyon",
            description=TRICKY,
            end_date=datetime.date(2019, 11, 13),
            date_precision="day",
            status=EventStatus.PLANNED,
            mentioned_at=make_agenda_item(meeting=meeting),
        ),
    ]
    events[1].action_groups.set([group])
    events[1].countries.set([country])
    listed = list(Event.objects.for_calendar().filter(pk__in=[e.pk for e in events]))
    record_html.with_listed_tags(listed)
    for event in listed:
        assert_entry("event", event)
        written = record_html.event(record_html.labels(), event, 3, with_tags=True)
        expected = render_to_string(
            "meetings/partials/event.html", {"event": event, "level": 3, "with_tags": True}
        )
        assert same(written) == same(expected)


def test_milestones(language):
    country = make_country()
    bare = make_milestone(country=country, note=TRICKY)
    spoken = make_intervention()
    cited = make_milestone(
        country=country, source_intervention=spoken, source_meeting=spoken.agenda_item.meeting
    )
    item = make_agenda_item()
    at_item = make_milestone(country=country, source_agenda_item=item, source_meeting=item.meeting)
    for milestone in (bare, cited, at_item):
        assert_entry("milestone", milestone)


def test_follow_up_rows(language, django_user_model):
    staff = django_user_model.objects.create(username="staff", is_staff=True)
    draft = make_meeting(status=PublicationStatus.DRAFT)
    published = make_meeting()
    meeting = make_meeting(title=TRICKY, date=datetime.date(2018, 1, 2))
    rows = [
        make_action_point(meeting=meeting, text=TRICKY),
        make_action_point(meeting=meeting, due_date=datetime.date(2018, 6, 1), due_precision="day"),
    ]
    rows[1].owners.set([make_organization()])
    for closing in (draft, published):
        point = make_action_point(meeting=meeting)
        ActionPoint.objects.filter(pk=point.pk).update(
            status=ActionPointStatus.DONE, closed_at=closing, closed_on=closing.date
        )
        point = make_action_point(meeting=meeting)
        ActionPoint.objects.filter(pk=point.pk).update(carried_over_to=closing)
    points = list(ActionPoint.objects.for_list().filter(meeting=meeting).order_by("pk"))
    for user in (AnonymousUser(), staff):
        written = followup_html.followup_rows(points, user)
        labels = {
            "kind_label": translation.gettext("Kind"),
            "decided_label": translation.gettext("Decided at"),
            "owners_label": translation.gettext("Owners"),
            "due_label": translation.gettext("Due"),
            "status_label": translation.gettext("Status"),
            "not_recorded": translation.gettext("Not recorded"),
        }
        expected = "".join(
            FOLLOW_UP_ROW.render({"point": point, "user": user, **labels}) for point in points
        )
        assert same(written) == same(expected)
        # Closed and carried over at the published meeting; at the draft, said to staff only.
        assert same(written).count(published.short_label) == 2
        assert same(written).count(draft.short_label) == (2 if user.is_staff else 0)
