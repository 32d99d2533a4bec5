"""Sending the comment rounds' e-mails (`manage.py send_round_emails`, and the action of the
rounds' admin list): `send_due` sends every one due, in this order.

- Opened: to each reviewer of a round that takes comments (open, its record still a draft), once
  per circulation: a reviewer added by a re-circulation gets it, and so does every earlier
  reviewer, told the draft is re-circulated with a new deadline (they may have comments on what
  changed). Not optional.
- Deadline near: once per circulation, to the reviewers of a round that takes comments whose
  deadline is within DEADLINE_NEAR_WITHIN, who have neither commented nor confirmed anything,
  and who were told of the circulation on an earlier day (never two e-mails on one day).
- Reply: once per comment the Secretariat answered (its `resolved_at` set), to its author.
- Closed: once per closing (by hand, or at the deadline), to every reviewer told of that
  circulation; with the number of comments received.

Replies and "closed" still go once the record is published (they say what became of the
comments); opened and deadline near go only while the round takes comments. The last three are
optional: none goes to a person who declined it (invitations.models.OptOut), and each carries a
one-click unsubscribe. A person without an e-mail address gets none (counted in the report); an
erased person is not written to.

"Once per circulation" counts the e-mails (RoundEmail) sent on or after the day of the last
circulation: a round re-circulated on the day its opened e-mail went out is not announced twice
that day. A fixed number of queries, and one insert per CHUNK e-mails: never one per reviewer.

If the mail server cannot be reached or refuses a chunk, sending stops there: what it took is
recorded, the rest (of that kind and of the kinds after it) is counted as not sent
(`Report.failed`, with the server's words) and goes on the next run. The command then fails, and
the admin's action says so, instead of an error page.
"""

import datetime
import smtplib
from dataclasses import dataclass, field

from django.core.mail import get_connection
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from invitations.models import OPTIONAL, EmailKind, OptOut
from invitations.sending import first_addresses
from meetings.models import Intervention

from .emails import email_message
from .models import Comment, Confirmation, Reviewer, RoundEmail
from .reviewers import speaks_for
from .rules import commenting_refused

# E-mails handed to the mail server at once, and recorded together once it took them.
CHUNK = 100
DEADLINE_NEAR_WITHIN = datetime.timedelta(days=3)
ORDER = [
    EmailKind.ROUND_OPENED,
    EmailKind.ROUND_DEADLINE_NEAR,
    EmailKind.COMMENT_REPLY,
    EmailKind.ROUND_CLOSED,
]


@dataclass
class Report:
    due: int = 0
    sent: int = 0
    declined: int = 0  # the person declined this kind of e-mail
    without_address: int = 0
    failed: int = 0  # due, but not taken by the mail server: sent on the next run
    error: str = ""  # what the mail server said, when it failed

    @property
    def skipped(self):
        return self.declined + self.without_address

    def __str__(self):
        told = (
            f"sent: {self.sent}; declined: {self.declined}; without an e-mail address: "
            f"{self.without_address}"
        )
        return f"{told}; not sent, the mail server failing: {self.failed}" if self.failed else told


@dataclass
class DueReport:
    """A Report for each kind, in the order they were sent."""

    kinds: dict = field(default_factory=dict)

    def __getitem__(self, kind):
        return self.kinds[kind]

    @property
    def sent(self):
        return sum(report.sent for report in self.kinds.values())

    @property
    def failed(self):
        return sum(report.failed for report in self.kinds.values())

    @property
    def error(self):
        return next((report.error for report in self.kinds.values() if report.error), "")

    def __str__(self):
        return "; ".join(
            f"{EmailKind(kind).label}: {report}" for kind, report in self.kinds.items()
        )


@dataclass
class Due:
    """One e-mail due: to `reviewer`, about `comment` for a reply, saying `extra` besides."""

    reviewer: Reviewer
    comment: Comment | None = None
    extra: dict = field(default_factory=dict)


def _reviewers(rounds):
    rows = Reviewer.objects.filter(person__erased_at__isnull=True)
    if rounds is not None:
        rows = rows.filter(round__in=rounds)
    return rows.select_related("person", "round__meeting").annotate(
        circulated_on=TruncDate(Coalesce("round__recirculated_at", "round__opened_at"))
    )


def _sent_this_circulation(kind, **more):
    return Exists(
        RoundEmail.objects.filter(
            reviewer=OuterRef("pk"), kind=kind, sent_on__gte=OuterRef("circulated_on"), **more
        )
    )


def _taking_comments(rows, now):
    rows = rows.filter(round__closed_at__isnull=True, round__deadline__gt=now)
    return [row for row in rows if commenting_refused(row.round, now) is None]


def opened_due(now, rounds=None):
    rows = _reviewers(rounds).filter(~_sent_this_circulation(EmailKind.ROUND_OPENED))
    reviewers = _taking_comments(rows, now)
    speakers = _speakers(reviewers)
    return [Due(reviewer, extra={"speaks": reviewer.pk in speakers}) for reviewer in reviewers]


