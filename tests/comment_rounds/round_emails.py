"""What the tests of the comment rounds' e-mails share: a draft 6th meeting seen on 2 December
2019, its round open until 12 December at 17:00 UTC, and its reviewers."""

import datetime

from django.core import mail

from base.record.visibility import PublicationStatus
from comment_rounds.models import RoundEmail
from invitations.models import EmailKind
from tests.factories import make_comment_round, make_meeting, make_person, make_reviewer

NOW = datetime.datetime(2019, 12, 2, 9, 0, tzinfo=datetime.UTC)
DEADLINE = datetime.datetime(2019, 12, 12, 17, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


def draft_round(**kwargs):
    meeting = make_meeting(
        number=6,
        title="6th Meeting of the Global Coordinating Group",
        date=datetime.date(2019, 11, 14),
        city="Paris",
        status=PublicationStatus.DRAFT,
    )
    kwargs.setdefault("deadline", DEADLINE)
    return make_comment_round(meeting, **kwargs)


def reviewers(comment_round, count, **kwargs):
    return [make_reviewer(comment_round, make_person(), **kwargs) for _ in range(count)]


def told_of_it(reviewer, on, kind=EmailKind.ROUND_OPENED):
    """As if `reviewer` had been sent the e-mail of `kind` on the day `on`."""
    return RoundEmail.objects.create(reviewer=reviewer, kind=kind, sent_on=on.date())


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def parts(message):
    [(html, kind)] = message.alternatives
    assert kind == "text/html"
    return message.body, html
