"""What changed about a target since a moment: the one answer the digest e-mails and the Atom
feeds both give (`changes_of`).

A target is a country, an action group, an organisation, or all meetings (`Target`). The changes
are the meetings published, the milestones recorded, the decisions and follow-ups recorded, the
follow-ups that fell due while still open and those closed, and the documents added; only what
an anonymous visitor may see (`visible_to(AnonymousUser())`): nothing of a draft, ever.

The record keeps no "recorded at" column; each change's moment is read where the record does
keep it, and is never earlier than the moment a visitor could first see it:
- a meeting published: its history's first version with the status "published" (the meeting's
  date where the history does not go back so far, as for the record loaded from fixtures/);
- a milestone, a decision, a follow-up, a document: its history's creation record, or, if later,
  its meeting's publication (recorded while the meeting was a draft, it is seen once published);
  without a creation record, its meeting's publication (a document tied to no meeting and
  without history: its own date, or it is left out);
- a follow-up due: the first day of the period it is due in (partial dates are stored so),
  while it is still open;
- a follow-up closed: the day it was closed (`closed_on`), or its meeting's publication if later.

A fixed number of queries, whatever the number of targets and changes: one per kind of change,
and one per relation that ties that kind to the targets asked about; each kind's query reads at
most FETCHED rows, the newest first, and each target gets at most `limit` changes.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import DateTimeField, Min, OuterRef, Q, Subquery, TextChoices
from django.db.models.functions import Cast, Coalesce, Greatest
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from base.exports.atom import FEED_ENTRIES
from meetings.models import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    ActionPoint,
    ActionPointKind,
    Document,
    Meeting,
)
from pathfinders.models import Milestone

# The changes a target gets at most, in a digest or a feed: the newest.
LIMIT = FEED_ENTRIES
# The rows each kind's query reads at most, for every target asked about together (a digest run).
FETCHED = 1000


class TargetKind(TextChoices):
    COUNTRY = "country", _("Country")
    ACTION_GROUP = "action_group", _("Action group")
    ORGANIZATION = "organization", _("Organisation")
    MEETINGS = "meetings", _("All meetings")


@dataclass(frozen=True)
class Target:
    """What is followed: `kind`, and the row's primary key (None for all meetings)."""

    kind: str
    pk: int | None = None


ALL_MEETINGS = Target(TargetKind.MEETINGS)


class ChangeKind(TextChoices):
    MEETING_PUBLISHED = "meeting_published", _("Meeting published")
    MILESTONE = "milestone", _("Milestone recorded")
    DECISION = "decision", _("Decision")
    FOLLOW_UP = "follow_up", _("Follow-up agreed")
    FOLLOW_UP_DUE = "follow_up_due", _("Follow-up due")
    FOLLOW_UP_CLOSED = "follow_up_closed", _("Follow-up closed")
    DOCUMENT = "document", _("Document added")


@dataclass(frozen=True)
class Change:
    """One change: its words (title, url, summary) are written when read, so that a digest
    writes them in its reader's language."""

    kind: str
    moment: datetime.datetime
    key: str  # unique and stable for the change: the feed entry's id
    row: object
    describe: object  # row -> (title, url, summary)

    @property
    def title(self):
        return self.describe(self.row)[0]

    @property
    def url(self):
        """The absolute path on the portal."""
        return self.describe(self.row)[1]

    @property
    def summary(self):
        return self.describe(self.row)[2]

    @property
    def kind_label(self):
        return ChangeKind(self.kind).label


def _at_midnight(date_path):
    return Cast(date_path, DateTimeField())


def _later_of(first, second):
    """The later of two moments, either of which may be unknown (NULL): PostgreSQL's GREATEST
    skips a NULL, SQLite's MAX gives NULL, so both are asked for by name after it."""
    return Coalesce(Greatest(first, second), first, second)


def _first_version(model, pk_path="pk", **conditions):
    """The moment of the first version of `model`'s row at `pk_path` in its history (with
    `conditions`), as a subquery."""
    versions = (
        model.history.model.objects.filter(id=OuterRef(pk_path), **conditions)
        .order_by()
        .values("id")
        .annotate(first=Min("history_date"))
        .values("first")
    )
    return Subquery(versions, output_field=DateTimeField())


