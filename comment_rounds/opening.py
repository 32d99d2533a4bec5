"""Opening a comment round on a draft meeting, closing it by hand and re-circulating it with a new
deadline: each a change of the round kept in its history with its reason. The rules of when each
is refused are comment_rounds.rules'; reviewers are added by comment_rounds.reviewers."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from base.record.partial_dates import format_moment
from meetings.models import Meeting

from .models import CommentRound
from .reviewers import add_reviewers
from .rules import deadline_refused, opening_refused, recirculating_refused

OPENED_REASON = "Circulated for comments"
CLOSED_REASON = "Closed by hand"
RECIRCULATED_REASON = "Re-circulated with a new deadline"


class RoundRefused(Exception):
    """A change the rules refuse: its message says why, for the officer."""


def _refuse_if(refusal):
    if refusal:
        raise RoundRefused(refusal)


@transaction.atomic
def open_round(meeting, audience, deadline, shares_comments, now=None):
    """The round opened on `meeting`, its reviewers added (raises RoundRefused)."""
    now = now or timezone.now()
    # Locked, so that two officers opening a round on the same meeting at once open one.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _refuse_if(opening_refused(meeting) or deadline_refused(deadline, now))
    comment_round = CommentRound(
        meeting=meeting,
        audience=audience,
        deadline=deadline,
        shares_comments=shares_comments,
        opened_at=now,
    )
    comment_round._change_reason = OPENED_REASON
    comment_round.save()
    add_reviewers(comment_round)
    return comment_round


def _locked(comment_round):
    return (
        CommentRound.objects.select_for_update().select_related("meeting").get(pk=comment_round.pk)
    )


@transaction.atomic
def close_round(comment_round, now=None):
    """Closes the open `comment_round` now; returns it (raises RoundRefused)."""
    now = now or timezone.now()
    locked = _locked(comment_round)
    if not locked.is_open(now):
        raise RoundRefused(closed_already(locked))
    locked.closed_at = now
    locked._change_reason = CLOSED_REASON
    locked.save(update_fields=["closed_at"])
    return locked


def closed_already(comment_round):
    return _("The round closed on %(closed)s already: comments are no longer taken.") % {
        "closed": format_moment(comment_round.closes_at())
    }


@transaction.atomic
def recirculate(comment_round, deadline, now=None):
    """Opens the closed `comment_round` again until `deadline`, adding the people who take part
    since it was opened or last re-circulated; returns (round, how many were added) (raises
    RoundRefused)."""
    now = now or timezone.now()
    locked = _locked(comment_round)
    _refuse_if(recirculating_refused(locked, now) or deadline_refused(deadline, now))
    locked.deadline = deadline
    locked.closed_at = None
    locked.recirculated_at = now
    locked.times_recirculated += 1
    locked._change_reason = RECIRCULATED_REASON
    locked.save(update_fields=["deadline", "closed_at", "recirculated_at", "times_recirculated"])
    return locked, add_reviewers(locked)
