"""A published or announced meeting on the calendar: its event (kind "GCG meeting", linked by
`meeting`), made or brought up to date when the meeting is announced or published, kept in step
when it is edited (its date confirmed, say).

Before a meeting is held the calendar often holds its plan already: an entry such as "Next
meeting of the Global Coordinating Group (November 2019, Paris)", recorded from the report of
the meeting before it. Publishing turns that plan into the meeting's event (same entry, so its
history keeps what it was, and the feed's UID stays the same for subscribers) rather than
adding a second entry beside it. Announcing the meeting (meetings.planned_meetings) does the
same, earlier: the plan becomes the announced meeting's entry, shown as the announcement shows
the meeting, and publishing later finds it as the meeting's own.

A plan of a meeting is a GCG-meeting event linked to no meeting, not held, not mentioned at
that meeting or a later one, that was mentioned at the meeting just before it (number − 1) or
whose dates, at the precision they are known, include the meeting's date. Where several could
be, the first in this order is taken (`RULE`), and the confirmation page names the others,
which are left as they are:

1. mentioned at the meeting just before it, and its dates include the meeting's date;
2. mentioned at the meeting just before it;
3. its dates include the meeting's date, the most precisely known first (day, month, year);

and among equals, the entry recorded first. Meetings published together take their plans in
the order of their numbers, each plan once.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from base.record.partial_dates import (
    MONTH_PRECISIONS,
    YEAR_PRECISIONS,
    DatePrecision,
    first_day,
    format_partial_date,
    last_day,
)
from base.record.visibility import PublicationStatus

from .models import Event, EventKind, EventStatus

RULE = gettext_lazy(
    "When several entries could be this meeting's plan, the one mentioned at the meeting just "
    "before it whose dates include this meeting's date is taken first; then one mentioned at "
    "that meeting; then one whose dates include it, the most precisely dated first."
)


@dataclass(frozen=True)
class CalendarChange:
    """What publishing `meeting` does to the calendar: `event` is its own entry (brought up to
    date), or the plan it replaces (`replaces_plan`), or None (a new entry is added)."""

    meeting: object
    event: Event | None = None
    replaces_plan: bool = False
    mentioned_before: bool = False  # the plan was mentioned at the meeting just before
    dates_include: bool = False  # the plan's dates include the meeting's date
    others: tuple = ()  # other plans it could have replaced, left as they are

    @property
    def action(self):
        if self.replaces_plan:
            return "replace"
        return "update" if self.event is not None else "add"

    @property
    def entry_label(self):
        """The entry as the calendar shows it now: "Next meeting … (November 2019, Paris)"."""
        return entry_label(self.event) if self.event is not None else ""

    @property
    def meeting_label(self):
        """The entry as the calendar will show it: "6th Meeting … (20 November 2019, Paris)"."""
        return _label(self.meeting.title, self.meeting.date, DatePrecision.DAY, self.meeting.city)

    @property
    def others_labelled(self):
        return [(event, entry_label(event)) for event in self.others]

    @property
    def previous_meeting_label(self):
        """ "5th meeting": where the plan replaced was mentioned."""
        return self.event.mentioned_at.meeting.short_label if self.mentioned_before else ""

    def as_json(self):
        """What the confirmation page shows of it, for its digest."""
        return [
            self.action,
            self.event.pk if self.event is not None else None,
            self.entry_label,
            self.meeting_label,
            [event.pk for event in self.others],
        ]


def entry_label(event):
    return _label(event.title, event.start_date, event.date_precision, event.city, event.end_date)


def _label(title, start, precision, city, end=None):
    when = format_partial_date(start, precision, end)
    if city:
        return _("%(title)s (%(when)s, %(city)s)") % {"title": title, "when": when, "city": city}
    return _("%(title)s (%(when)s)") % {"title": title, "when": when}


def calendar_changes(meetings):
    """{meeting pk: CalendarChange} for `meetings` (Meeting instances, each with its number and
    date), as publishing them would make it: one query, whatever their number."""
    meetings = sorted(meetings, key=lambda meeting: meeting.number)
    if not meetings:
        return {}
    events = list(
        Event.objects.filter(
            Q(meeting__in=[meeting.pk for meeting in meetings])
            | (_unlinked_plans() & _could_be_plan_of_any(meetings))
        )
        .select_related("mentioned_at__meeting")
        .order_by("pk")
    )
    own = {event.meeting_id: event for event in events if event.meeting_id is not None}
    plans = [event for event in events if event.meeting_id is None]
    taken = set()
    changes = {}
    for meeting in meetings:
        candidates = sorted(
            (
                (rank, event)
                for event in plans
                if event.pk not in taken and (rank := _plan_rank(event, meeting)) is not None
            ),
            key=lambda ranked: (ranked[0], ranked[1].pk),
        )
        if meeting.pk in own:
            # Brought up to date; plans that could be it are named, and left to the officer.
            changes[meeting.pk] = CalendarChange(
                meeting, own[meeting.pk], others=tuple(event for _, event in candidates)
            )
            continue
        if not candidates:
            changes[meeting.pk] = CalendarChange(meeting)
            continue
        plan = candidates[0][1]
        taken.add(plan.pk)
        changes[meeting.pk] = CalendarChange(
            meeting,
            plan,
            replaces_plan=True,
            mentioned_before=_mentioned_just_before(plan, meeting),
            dates_include=_dates_include(plan, meeting.date),
            others=tuple(event for _, event in candidates[1:]),
        )
    return changes


def meetings_put_on_calendar(meetings, reason):
    """Give each of `meetings` (being published) its calendar entry, as `calendar_changes` says:
    its own brought up to date, a plan turned into it, or a new one. Each change is kept in the
    event's history with `reason`. Returns the events."""
    events = []
    for change in calendar_changes(meetings).values():
        meeting = change.meeting
        event = change.event or Event(description=meeting.occasion)
        if change.replaces_plan and meeting.occasion:
            # The plan's description spoke of a plan ("… committed to confirm the dates"); its
            # history keeps it. With no occasion recorded, what it said stays.
            event.description = meeting.occasion
        _take_meetings_facts(event, meeting)
        event._change_reason = reason  # kept by django-simple-history with the new version
        event.save()
        events.append(event)
    return events


