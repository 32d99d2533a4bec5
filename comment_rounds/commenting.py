"""A reviewer's comments and confirmations, saved: each checks again, inside its transaction and
with the round locked, that the round still takes them (comment_rounds.rules.commenting_refused)
and that what it is about is still part of the round's draft, since the page was shown.

A comment keeps where it was made in words (`place`) and the text it was made on
(`original_wording`). A comment on an intervention names the intervention alone (its agenda item
is the intervention's): if the intervention is deleted, the comment's `place` still says where it
belonged. A comment on the whole record has neither, and no place.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import AgendaItem, Intervention

from .comment_forms import INTERVENTION, ITEM, WHOLE
from .models import (
    COMMENT_MAX_LENGTH,
    WORDING_MAX_LENGTH,
    Comment,
    CommentRound,
    Confirmation,
    Reviewer,
)
from .reviewers import speaks_for
from .rules import commenting_refused

PLACE_MAX_LENGTH = Comment._meta.get_field("place").max_length


class CommentRefused(Exception):
    """Nothing was saved; the message says why and what to do."""


def too_long_refused(text, proposed_wording):
    """Why the comment is too long to keep, or None (the database's columns do not check)."""
    if len(text) > COMMENT_MAX_LENGTH:
        return _("Your comment has %(length)d characters: shorten it to %(limit)d at most.") % {
            "length": len(text),
            "limit": COMMENT_MAX_LENGTH,
        }
    if len(proposed_wording.strip()) > WORDING_MAX_LENGTH:
        return _(
            "The proposed wording has %(length)d characters: shorten it to %(limit)d at most."
        ) % {"length": len(proposed_wording.strip()), "limit": WORDING_MAX_LENGTH}
    return None


def item_place(item):
    return item.number_and_title[:PLACE_MAX_LENGTH]


def intervention_place(intervention):
    """ "2. Item title · ILO" (and the speaker, when named)."""
    words = f"{intervention.agenda_item.number_and_title} · {intervention.organization.short_name}"
    if intervention.speaker_id:
        words += f" ({intervention.speaker.name})"
    if len(words) > PLACE_MAX_LENGTH:
        words = words[: PLACE_MAX_LENGTH - 1] + "…"
    return words


def _locked(reviewer_pk, now):
    """(the reviewer, their round locked): CommentRefused if the round takes nothing now."""
    reviewer = Reviewer.objects.select_related("person").get(pk=reviewer_pk)
    comment_round = (
        CommentRound.objects.select_for_update(of=("self",))
        .select_related("meeting")
        .get(pk=reviewer.round_id)
    )
    refused = commenting_refused(comment_round, now)
    if refused:
        raise CommentRefused(refused)
    reviewer.round = comment_round
    return reviewer


def _intervention(comment_round, pk):
    found = (
        Intervention.objects.select_related("agenda_item", "organization", "speaker")
        .filter(agenda_item__meeting=comment_round.meeting_id, pk=pk)
        .first()
    )
    if found is None:
        raise CommentRefused(
            _(
                "That intervention has since been removed from the draft; your comment is "
                "below, copy it to comment on the record as a whole."
            )
        )
    return found


def _agenda_item(comment_round, pk):
    found = AgendaItem.objects.filter(meeting=comment_round.meeting_id, pk=pk).first()
    if found is None:
        raise CommentRefused(
            _(
                "That agenda item has since been removed from the draft; your comment is below, "
                "copy it to comment on the record as a whole."
            )
        )
    return found


def _not_a_speaker(intervention):
    return CommentRefused(
        _(
            "Only the speaker, or a participant for %(organization)s, may confirm or correct "
            "this summary. Comment on it instead."
        )
        % {"organization": intervention.organization.short_name}
    )


@transaction.atomic
def comment_made(
    reviewer_pk, target, target_pk, text, proposed_wording="", correction=False, now=None
):
    """The reviewer's new comment on the whole record (`target` WHOLE), an agenda item or an
    intervention (`target_pk`); a speaker's `correction` requires a proposed wording. Raises
    CommentRefused, saving nothing."""
    now = now or timezone.now()
    reviewer = _locked(reviewer_pk, now)
    comment_round = reviewer.round
    text = text.strip()
    if not text:
        raise CommentRefused(_("Write your comment."))
    too_long = too_long_refused(text, proposed_wording)
    if too_long:
        raise CommentRefused(too_long)
    comment = Comment(round=comment_round, reviewer=reviewer, text=text, made_at=now)
    if target == WHOLE:
        if proposed_wording or correction:
            raise CommentRefused(
                _(
                    "A proposed wording replaces an item's narrative or an intervention's "
                    "summary: comment on that item or intervention to propose one."
                )
            )
    elif target == ITEM:
        if correction:
            raise CommentRefused(_("A correction is proposed on an intervention."))
        item = _agenda_item(comment_round, target_pk)
        comment.agenda_item = item
        comment.place = item_place(item)
        comment.original_wording = item.narrative
    elif target == INTERVENTION:
        intervention = _intervention(comment_round, target_pk)
        if correction:
            if not speaks_for(reviewer, intervention):
                raise _not_a_speaker(intervention)
            if not proposed_wording.strip():
                raise CommentRefused(_("Write the summary as it should read."))
        comment.intervention = intervention
        comment.place = intervention_place(intervention)
        comment.original_wording = intervention.summary
    else:
        raise CommentRefused(_("Say what your comment is about: choose its place on the page."))
    comment.proposed_wording = proposed_wording.strip()
    comment.save()
    return comment


@transaction.atomic
def summary_confirmed(reviewer_pk, intervention_pk, now=None):
    """The speaker's confirmation of the intervention's summary: (confirmation, whether new).
    Confirming twice changes nothing. Raises CommentRefused."""
    now = now or timezone.now()
    reviewer = _locked(reviewer_pk, now)
    intervention = _intervention(reviewer.round, intervention_pk)
    if not speaks_for(reviewer, intervention):
        raise _not_a_speaker(intervention)
    return Confirmation.objects.get_or_create(
        round=reviewer.round,
        intervention=intervention,
        reviewer=reviewer,
        defaults={"confirmed_at": now},
    )


@transaction.atomic
def comment_withdrawn(reviewer_pk, comment_pk, now=None):
    """Deletes the reviewer's own comment (its history keeps it), while the round is open and
    the Secretariat has not answered it. Raises CommentRefused."""
    now = now or timezone.now()
    reviewer = _locked(reviewer_pk, now)
    comment = (
        Comment.objects.select_for_update()
        .filter(pk=comment_pk, reviewer=reviewer, round=reviewer.round)
        .first()
    )
    if comment is None:
        raise CommentRefused(
            _("That comment is not one of yours, or was withdrawn already: nothing was changed.")
        )
    if comment.resolution or comment.resolved_at:
        raise CommentRefused(
            _(
                "The Secretariat has answered this comment already: it can no longer be "
                "withdrawn. Write another comment if you have more to say."
            )
        )
    comment.delete()
