"""What the published record says of its comment round: when the draft was circulated, how
often re-circulated, how many comments it received from how many organisations, and how many of
the meeting's interventions their speakers confirmed. Counts only: no comment, no reviewer.

One query, whatever the number of comments (each count a subquery of the round's row).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from base.record.partial_dates import format_moment
from meetings.models import Intervention

from .models import Comment, CommentRound, Confirmation


@dataclass(frozen=True)
class RoundSummary:
    opened_at: datetime
    closes_at: datetime  # closed by hand, or the deadline (still ahead while the round is open)
    times_recirculated: int
    is_open: bool
    comments: int  # all of them, whatever their answer
    organisations: int  # distinct organisations of the reviewers who commented
    interventions_confirmed: int  # the meeting's interventions confirmed by a speaker
    interventions: int  # the meeting's interventions now

    def closes_at_text(self):
        """The moment, for the officer's notice on a draft (the deadline's hour matters)."""
        return format_moment(self.closes_at)


def _counted(rows, group, counted):
    """A subquery counting `counted` in `rows`, grouped by `group` (one group: the outer row's);
    0 when there is no row."""
    subquery = rows.order_by().values(group).annotate(n=counted).values("n")
    return Coalesce(Subquery(subquery, output_field=IntegerField()), Value(0))


def _with_counts(rounds):
    comments = Comment.objects.filter(round=OuterRef("pk"))
    confirmations = Confirmation.objects.filter(
        round=OuterRef("pk"), intervention__agenda_item__meeting=OuterRef("meeting")
    )
    interventions = Intervention.objects.filter(agenda_item__meeting=OuterRef("meeting"))
    organisation = Coalesce("reviewer__organization", "reviewer__person__organization")
    return rounds.annotate(
        comment_count=_counted(comments, "round", Count("pk")),
        organisation_count=_counted(comments, "round", Count(organisation, distinct=True)),
        confirmed_count=_counted(confirmations, "round", Count("intervention", distinct=True)),
        intervention_count=_counted(interventions, "agenda_item__meeting", Count("pk")),
    )


def round_summary(meeting, now=None):
    """The meeting's round as its published record states it, or None without a round."""
    found = _with_counts(CommentRound.objects.filter(meeting=meeting)).first()
    if found is None:
        return None
    return RoundSummary(
        opened_at=found.opened_at,
        closes_at=found.closes_at(),
        times_recirculated=found.times_recirculated,
        is_open=found.is_open(now or timezone.now()),
        comments=found.comment_count,
        organisations=found.organisation_count,
        interventions_confirmed=found.confirmed_count,
        interventions=found.intervention_count,
    )