def meeting_event_keep_in_step(meeting):
    """After an edit of a meeting: the calendar entry of a published or announced meeting takes
    the meeting's title, date (as far as it is known) and city, and the status its date gives it,
    saved only if that changes anything. A draft's entry is left as it is: hidden meanwhile, it is
    brought up to date when the meeting is announced or published. Returns the event, or None.

    An announced meeting is put on the calendar as publishing puts it (`calendar_changes`): its
    own entry, or the plan it replaces, or a new one. Its entry then shows what its announcement
    shows (meetings.planned_meetings): its description is the meeting's occasion, or, with none
    recorded, what the report that planned it said (an entry mentioned at a meeting); nothing
    else the draft holds."""
    if meeting.is_published:
        event = Event.objects.filter(meeting=meeting).first()
        if event is None:
            return None
        description = event.description
    elif meeting.announced:
        event = calendar_changes([meeting])[meeting.pk].event or Event()
        if event.meeting_id != meeting.pk:
            event._change_reason = ANNOUNCED_REASON  # kept by django-simple-history
        elif not _was_announced(meeting):
            # The draft's own entry, hidden until now: its slug (its id in events.json) was
            # made from what the draft called it; it takes one from the meeting's title.
            event.slug = ""
            event._change_reason = ANNOUNCED_REASON
        reported = event.mentioned_at_id is not None
        description = meeting.occasion or (event.description if reported else "")
    else:
        return None
    before = _facts(event) if event.pk else None
    _take_meetings_facts(event, meeting)
    event.description = description
    if _facts(event) != before:
        event.save()
    return event