def _published(meeting_path):
    """When the meeting at `meeting_path` ("pk" for a meeting itself) was published (module)."""
    prefix = "" if meeting_path == "pk" else f"{meeting_path}__"
    return Coalesce(
        _first_version(Meeting, meeting_path, status="published"),
        _at_midnight(f"{prefix}date"),
    )


def _recorded(model, meeting_path):
    return Coalesce(
        _later_of(_first_version(model, history_type="+"), _published(meeting_path)),
        _published(meeting_path),
    )


def _short(text, words=30):
    return Truncator(" ".join(text.split())).words(words)


def _meeting_words(meeting):
    return (
        gettext("Meeting published: %(title)s") % {"title": meeting.title},
        meeting.get_absolute_url(),
        f"{meeting.when}, {meeting.city}",
    )


def _milestone_words(milestone):
    return (
        f"{milestone.country.name}: {milestone.get_kind_display()}",
        milestone.country.get_absolute_url(),
        _short(milestone.note)
        or gettext("Reported at the %(meeting)s") % {"meeting": milestone.source_meeting.title},
    )


ACTION_POINT_TITLES = {
    ChangeKind.DECISION: _("Decision: %(text)s"),
    ChangeKind.FOLLOW_UP: _("Follow-up agreed: %(text)s"),
    ChangeKind.FOLLOW_UP_DUE: _("Follow-up due: %(text)s"),
    ChangeKind.FOLLOW_UP_CLOSED: _("Follow-up closed: %(text)s"),
}


def _action_point_words(kind):
    def words(point):
        return (
            ACTION_POINT_TITLES[kind] % {"text": _short(point.text, 12)},
            point.get_absolute_url(),
            f"{point.meeting.title}. {point.display_status}",
        )

    return words


def _document_words(document):
    meeting = document.meeting or (document.agenda_item.meeting if document.agenda_item else None)
    if meeting is not None:
        url = meeting.get_absolute_url()
    elif document.file:
        url = reverse("meetings:document_file", kwargs={"slug": document.slug})
    else:
        url = document.url
    return (
        gettext("Document added: %(title)s") % {"title": document.title},
        url,
        _short(document.description) or document.get_kind_display(),
    )


@dataclass(frozen=True)
class Source:
    """One kind of change: its rows (with `moment`), what ties them to each kind of target, and
    how a row reads as a change."""

    kind: str
    rows: object  # () -> queryset of the rows a visitor sees, annotated `moment`
    ties: dict  # {TargetKind: [relation path to that target's primary key]}
    words: object  # row -> (title, url, summary)

    def change(self, row):
        return Change(self.kind, row.moment, f"{self.kind}-{row.pk}", row, self.words)


def _meetings():
    return Meeting.objects.visible_to(AnonymousUser()).annotate(moment=_published("pk"))


def _milestones():
    return (
        Milestone.objects.visible_to(AnonymousUser())
        .select_related("country", "source_meeting")
        .annotate(moment=_recorded(Milestone, "source_meeting"))
    )


def _action_points(kind):
    points = ActionPoint.objects.visible_to(AnonymousUser()).select_related("meeting")
    if kind == ChangeKind.FOLLOW_UP_DUE:
        return points.filter(
            kind=ActionPointKind.FOLLOW_UP, status__in=OPEN_STATUSES, due_date__isnull=False
        ).annotate(moment=_at_midnight("due_date"))
    if kind == ChangeKind.FOLLOW_UP_CLOSED:
        return points.filter(kind=ActionPointKind.FOLLOW_UP, status__in=CLOSED_STATUSES).annotate(
            moment=_later_of(_at_midnight("closed_on"), _published("meeting"))
        )
    recorded = (
        ActionPointKind.DECISION if kind == ChangeKind.DECISION else ActionPointKind.FOLLOW_UP
    )
    return points.filter(kind=recorded).annotate(moment=_recorded(ActionPoint, "meeting"))


def _documents():
    meeting_published = Coalesce(_published("meeting"), _published("agenda_item__meeting"))
    created = _first_version(Document, history_type="+")
    return (
        Document.objects.visible_to(AnonymousUser())
        .select_related("meeting", "agenda_item__meeting")
        .annotate(
            moment=Coalesce(
                _later_of(created, meeting_published), meeting_published, _at_midnight("date")
            )
        )
    )


_POINT_TIES = {
    TargetKind.COUNTRY: ["countries"],
    TargetKind.ACTION_GROUP: ["action_groups"],
    TargetKind.ORGANIZATION: ["owners"],
}