def deadline_near_due(now, rounds=None):
    today = timezone.localdate(now)
    rows = _reviewers(rounds).filter(
        _sent_this_circulation(EmailKind.ROUND_OPENED, sent_on__lt=today),
        ~_sent_this_circulation(EmailKind.ROUND_DEADLINE_NEAR),
        ~Exists(Comment.objects.filter(reviewer=OuterRef("pk"))),
        ~Exists(Confirmation.objects.filter(reviewer=OuterRef("pk"))),
        round__deadline__lte=now + DEADLINE_NEAR_WITHIN,
    )
    reviewers = _taking_comments(rows, now)
    speakers = _speakers(reviewers)
    return [Due(reviewer, extra={"speaks": reviewer.pk in speakers}) for reviewer in reviewers]


def replies_due(rounds=None):
    rows = Comment.objects.filter(
        ~Exists(RoundEmail.objects.filter(comment=OuterRef("pk"))),
        resolved_at__isnull=False,
        reviewer__person__erased_at__isnull=True,
    )
    if rounds is not None:
        rows = rows.filter(round__in=rounds)
    rows = rows.select_related("reviewer__person", "reviewer__round__meeting").order_by("pk")
    return [Due(comment.reviewer, comment, {"comment": comment}) for comment in rows]


def closed_due(now, rounds=None):
    rows = _reviewers(rounds).filter(
        Q(round__closed_at__lte=now) | Q(round__closed_at__isnull=True, round__deadline__lte=now),
        _sent_this_circulation(EmailKind.ROUND_OPENED),
        ~_sent_this_circulation(EmailKind.ROUND_CLOSED),
    )
    reviewers = list(rows)
    received = dict(
        Comment.objects.filter(round__in={reviewer.round_id for reviewer in reviewers})
        .values("round")
        .annotate(count=Count("pk"))
        .values_list("round", "count")
    )
    return [
        Due(reviewer, extra={"comments_received": received.get(reviewer.round_id, 0)})
        for reviewer in reviewers
    ]


def _speakers(reviewers):
    """The pks of `reviewers` who took the floor at their round's meeting, or whose organisation
    did (comment_rounds.reviewers.speaks_for). One query, none if no reviewer."""
    if not reviewers:
        return set()
    meetings = {reviewer.round.meeting_id for reviewer in reviewers}
    interventions = {}
    rows = Intervention.objects.filter(agenda_item__meeting__in=meetings).values_list(
        "agenda_item__meeting", "speaker", "organization"
    )
    for meeting, speaker, organization in rows:
        interventions.setdefault(meeting, []).append(
            Intervention(speaker_id=speaker, organization_id=organization)
        )
    return {
        reviewer.pk
        for reviewer in reviewers
        if any(
            speaks_for(reviewer, intervention)
            for intervention in interventions.get(reviewer.round.meeting_id, [])
        )
    }


def send(kind, due, today):
    """E-mail `kind` for each of `due`; a Report."""
    report = Report(due=len(due))
    people = {item.reviewer.person_id for item in due}
    declined = set()
    if kind in OPTIONAL and people:
        declined = set(
            OptOut.objects.filter(person__in=people, kind=kind).values_list("person", flat=True)
        )
    addresses = first_addresses(people) if people else {}
    to_send = []
    for item in due:
        if item.reviewer.person_id in declined:
            report.declined += 1
        elif item.reviewer.person_id not in addresses:
            report.without_address += 1
        else:
            to_send.append(item)
    try:
        _send_in_chunks(kind, to_send, addresses, today, report)
    except (smtplib.SMTPException, OSError) as failure:  # OSError: refused, unreachable, timeout
        report.failed = len(to_send) - report.sent
        report.error = str(failure) or type(failure).__name__
    return report


def _send_in_chunks(kind, due, addresses, today, report):
    if not due:
        return
    with get_connection() as connection:
        for start in range(0, len(due), CHUNK):
            chunk = due[start : start + CHUNK]
            messages = [
                email_message(
                    kind,
                    item.reviewer,
                    addresses[item.reviewer.person_id],
                    connection,
                    **item.extra,
                )
                for item in chunk
            ]
            connection.send_messages(messages)
            # Recorded once the server took them (a failure sends them again on the next run,
            # rather than never); a run alongside this one is not counted twice.
            RoundEmail.objects.bulk_create(
                [
                    RoundEmail(
                        reviewer=item.reviewer, kind=kind, comment=item.comment, sent_on=today
                    )
                    for item in chunk
                ],
                ignore_conflicts=True,
            )
            report.sent += len(chunk)


def send_due(now=None, rounds=None):
    """Sends every comment round e-mail due at `now` (of `rounds`, a CommentRound queryset, or
    of all); a DueReport. Once the mail server failed, the e-mails due after are not tried."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    finders = {
        EmailKind.ROUND_OPENED: lambda: opened_due(now, rounds),
        EmailKind.ROUND_DEADLINE_NEAR: lambda: deadline_near_due(now, rounds),
        EmailKind.COMMENT_REPLY: lambda: replies_due(rounds),
        EmailKind.ROUND_CLOSED: lambda: closed_due(now, rounds),
    }
    report = DueReport()
    for kind in ORDER:
        due = finders[kind]()
        if report.failed:
            report.kinds[kind] = Report(due=len(due), failed=len(due), error=report.error)
        else:
            report.kinds[kind] = send(kind, due, today)
    return report
