"""A planned meeting: the next meeting, announced to everyone while its record is still the
Secretariat's draft (PRODUCT.md, "Who sees what"; issue 21).

Which meetings are planned is `Meeting.objects.announced()` (announced, not published). What
anyone may see of one is written here, once, and every page that shows one reads it through
here: its number and title, its date as far as it is known ("November 2019" or "14 November
2019"), its city, what it is held alongside (its occasion), whether it is cancelled, and, once
the Secretariat marks it ready to circulate, its draft agenda (each item's number and title).
Nothing else of the draft (its chair, attendance, interventions, decisions, documents, the
items' narratives) is read here, so nothing else can reach a page: a `PlannedMeeting` holds
these facts alone, not the model instance.

Its calendar entry shows the same facts (meetings.calendar_entries keeps it in step;
EventQuerySet.visible_to shows it to everyone).
"""

import dataclasses
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from base.record.partial_dates import DatePrecision, has_passed
from base.web.slug_urls import slug_url

from .models import AgendaItem, Meeting
from .record_html import EMPTY

# The columns a planned meeting is shown with: what its announcement says, and no other.
ANNOUNCED_COLUMNS = (
    "number",
    "title",
    "slug",
    "date",
    "date_precision",
    "city",
    "occasion",
    "cancelled",
    "agenda_circulated",
)
# The meetings list and the home page show at most this many planned meetings: a handful are
# planned at any time, and nothing listed grows without bound.
PLANNED_SHOWN = 10


@dataclass(frozen=True)
class PlannedMeeting:
    """What anyone may see of an announced meeting. `agenda`: its draft agenda as (number,
    title) pairs once circulated (empty: "no agenda yet"), None before (or not read)."""

    number: int
    title: str
    slug: str
    date: object
    date_precision: str
    city: str
    occasion: str
    cancelled: bool
    agenda_circulated: bool
    agenda: tuple | None = None

    @property
    def day_known(self):
        return self.date_precision == DatePrecision.DAY

    when = Meeting.when  # "14 November 2019", or "November 2019" while its day is not known

    def has_passed(self, today=None):
        """Its date, at the precision known, is over: "November 2019" from 1 December on."""
        return has_passed(self.date, self.date_precision, today)

    def get_absolute_url(self):
        return slug_url("meetings:detail", self.slug)


def still_to_come(today):
    """The condition on meetings whose date, at the precision known, has not passed by `today`:
    a date known to the month is stored as its first day (the SQL twin of `has_passed`)."""
    return Q(date_precision=DatePrecision.DAY, date__gte=today) | Q(
        date_precision=DatePrecision.MONTH, date__gte=today.replace(day=1)
    )


def _shown(rows):
    return [PlannedMeeting(*row) for row in rows.values_list(*ANNOUNCED_COLUMNS)]


def upcoming(today=None):
    """The planned meetings still to come, soonest first (cancelled ones too, said so), at most
    PLANNED_SHOWN: one query."""
    today = today or timezone.localdate()
    rows = Meeting.objects.announced().filter(still_to_come(today))
    return _shown(rows.order_by("date", "number")[:PLANNED_SHOWN])


def next_meeting(planned):
    """Of `planned` (as `upcoming` gives them), the next meeting not cancelled, and the
    cancelled ones planned before it (all of them, if none is still on): what the home page
    says of the upcoming meeting."""
    for index, meeting in enumerate(planned):
        if not meeting.cancelled:
            return meeting, planned[:index]
    return None, list(planned)


def announcement(slug):
    """The announced meeting with this slug as its public page shows it, with its draft agenda
    if it was circulated; None if no announced meeting has it. One query, two with the agenda."""
    found = _shown(Meeting.objects.announced().filter(slug=slug))
    if not found:
        return None
    meeting = found[0]
    if not meeting.agenda_circulated:
        return meeting
    items = AgendaItem.objects.filter(meeting__slug=slug).order_by("number")
    return dataclasses.replace(meeting, agenda=tuple(items.values_list("number", "title")))


def without_drafts_tags(events, user):
    """On the calendar's page, a planned meeting's entry shows what its announcement shows: the
    action groups and countries its entry names (record_html.with_listed_tags) stay with staff,
    as everything else its draft holds (they may be known to the record through the draft
    alone). `events` are selected with their meeting."""
    if user.is_staff:
        return
    for event in events:
        if event.meeting_id is not None and not event.meeting.is_published:
            event.listed_tags = (EMPTY, EMPTY)
