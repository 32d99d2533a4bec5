"""One chronological timeline of everything the record says about a country or an action group.

Each kind of entry is fetched once, with all it is shown with, then the kinds are merged and sorted
in Python by (date, kind order): a fixed number of queries whatever the amount of data.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.humanize.templatetags.humanize import ordinal
from django.core.paginator import Paginator
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from base.partial_dates import format_partial_date

from .models import ActionPoint, Document, Event, Intervention

KIND_ORDER = ("milestone", "intervention", "action_point", "document", "event")
# A timeline grows with every meeting: the pages show it this many entries at a time.
ENTRIES_PER_PAGE = 50


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


def reported_at(meeting):
    """How an entry the record gives no date of is dated: by the meeting that reported it."""
    return _("Reported at the %(ordinal)s meeting, %(date)s") % {
        "ordinal": ordinal(meeting.number),
        "date": date_format(meeting.date),
    }


def concerning(user, subject, extra_entries=()):
    """The sorted entries of the record concerning `subject` that `user` may see.

    `subject` is a filter on the record's rows, {"countries": country} or {"action_groups": group};
    `extra_entries` are entries a higher app adds, such as a country's milestones.
    """
    interventions = (
        Intervention.objects.visible_to(user)
        .filter(**subject)
        .select_related("agenda_item__meeting", "organization", "speaker")
        .prefetch_related("on_behalf_of")
    )
    action_points = (
        ActionPoint.objects.visible_to(user)
        .filter(**subject)
        .select_related("meeting", "agenda_item__meeting")
        .prefetch_related("owners")
    )
    documents = (
        Document.objects.visible_to(user)
        .filter(**subject)
        .select_related("meeting", "agenda_item__meeting")
        .prefetch_related("organizations")
    )
    events = (
        Event.objects.visible_to(user)
        .filter(**subject)
        .select_related("meeting", "mentioned_at__meeting")
    )
    entries = [
        *extra_entries,
        *map(_intervention_entry, interventions),
        *map(_action_point_entry, action_points),
        *map(_document_entry, documents),
        *map(_event_entry, events),
    ]
    return sorted(entries, key=Entry.sort_key)


def page_of(entries, request):
    """The page of `entries` the request's `page` asks for (the first for a missing or bad one,
    the last for one past the end), so a long timeline is read a page at a time."""
    return Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))


def by_meeting(entries):
    """Group consecutive entries from the same meeting's record under that meeting."""
    groups = []
    for entry in entries:
        if entry.meeting is not None and groups and groups[-1].meeting == entry.meeting:
            groups[-1].entries.append(entry)
        else:
            groups.append(MeetingGroup(meeting=entry.meeting, entries=[entry]))
    return groups


def dated_entry(kind, obj, date, precision, meeting, order=()):
    """An entry dated by its own (partial) date, grouped under `meeting` if held that day; or,
    with no date of its own, dated by the meeting that reported it."""
    if date is None:
        if meeting is None:
            return Entry(kind, obj, None, _("date not recorded"), None, order)
        return Entry(kind, obj, meeting.date, reported_at(meeting), meeting, order)
    placed_at = meeting if meeting is not None and meeting.date == date else None
    return Entry(kind, obj, date, format_partial_date(date, precision), placed_at, order)


def _intervention_entry(intervention):
    item = intervention.agenda_item
    return Entry(
        "intervention",
        intervention,
        item.meeting.date,
        date_format(item.meeting.date),
        item.meeting,
        (item.number, intervention.position),
    )


def _action_point_entry(action_point):
    meeting = action_point.meeting
    return Entry(
        "action_point",
        action_point,
        meeting.date,
        date_format(meeting.date),
        meeting,
        (action_point.position, action_point.pk),
    )


def _document_entry(document):
    meeting = document.meeting or (document.agenda_item and document.agenda_item.meeting)
    return dated_entry(
        "document", document, document.date, document.date_precision, meeting, (document.title,)
    )


def _event_entry(event):
    when = format_partial_date(event.start_date, event.date_precision, event.end_date)
    return Entry("event", event, event.start_date, when, event.meeting, (event.title,))
