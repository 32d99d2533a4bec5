"""One chronological timeline of everything the record says about a country or an action group.

Each kind of entry is fetched once, with all it is shown with, then the kinds are merged and sorted
in Python by (date, kind order): a fixed number of queries whatever the amount of data.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from meetings.models import ActionPoint, Document, Event, Intervention, visible

from .models import Milestone

KIND_ORDER = ("milestone", "intervention", "action_point", "document", "event")


@dataclass
class Entry:
    """One line of a timeline: what, when (as known) and, if placed at a meeting, which."""

    kind: str
    obj: object
    date: datetime.date | None
    when: str
    # Set when the entry belongs to a meeting's record and is dated by it, so it can be grouped.
    meeting: object = None
    order: tuple = ()

    def sort_key(self):
        # Two meetings on one day keep their entries apart, so each can be grouped under its own.
        meeting = self.meeting.number if self.meeting else 0
        return (self.date or datetime.date.max, meeting, KIND_ORDER.index(self.kind), self.order)


@dataclass
class MeetingGroup:
    """Consecutive entries of one meeting's record; meeting is None for an entry standing alone."""

    meeting: object
    entries: list = field(default_factory=list)


def meeting_date(meeting):
    return date_format(meeting.date, "j F Y")


def reported_at(meeting):
    """How an entry the record gives no date of is dated: by the meeting that reported it."""
    return _("Reported at the %(ordinal)s meeting, %(date)s") % {
        "ordinal": ordinal(meeting.number),
        "date": meeting_date(meeting),
    }


def for_country(country, user):
    milestones = visible(
        Milestone.objects.filter(country=country).select_related(
            "source_meeting",
            "source_agenda_item__meeting",
            "source_intervention__agenda_item__meeting",
        ),
        user,
        "source_meeting",
    )
    return _build(user, {"countries": country}, milestones=milestones)


def for_action_group(group, user):
    return _build(user, {"action_groups": group})


def by_meeting(entries):
    """Group consecutive entries from the same meeting's record under that meeting."""
    groups = []
    for entry in entries:
        if entry.meeting is not None and groups and groups[-1].meeting == entry.meeting:
            groups[-1].entries.append(entry)
        else:
            groups.append(MeetingGroup(meeting=entry.meeting, entries=[entry]))
    return groups


def _build(user, concerning, milestones=()):
    interventions = (
        Intervention.objects.visible_to(user)
        .filter(**concerning)
        .select_related("agenda_item__meeting", "organization", "speaker")
        .prefetch_related("on_behalf_of")
    )
    action_points = visible(
        ActionPoint.objects.filter(**concerning)
        .select_related("meeting", "agenda_item__meeting")
        .prefetch_related("owners"),
        user,
        "meeting",
    )
    documents = visible(
        Document.objects.filter(**concerning)
        .select_related("meeting", "agenda_item__meeting")
        .prefetch_related("organizations"),
        user,
        "meeting",
        "agenda_item__meeting",
    )
    events = visible(
        Event.objects.filter(**concerning).select_related("meeting", "mentioned_at__meeting"),
        user,
        "meeting",
        "mentioned_at__meeting",
    )
    entries = [
        *map(_milestone_entry, milestones),
        *map(_intervention_entry, interventions),
        *map(_action_point_entry, action_points),
        *map(_document_entry, documents),
        *map(_event_entry, events),
    ]
    return sorted(entries, key=Entry.sort_key)


def _milestone_entry(milestone):
    meeting = milestone.source_meeting
    if milestone.date is None:
        return Entry("milestone", milestone, meeting.date, reported_at(meeting), meeting)
    return Entry(
        "milestone",
        milestone,
        milestone.date,
        milestone.date_display,
        meeting if milestone.date == meeting.date else None,
    )


def _intervention_entry(intervention):
    item = intervention.agenda_item
    return Entry(
        "intervention",
        intervention,
        item.meeting.date,
        meeting_date(item.meeting),
        item.meeting,
        (item.number, intervention.position),
    )


def _action_point_entry(action_point):
    meeting = action_point.meeting
    return Entry(
        "action_point",
        action_point,
        meeting.date,
        meeting_date(meeting),
        meeting,
        (action_point.position, action_point.pk),
    )


def _document_entry(document):
    meeting = document.meeting or (document.agenda_item and document.agenda_item.meeting)
    order = (document.title,)
    if document.date is not None:
        placed_at = meeting if meeting and meeting.date == document.date else None
        return Entry("document", document, document.date, document.date_display, placed_at, order)
    if meeting:
        return Entry("document", document, meeting.date, reported_at(meeting), meeting, order)
    return Entry("document", document, None, _("date not recorded"), None, order)


def _event_entry(event):
    order = (event.title,)
    return Entry("event", event, event.start_date, event.date_display, event.meeting, order)