def _was_announced(meeting):
    """Whether the meeting's version before its last save was already a planned meeting, its
    entry public then: one query (no earlier version: it was not)."""
    earlier = meeting.history.order_by("-history_id").values_list("announced", "status")[1:2]
    return any(announced and status != PublicationStatus.PUBLISHED for announced, status in earlier)


# The reason kept in an entry's history when an announcement puts the meeting on the calendar.
ANNOUNCED_REASON = "Announced"
FACTS = (
    "kind",
    "slug",
    "meeting_id",
    "title",
    "start_date",
    "end_date",
    "date_precision",
    "city",
    "description",
)


def _facts(event):
    return [getattr(event, name) for name in (*FACTS, "status")]


def _take_meetings_facts(event, meeting, today=None):
    # A span known to the day (a two-day meeting) moves with the meeting's date, while the
    # meeting's day is known.
    day_known = meeting.date_precision == DatePrecision.DAY
    span = (
        event.end_date - event.start_date
        if day_known and event.pk and event.end_date and event.date_precision == DatePrecision.DAY
        else None
    )
    event.kind = EventKind.GCG_MEETING
    event.meeting = meeting
    event.title = meeting.title
    event.start_date = meeting.date
    event.end_date = meeting.date + span if span else None
    event.date_precision = meeting.date_precision
    event.city = meeting.city
    if event.has_taken_place(today):
        event.status = EventStatus.HELD
    else:
        event.status = EventStatus.CONFIRMED if day_known else EventStatus.TO_BE_CONFIRMED


def _unlinked_plans():
    return Q(kind=EventKind.GCG_MEETING, meeting__isnull=True) & ~Q(status=EventStatus.HELD)


def _could_be_plan_of_any(meetings):
    """A superset of the plans of `meetings`, in SQL; `_plan_rank` decides."""
    condition = Q(mentioned_at__meeting__number__in=[meeting.number - 1 for meeting in meetings])
    for meeting in meetings:
        condition |= _dates_include_in_sql(meeting.date)
    return condition


def _dates_include_in_sql(day):
    """The SQL twin of `_dates_include`: the period's first day is on or before `day` and its
    last day on or after it (partial dates are stored as a day of their period)."""
    condition = Q()
    for precisions, period_start, period_end in [
        ([DatePrecision.DAY], day, day),
        (MONTH_PRECISIONS, day.replace(day=1), last_day(day, DatePrecision.MONTH)),
        (YEAR_PRECISIONS, day.replace(month=1, day=1), day.replace(month=12, day=31)),
    ]:
        condition |= Q(date_precision__in=precisions, start_date__lte=period_end) & (
            Q(end_date__gte=period_start) | Q(end_date__isnull=True, start_date__gte=period_start)
        )
    return condition


def _dates_include(event, day):
    """Whether the event's dates, at the precision they are known, include `day`: "November
    2019" includes 20 November 2019; "22–23 July 2019" includes the 23rd."""
    first = first_day(event.start_date, event.date_precision)
    last = last_day(event.end_date or event.start_date, event.date_precision)
    return first <= day <= last


def _mentioned_just_before(event, meeting):
    return event.mentioned_at_id is not None and (
        event.mentioned_at.meeting.number == meeting.number - 1
    )


PRECISION_RANK = {DatePrecision.DAY: 0, **dict.fromkeys(MONTH_PRECISIONS, 1)}


def _plan_rank(event, meeting):
    """Where the event stands among the plans of `meeting` (lower first), or None if it is not
    one: see the module's rule."""
    if event.mentioned_at_id is not None and event.mentioned_at.meeting.number >= meeting.number:
        return None  # a meeting does not plan itself, nor an earlier one
    before = _mentioned_just_before(event, meeting)
    include = _dates_include(event, meeting.date)
    if before and include:
        return (1, 0)
    if before:
        return (2, 0)
    if include:
        return (3, PRECISION_RANK.get(event.date_precision, 2))
    return None
