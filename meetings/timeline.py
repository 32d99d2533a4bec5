"""One chronological timeline of everything the record says about a country or an action group.

A timeline grows with every meeting, so it is read a page at a time: the database computes each
row's place (its date, its meeting's number, its kind's order, its order within the kind, its
key) for every kind at once, in one UNION, and sorts and slices it; only the page's rows are then
fetched, a query per kind, with all they are shown with. One COUNT of the same UNION pages it.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import (
    Case,
    CharField,
    F,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Collate
from django.utils.translation import gettext as _

from base.record.partial_dates import DatePrecision, format_partial_date

from . import record_html, shown_rows
from .models import ActionPoint, Document, Event, Intervention
from .ordinals import meeting_ordinal

KIND_ORDER = ("milestone", "intervention", "action_point", "document", "event")
# A timeline grows with every meeting: the pages show it this many entries at a time.
ENTRIES_PER_PAGE = 50
# No row of the record has this key: the database numbers them from 1.
NO_ROW = 0
# The columns of a row's place in the timeline, in the order they sort.
PLACE = ("place_date", "place_meeting", "place_kind", "place_1", "place_2", "place_text", "row")
MEETING_COLUMNS = record_html.MEETING_COLUMNS
AGENDA_ITEM_COLUMNS = record_html.AGENDA_ITEM_COLUMNS
# What a row recorded at a meeting, or at one of its agenda items, is shown with.
AT_A_MEETING = {
    "meeting": MEETING_COLUMNS,
    "agenda_item": AGENDA_ITEM_COLUMNS,
    "agenda_item__meeting": MEETING_COLUMNS,
}


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
        # TimelineKind.places computes the same key in the database; the two must agree.
        meeting = self.meeting.number if self.meeting else 0
        return (self.date or datetime.date.max, meeting, KIND_ORDER.index(self.kind), self.order)


@dataclass
class MeetingGroup:
    """Consecutive entries of one meeting's record; meeting is None for an entry standing alone."""

    meeting: object
    entries: list = field(default_factory=list)


def in_code_point_order(text, database):
    """`text` compared character by character, as Python compares strings, whatever the
    database's own collation (PostgreSQL's may follow a language's rules)."""
    if connections[database].vendor == "postgresql":
        return Collate(text, "C")
    return text  # SQLite's own collation, BINARY, compares UTF-8 bytes: code points


@dataclass(eq=False)
class TimelineKind:
    """One kind of entry: how the database places its rows, how a row becomes an Entry, and what
    it is shown with. A kind is defined once (a module's constant): its queries, but for which of
    its rows a timeline shows (`Timeline`), are made once a process and database.

    `date` and `meeting` are expressions for Entry.date and Entry.meeting's number (0 for none);
    `numbers` (at most two) and `text` the entry's order within its kind, Entry.order;
    `columns` the row's columns its entry is made and written with, `shown_with` the related
    rows it is shown with and their columns ({path: columns}, meetings.shown_rows), `prefetch`
    the many-to-many relations (their links, `shown_<name>`: record_html.linked_rows)."""

    name: str
    model: object
    make_entry: object
    date: object
    meeting: object
    numbers: tuple = ()
    text: object = None
    columns: tuple = ()
    shown_with: dict = field(default_factory=dict)
    prefetch: tuple = ()
    _made: dict = field(default_factory=dict, repr=False)

    @property
    def index(self):
        return KIND_ORDER.index(self.name)

    def fetch(self, keys, db, built=None):
        """The rows with these keys, by key, with what they are shown with (the related rows
        shared with the other kinds' through `built`).

        The keys are of rows `places` found among the rows shown: read by key alone, in no
        order, the rows' conditions (who may see them, what they concern) and their joins are
        not asked a second time.

        Asked even when the page shows none of this kind (for the key no row has), and so are
        the relations: Django would answer an empty `IN` itself, and a page's cost would then
        depend on which kinds it happens to show. Asked every time, every page of every timeline
        costs the same queries, which tests assert.
        """
        keys = keys or [NO_ROW]
        rows = shown_rows.read(self.model, keys, self.columns, self.shown_with, built, db)
        for name in self.prefetch:
            linked = record_html.linked_rows(self.model, name, keys)
            for row in rows:
                setattr(row, f"shown_{name}", linked.get(row.pk, record_html.EMPTY))
        return {row.pk: row for row in rows}

    def places(self, db):
        """Every row's place in the timeline, as `values()` of the PLACE columns, to be narrowed
        to the rows shown (made once: resolving the expressions is most of the query's cost)."""
        key = ("places", db)
        if key not in self._made:
            self._made[key] = self._places(db)
        return self._made[key]

    def _places(self, db):
        numbers = [*self.numbers, Value(0), Value(0)][:2]
        text = Value("") if self.text is None else in_code_point_order(self.text, db)
        columns = {
            "place_date": Coalesce(self.date, Value(datetime.date.max)),
            "place_meeting": Coalesce(self.meeting, Value(0), output_field=IntegerField()),
            "place_kind": Value(self.index),
            "place_1": Coalesce(numbers[0], Value(0), output_field=IntegerField()),
            "place_2": Coalesce(numbers[1], Value(0), output_field=IntegerField()),
            "place_text": Coalesce(text, Value(""), output_field=CharField()),
            "row": F("pk"),
        }
        # Each part of a UNION unordered: SQLite refuses an ORDER BY inside one.
        rows = self.model._default_manager.using(db).order_by()
        return rows.annotate(**columns).values(*PLACE)


