"""Saving an invitee's answer, kept in the invitation's history."""

from django.db import transaction
from django.utils import timezone

from .answer_form import DELEGATE_FIELDS
from .models import Invitation
from .rules import answers_refused

# Kept with the new version in the invitation's history (at most 100 characters).
ANSWERED_REASON = "Answered by the invitee"


class AnswersRefused(Exception):
    """The meeting no longer takes answers (rules.answers_refused says why)."""


@transaction.atomic
def invitation_answer(invitation_pk, answer, organization, language, **delegate):
    """Record the answer; raises AnswersRefused when the meeting no longer takes it (checked
    again here: it may have been cancelled, or the deadline passed, since the page was shown).
    The author of the history's new version is the request's user, as for every save
    (django-simple-history's middleware)."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("meeting")
        .get(pk=invitation_pk)
    )
    refused = answers_refused(invitation.meeting)
    if refused:
        raise AnswersRefused(refused)
    invitation.answer = answer
    invitation.organization = organization
    invitation.language = language
    for name in DELEGATE_FIELDS:
        setattr(invitation, name, delegate.get(name, ""))
    invitation.answered_at = timezone.now()
    invitation._change_reason = ANSWERED_REASON
    invitation.save()
    return invitation
