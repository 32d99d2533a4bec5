"""What the speakers answered about their interventions in a round: for each intervention,
"confirmed", "correction proposed" or "no answer yet".

A correction is a comment on the intervention, with a proposed wording, by one who speaks for it
(comment_rounds.reviewers.speaks_for: its named speaker, or a participant for the organisation
that took the floor). It outweighs a confirmation: a summary one speaker confirmed and another
would correct is not confirmed.
"""

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .models import Comment, Confirmation

CONFIRMED = "confirmed"
CORRECTION_PROPOSED = "correction_proposed"
NO_ANSWER = "no_answer"

LABELS = {
    CONFIRMED: _("Confirmed"),
    CORRECTION_PROPOSED: _("Correction proposed"),
    NO_ANSWER: _("No answer yet"),
}

# A comment's reviewer speaks for the comment's intervention (reviewers.speaks_for, as a filter).
BY_A_SPEAKER = Q(reviewer__person=F("intervention__speaker")) | Q(
    reviewer__organization=F("intervention__organization")
)


def corrections(comment_round):
    """The comments of `comment_round` that are corrections proposed by a speaker."""
    return (
        Comment.objects.filter(round=comment_round, intervention__isnull=False)
        .exclude(proposed_wording="")
        .filter(BY_A_SPEAKER)
    )


def statuses(comment_round, interventions):
    """{intervention pk: CONFIRMED | CORRECTION_PROPOSED | NO_ANSWER} for the pks
    `interventions`. Two queries."""
    corrected = set(
        corrections(comment_round)
        .filter(intervention__in=interventions)
        .values_list("intervention", flat=True)
    )
    confirmed = set(
        Confirmation.objects.filter(
            round=comment_round, intervention__in=interventions
        ).values_list("intervention", flat=True)
    )
    return {
        pk: CORRECTION_PROPOSED if pk in corrected else CONFIRMED if pk in confirmed else NO_ANSWER
        for pk in interventions
    }
