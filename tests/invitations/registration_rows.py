"""Invitations for the registration tests, made directly with the ORM: a meeting's invitees and
their answers, whatever the pages that invite people do."""

import datetime
import itertools

from invitations.models import Answer, Invitation
from tests.factories import make_meeting, make_person

_delegates = itertools.count(1)
ANSWERED_AT = datetime.datetime(2019, 10, 1, 9, 30, tzinfo=datetime.UTC)


def invite(meeting, person=None, answer="", **fields):
    """`person` (a new one if None) invited to `meeting`, with their answer if given."""
    person = person or make_person()
    if answer:
        fields.setdefault("answered_at", ANSWERED_AT)
    return Invitation.objects.create(meeting=meeting, person=person, answer=answer, **fields)


def every_answer(meeting):
    """One invitee of each answer, and one who has not answered: five invitations."""
    return [
        invite(meeting, answer=Answer.IN_PERSON),
        invite(meeting, answer=Answer.REMOTE),
        invite(
            meeting,
            answer=Answer.DELEGATE,
            delegate_name=f"Delegate {next(_delegates)}",
            delegate_position="Adviser",
            delegate_mode="remote",
        ),
        invite(meeting, answer=Answer.NOT_ATTENDING),
        invite(meeting),
    ]


def past_meeting(**fields):
    """A meeting held on 14 November 2019."""
    fields.setdefault("date", datetime.date(2019, 11, 14))
    return make_meeting(**fields)