SOURCES = [
    Source(
        ChangeKind.MEETING_PUBLISHED,
        _meetings,
        {
            TargetKind.COUNTRY: ["agenda_items__interventions__countries"],
            TargetKind.ACTION_GROUP: ["agenda_items__interventions__action_groups"],
            TargetKind.ORGANIZATION: [
                "attendances__organization",
                "agenda_items__interventions__organization",
            ],
        },
        _meeting_words,
    ),
    Source(ChangeKind.MILESTONE, _milestones, {TargetKind.COUNTRY: ["country"]}, _milestone_words),
    *[
        Source(kind, lambda kind=kind: _action_points(kind), _POINT_TIES, _action_point_words(kind))
        for kind in (
            ChangeKind.DECISION,
            ChangeKind.FOLLOW_UP,
            ChangeKind.FOLLOW_UP_DUE,
            ChangeKind.FOLLOW_UP_CLOSED,
        )
    ],
    Source(
        ChangeKind.DOCUMENT,
        _documents,
        {
            TargetKind.COUNTRY: ["countries"],
            TargetKind.ACTION_GROUP: ["action_groups"],
            TargetKind.ORGANIZATION: ["organizations"],
        },
        _document_words,
    ),
]


def changes_of_target(target, until, limit=LIMIT):
    """[Change], newest first: what changed about `target` by `until` (its feed). A query per
    kind of change that can concern it."""
    changes = []
    for source in SOURCES:
        changes += [
            change for _target, change in _changes_of_source(source, [target], None, until, False)
        ]
    return _newest(changes, limit)


def _newest(changes, limit):
    changes.sort(key=lambda change: (change.moment, change.key), reverse=True)
    return changes[:limit]


def changes_of(targets, since, until, limit=LIMIT):
    """{target: [Change], newest first} for each of `targets`: what changed after `since` (a
    moment; None: since the beginning) and by `until`. `since` may also be {target: moment},
    each target's own; the rows are then read after the earliest of them."""
    targets = list(dict.fromkeys(targets))
    own_since = since if isinstance(since, dict) else dict.fromkeys(targets, since)
    found = {target: [] for target in targets}
    if not targets:
        return found
    moments = [moment for moment in own_since.values() if moment is not None]
    earliest = min(moments) if len(moments) == len(own_since) else None
    for source in SOURCES:
        for target, change in _changes_of_source(source, targets, earliest, until, True):
            if own_since[target] is None or change.moment > own_since[target]:
                found[target].append(change)
    return {target: _newest(changes, limit) for target, changes in found.items()}


def _changes_of_source(source, targets, since, until, tell_apart):
    """[(target, Change)] of one kind of change, for `targets`: one query for the rows, and, to
    `tell_apart` whose each is, one per relation to the kinds of `targets`."""
    wanted = Q(pk__in=[])
    by_kind = {}
    for target in targets:
        by_kind.setdefault(target.kind, set()).add(target.pk)
    if TargetKind.MEETINGS in by_kind:
        wanted = Q()
    else:
        for kind, pks in by_kind.items():
            for path in source.ties.get(kind, []):
                wanted |= Q(**{f"{path}__in": pks})
    rows = source.rows().filter(moment__lte=until)
    if since is not None:
        rows = rows.filter(moment__gt=since)
    if wanted != Q():
        related = source.rows().model._base_manager.filter(wanted).values("pk")
        rows = rows.filter(pk__in=related)
    rows = rows.order_by("-moment", "-pk")[:FETCHED]
    # Which row is whose, read by a query a relation, made whether or not there are rows, so
    # that their number is the same (one target's rows need no telling apart).
    ties = _ties(source, by_kind, rows) if tell_apart else None
    pairs = []
    for row in rows:
        change = source.change(row)
        for target in targets:
            if (
                ties is None
                or target.kind == TargetKind.MEETINGS
                or (target.kind, target.pk) in ties.get(row.pk, ())
            ):
                pairs.append((target, change))
    return pairs


def _ties(source, by_kind, rows):
    """{row pk: {(target kind, target pk)}} for `rows` of `source`: one query a relation."""
    ties = {}
    model = rows.model
    chosen = rows.values("pk")
    for kind in by_kind:
        for path in source.ties.get(kind, []):
            for pk, target_pk in model._base_manager.filter(pk__in=chosen).values_list("pk", path):
                if target_pk is not None:
                    ties.setdefault(pk, set()).add((kind, target_pk))
    return ties
