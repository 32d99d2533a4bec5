"""Inviting people to a meeting: one invitation per person and meeting, however often they are
chosen (in two groups, or invited again later)."""

from dataclasses import dataclass

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from meetings.models import Meeting

from .models import Invitation
from .rules import inviting_refused

# Kept in each new invitation's history (at most 100 characters).
INVITED_REASON = "Invited from the invite page"


class InvitingRefused(Exception):
    """The meeting takes no invitations (rules.inviting_refused says why)."""


@dataclass
class Invited:
    new: int
    already: int


@transaction.atomic
def invitations_create(meeting, groups, language, by=None):
    """Invite the people of `groups` ([invitations.invitees.Group]) to `meeting`, the e-mails in
    `language`; a person in several groups is invited as the first names them. Those already
    invited are left as they are. Raises InvitingRefused. A fixed number of queries."""
    # The meeting's row locked: two officers inviting at once wait for each other, so neither
    # trips over the other's new invitations.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    refused = inviting_refused(meeting)
    if refused:
        raise InvitingRefused(refused)
    chosen = {}
    for group in groups:
        for person in group.people:
            chosen.setdefault(person, group.invited_as)
    already = set(
        Invitation.objects.filter(meeting=meeting, person__in=list(chosen)).values_list(
            "person", flat=True
        )
    )
    new = [
        Invitation(meeting=meeting, person_id=person, invited_as=invited_as, language=language)
        for person, invited_as in chosen.items()
        if person not in already
    ]
    if new:
        bulk_create_with_history(
            new, Invitation, default_user=by, default_change_reason=INVITED_REASON
        )
    return Invited(new=len(new), already=len(already))
