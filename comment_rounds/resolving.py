"""The Secretariat's answer to a comment (`resolve`), and a proposed wording applied to the record
(`apply_wording`): written into the intervention's summary, or the agenda item's narrative, with
the comment named as the reason of that change in the record's history.

A wording is applied only over the text it was proposed for (`Comment.original_wording`): if
someone has edited it since, or deleted the part, or it was applied already, it is refused with
the reason, and nothing changes.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from base.audit.admin_history import REASON_MAX_LENGTH
from base.record.partial_dates import format_moment
from meetings.models import AgendaItem, Intervention

from .models import Comment, Resolution

ANSWERED_REASON = "Answered"
WORDING_APPLIED_REASON = "Its proposed wording applied to the record"


class WordingRefused(Exception):
    """Why a wording was not applied. `current` and `original`: the target's wording now and the
    wording the comment was made on, when they differ."""

    def __init__(self, message, current=None, original=None):
        super().__init__(message)
        self.current = current
        self.original = original


class AnswerRefused(Exception):
    pass


def resolve(comment, resolution, reply, now=None):
    """The Secretariat's answer to `comment`: accepted, partly accepted or declined, and a reply
    its author reads. Returns the comment (raises AnswerRefused)."""
    if resolution not in Resolution.values:
        raise AnswerRefused(_("Choose an answer: accepted, partly accepted or declined."))
    comment.resolution = resolution
    comment.reply = reply.strip()
    comment.resolved_at = now or timezone.now()
    comment._change_reason = ANSWERED_REASON
    comment.save(update_fields=["resolution", "reply", "resolved_at"])
    return comment


def change_reason(comment):
    """The reason the record's history gives for the change a comment's wording made: within the
    history's column, the comment's text cut to fit."""
    prefix = f"Applied comment #{comment.pk} by {comment.reviewer.person}: "
    text = " ".join(comment.text.split())
    room = REASON_MAX_LENGTH - len(prefix)
    if len(text) > room:
        text = text[: max(room - 1, 0)] + "…"
    return (prefix + text)[:REASON_MAX_LENGTH]


def target_of(comment):
    """(the row, the field) a comment's wording replaces, or (None, None): the intervention's
    summary, else the agenda item's narrative."""
    if comment.intervention_id is not None:
        return Intervention.objects.select_for_update().get(pk=comment.intervention_id), "summary"
    if comment.agenda_item_id is not None:
        return AgendaItem.objects.select_for_update().get(pk=comment.agenda_item_id), "narrative"
    return None, None


def same_wording(first, second):
    """The same text, whatever the line endings and the spaces around it a form may add."""
    return first.replace("\r\n", "\n").strip() == second.replace("\r\n", "\n").strip()


def wording_refused(comment):
    """Why `comment`'s wording cannot be applied, whatever its target holds now; or None."""
    if comment.wording_applied_at is not None:
        return _("Its proposed wording was applied on %(moment)s already.") % {
            "moment": format_moment(comment.wording_applied_at)
        }
    if not comment.proposed_wording.strip():
        return _("This comment proposes no wording.")
    if comment.intervention_id is None and comment.agenda_item_id is None:
        if comment.place:
            return _(
                "The part of the record it was made on (%(place)s) has been deleted since: there "
                "is nothing to apply it to. Add its wording by hand where it now belongs."
            ) % {"place": comment.place}
        return _(
            "It is a comment on the record as a whole: its wording has no one place to go. Copy "
            "it by hand where it belongs."
        )
    return None


@transaction.atomic
def apply_wording(comment, now=None):
    """Writes `comment`'s proposed wording into the record and accepts the comment; returns the
    comment (raises WordingRefused)."""
    now = now or timezone.now()
    locked = (
        Comment.objects.select_for_update()
        .select_related("reviewer__person")
        .filter(pk=comment.pk)
        .first()
    )
    if locked is None:
        raise WordingRefused(_("This comment has been deleted."))
    refusal = wording_refused(locked)
    if refusal:
        raise WordingRefused(refusal)
    target, field = target_of(locked)
    current = getattr(target, field)
    if not same_wording(current, locked.original_wording):
        raise WordingRefused(
            _(
                "The wording it was proposed for has been edited since the comment was made: "
                "applying it would undo that edit. Compare them, then edit the record by hand."
            ),
            current=current,
            original=locked.original_wording,
        )
    setattr(target, field, locked.proposed_wording)
    target._change_reason = change_reason(locked)
    target.save(update_fields=[field])
    locked.wording_applied_at = now
    locked.resolution = Resolution.ACCEPTED
    locked.resolved_at = locked.resolved_at or now
    locked._change_reason = WORDING_APPLIED_REASON
    locked.save(update_fields=["wording_applied_at", "resolution", "resolved_at"])
    return locked