def dated_kind(name, model, make_entry, date, meeting, **options):
    """A kind dated as `dated_entry` dates it, from the names of its date field and of the
    relation to its meeting (a list of them, the first set taken); `options` as TimelineKind's."""
    meeting_date = _first_set([f"{path}__date" for path in meeting])
    meeting_number = _first_set([f"{path}__number" for path in meeting])
    placed_at = Case(
        When(Q((f"{date}__isnull", True)), then=meeting_number),
        When(Q((date, meeting_date)), then=meeting_number),
        default=Value(0),
        output_field=IntegerField(),
    )
    place_date = Coalesce(date, meeting_date)
    return TimelineKind(name, model, make_entry, place_date, placed_at, **options)


def _first_set(names):
    return Coalesce(*names) if len(names) > 1 else F(names[0])


class Timeline:
    """The entries of some kinds in timeline order, read from the database a slice at a time:
    what a Paginator pages (it asks `count()`, then one slice).

    `kinds` are (TimelineKind, subject) pairs: the kind's rows `user` may see are shown that
    `subject` filters ({"countries": country})."""

    def __init__(self, user, kinds):
        self.user = user
        self.kinds = {kind.index: kind for kind, _subject in kinds}
        self.subjects = {kind.index: subject for kind, subject in kinds}
        self.db = {index: kind.model._default_manager.db for index, kind in self.kinds.items()}

    def shown(self, index, rows):
        """Of `rows` (of the kind `index`), those the timeline shows."""
        return rows.visible_to(self.user).filter(**self.subjects[index])

    def rows(self, index):
        """The rows the timeline shows of the kind `index`, as instances."""
        return self.shown(index, self.kinds[index].model._default_manager.all())

    @cached_property
    def _places(self):
        """Each kind's places of the rows shown (narrowed once, counted and paged)."""
        return [self.shown(i, kind.places(self.db[i])) for i, kind in self.kinds.items()]

    def count(self):
        # The rows alone, not their places: counted, they need none of the places' expressions.
        keys = [places.values("row") for places in self._places]
        return keys[0].union(*keys[1:], all=True).count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("A timeline is read a slice at a time.")
        places = self._places[0].union(*self._places[1:], all=True).order_by(*PLACE)
        places = list(places[index])
        built = {}  # the meetings and agenda items the kinds' rows share
        rows = {
            i: kind.fetch(
                [place["row"] for place in places if place["place_kind"] == i], self.db[i], built
            )
            for i, kind in self.kinds.items()
        }
        return [
            self.kinds[place["place_kind"]].make_entry(rows[place["place_kind"]][place["row"]])
            for place in places
        ]


def reported_at(meeting):
    """How an entry the record gives no date of is dated: by the meeting that reported it."""
    return _("Reported at the %(ordinal)s meeting, %(date)s") % {
        "ordinal": meeting_ordinal(meeting.number),
        "date": _day(meeting.date),
    }


def concerning(user, subject, extra_kinds=()):
    """The timeline of the record concerning `subject` that `user` may see.

    `subject` is a filter on the record's rows, {"countries": country} or {"action_groups": group};
    `extra_kinds` are (kind, subject) pairs a higher app adds, such as a country's milestones.
    """
    return Timeline(user, [*extra_kinds, *((kind, subject) for kind in RECORD_KINDS)])


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


def _day(date):
    """A meeting's date, as `date_format` prints it, worded once per page."""
    return format_partial_date(date, DatePrecision.DAY)


def _intervention_entry(intervention):
    item = intervention.agenda_item
    return Entry(
        "intervention",
        intervention,
        item.meeting.date,
        _day(item.meeting.date),
        item.meeting,
        (item.number, intervention.position),
    )


def _action_point_entry(action_point):
    meeting = action_point.meeting
    return Entry(
        "action_point",
        action_point,
        meeting.date,
        _day(meeting.date),
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


# The record's kinds every timeline shows (a higher app may add its own: `concerning`).
RECORD_KINDS = (
    TimelineKind(
        "intervention",
        Intervention,
        _intervention_entry,
        F("agenda_item__meeting__date"),
        F("agenda_item__meeting__number"),
        numbers=(F("agenda_item__number"), F("position")),
        columns=("position", "speaking_as", "kind", "summary"),
        shown_with={
            "agenda_item": AGENDA_ITEM_COLUMNS,
            "agenda_item__meeting": MEETING_COLUMNS,
            "organization": ("name", "slug"),
            "speaker": ("name",),
        },
        prefetch=("on_behalf_of",),
    ),
    TimelineKind(
        "action_point",
        ActionPoint,
        _action_point_entry,
        F("meeting__date"),
        F("meeting__number"),
        numbers=(F("position"),),
        columns=("position", "kind", "text", "due_date", "due_precision", "status"),
        shown_with=AT_A_MEETING,
        prefetch=("owners",),
    ),
    dated_kind(
        "document",
        Document,
        _document_entry,
        "date",
        ["meeting", "agenda_item__meeting"],
        text=F("title"),
        columns=record_html.DOCUMENT_COLUMNS,
        shown_with=AT_A_MEETING,
        prefetch=("organizations",),
    ),
    TimelineKind(
        "event",
        Event,
        _event_entry,
        F("start_date"),
        F("meeting__number"),
        text=F("title"),
        columns=record_html.EVENT_COLUMNS,
        shown_with=record_html.EVENT_SHOWN_WITH,
    ),
)
