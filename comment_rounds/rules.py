"""When a round may be opened, re-circulated and commented on: the one place every page, command
and action asks.

- Opening: only on a draft meeting (its record not published), not cancelled, without a round
  already (a second circulation re-circulates the round: `recirculating_refused`).
- Commenting and confirming: while the round is open (before its deadline, and not closed by
  hand) and the meeting's record is still a draft.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from base.record.partial_dates import format_moment


def opening_refused(meeting):
    """Why no round may be opened on `meeting`, or None."""
    if meeting.is_published:
        return _(
            "The record of %(meeting)s is published: a round circulates a draft record. Return "
            "it to draft first if it must be circulated again."
        ) % {"meeting": meeting}
    if meeting.cancelled:
        return _("%(meeting)s was cancelled: it has no record to circulate.") % {"meeting": meeting}
    if hasattr(meeting, "comment_round"):
        return _(
            "The draft record of %(meeting)s has been circulated already: re-circulate its "
            "round, with a new deadline, instead."
        ) % {"meeting": meeting}
    return None


def deadline_refused(deadline, now=None):
    """Why `deadline` cannot be a round's deadline, or None."""
    now = now or timezone.now()
    if deadline <= now:
        return _("The deadline must be in the future.")
    return None


def recirculating_refused(comment_round, now=None):
    """Why `comment_round` cannot be re-circulated now, or None."""
    if comment_round.meeting.is_published:
        return _(
            "The record of %(meeting)s is published: return it to draft before re-circulating it."
        ) % {"meeting": comment_round.meeting}
    if comment_round.is_open(now):
        return _(
            "The round is still open, until %(deadline)s: close it first, or change its deadline."
        ) % {"deadline": deadline_text(comment_round)}
    return None


def commenting_refused(comment_round, now=None):
    """Why nobody may comment on, or confirm, `comment_round`'s draft now; or None."""
    now = now or timezone.now()
    if comment_round.meeting.is_published:
        return _("The record of %(meeting)s has been published: comments are no longer taken.") % {
            "meeting": comment_round.meeting
        }
    if not comment_round.is_open(now):
        return _(
            "Comments on the draft record of %(meeting)s were taken until %(closed)s: the round "
            "is closed. Write to the Secretariat if something must still be corrected."
        ) % {"meeting": comment_round.meeting, "closed": format_moment(comment_round.closes_at())}
    return None


def deadline_text(comment_round):
    return format_moment(comment_round.deadline)
