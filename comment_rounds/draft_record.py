"""What a reviewer's page shows: the round's draft record (its agenda items, each with its
interventions and its decisions and follow-ups), each intervention's answer from its speakers,
and the comments the reviewer may read, each where it belongs. Eight queries, however long the
record and however many comments.

The meeting is a draft: it is read directly, not through `visible_to` (which hides drafts from
all but staff); the round is what grants the reviewer access (comment_rounds.access).

Comments can grow to hundreds: each place shows its latest COMMENTS_SHOWN of the reviewer's own
and as many of others' (when the round shares them), with how many there are in all.
"""

from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Count, F, Prefetch, Q, Value, When, Window
from django.db.models.functions import RowNumber

from meetings.models import ActionPoint, AgendaItem, Intervention

from .access import comments_seen_by
from .models import ON_THE_WHOLE, Confirmation
from .reviewers import speaks_for
from .speaker_answers import LABELS, statuses

COMMENTS_SHOWN = 10

WHOLE = ("whole", None)
REMOVED = ("removed", None)


@dataclass
class Place:
    """The comments of one place of the record: those shown, oldest first, and how many more."""

    comments: list = field(default_factory=list)
    total: int = 0

    @property
    def hidden(self):
        return self.total - len(self.comments)


def _is(condition):
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def comments_by_place(reviewer):
    """{place key: Place} of the comments `reviewer` may read: one query. A place key is
    ("item", pk), ("intervention", pk), WHOLE, or REMOVED (on a part deleted since)."""
    partition = [F("agenda_item"), F("intervention"), _is(ON_THE_WHOLE), _is(Q(reviewer=reviewer))]
    rows = (
        comments_seen_by(reviewer)
        .select_related("reviewer__person", "reviewer__organization")
        .annotate(
            rank=Window(RowNumber(), partition_by=partition, order_by=[F("made_at").desc(), "-pk"]),
            in_place=Window(Count("pk"), partition_by=partition),
        )
        .filter(rank__lte=COMMENTS_SHOWN)
        .order_by("made_at", "pk")
    )
    places = {}
    counted = set()
    for comment in rows:
        key = place_key(comment)
        place = places.setdefault(key, Place())
        place.comments.append(comment)
        # One count per partition (own and others' are counted apart); REMOVED gathers several.
        partition_key = (comment.agenda_item_id, comment.intervention_id, comment.is_on_the_whole)
        partition_key += (comment.reviewer_id == reviewer.pk,)
        if partition_key not in counted:
            counted.add(partition_key)
            place.total += comment.in_place
    return places


def place_key(comment):
    if comment.intervention_id:
        return ("intervention", comment.intervention_id)
    if comment.agenda_item_id:
        return ("item", comment.agenda_item_id)
    return WHOLE if comment.is_on_the_whole else REMOVED


def draft_record(reviewer):
    """The page's record for `reviewer`: {"items", "decisions", "whole", "removed"}; the items
    and interventions carry their comments (`place`), the interventions their speakers' answer
    (`status`, `status_label`), whether the reviewer speaks for them (`mine`) and has confirmed
    them (`confirmed_by_me`). Seven queries (eight with the comments)."""
    meeting = reviewer.round.meeting
    interventions = Intervention.objects.select_related("organization", "speaker").order_by(
        "position"
    )
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("number")
        .prefetch_related(
            Prefetch("interventions", queryset=interventions),
            Prefetch("interventions__on_behalf_of"),
        )
    )
    decisions = {}
    for point in ActionPoint.objects.filter(meeting=meeting).order_by("position", "pk"):
        decisions.setdefault(point.agenda_item_id, []).append(point)
    every_intervention = [i.pk for item in items for i in item.interventions.all()]
    answers = statuses(reviewer.round, every_intervention)
    confirmed = set(
        Confirmation.objects.filter(round=reviewer.round_id, reviewer=reviewer).values_list(
            "intervention", flat=True
        )
    )
    places = comments_by_place(reviewer)
    item_keys = set()
    for item in items:
        item.decisions = decisions.get(item.pk, [])
        item.place = places.get(("item", item.pk), Place())
        item_keys.add(("item", item.pk))
        for intervention in item.interventions.all():
            intervention.status = answers[intervention.pk]
            intervention.status_label = LABELS[intervention.status]
            intervention.mine = speaks_for(reviewer, intervention)
            intervention.confirmed_by_me = intervention.pk in confirmed
            intervention.place = places.get(("intervention", intervention.pk), Place())
            item_keys.add(("intervention", intervention.pk))
    removed = places.get(REMOVED, Place())
    # A comment on a part no longer in this meeting's draft (moved or deleted since) is shown
    # with the words that say where it was.
    for key, place in places.items():
        if key not in item_keys and key not in (WHOLE, REMOVED):
            removed.comments += place.comments
            removed.total += place.total
    removed.comments.sort(key=lambda comment: (comment.made_at, comment.pk))
    return {
        "items": items,
        "decisions": decisions.get(None, []),
        "whole": places.get(WHOLE, Place()),
        "removed": removed,
    }
