"""Sending the invitation, the reminders and the "date confirmed" e-mails (`manage.py
send_invitations`, `send_registration_reminders`, `send_date_confirmed`, and the actions of the
invitations' admin list).

Run them as often as you like: an e-mail sent is recorded (SentEmail), and the same invitation's
e-mail of one kind is never sent twice on one day. Beyond that:

- the invitation: the command sends it to every invitation never e-mailed; the admin's action
  sends it again to those chosen (a lost e-mail), once a day at most;
- a reminder: to invitees who have not answered, whose invitation was e-mailed, while answers are
  taken; at most one a day, and none to those who declined reminders (OptOut);
- "date confirmed": once to each invitee of a meeting whose date became known to the day (the
  meeting's history shows its date known only to the month before) on or after the day their
  invitation was first e-mailed; none to those who declined it. The admin's action tells those
  chosen, once, whatever the history says.

An invitation whose meeting was cancelled or has been held gets none of them; nor does a person
without an e-mail address (counted in the report). A fixed number of queries, and one insert per
CHUNK e-mails: never one per invitee.

If the mail server cannot be reached or refuses a chunk, sending stops there: what it took before
is recorded, the rest is counted as not sent (`Report.failed`, with the server's words) and goes
on the next run. The command then fails, and the admin's action says so, instead of an error page.
"""

import itertools
import smtplib
from dataclasses import dataclass

from django.core.mail import get_connection
from django.db.models import Exists, Min, OuterRef, Q
from django.utils import timezone

from base.record.partial_dates import DatePrecision
from meetings.models import Meeting
from partners.models import EmailAddress

from .emails import email_message
from .models import OPTIONAL, EmailKind, Invitation, OptOut, SentEmail
from .rules import answers_refused, inviting_refused, is_held

# E-mails handed to the mail server at once, and recorded together once it took them.
CHUNK = 100


@dataclass
class Report:
    considered: int = 0  # the invitations due this kind of e-mail
    sent: int = 0
    already_today: int = 0  # this kind already sent today to that invitation
    declined: int = 0  # the person declined this kind of e-mail
    without_address: int = 0
    failed: int = 0  # due, but not taken by the mail server: sent on the next run
    error: str = ""  # what the mail server said, when it failed

    def __str__(self):
        told = (
            f"sent: {self.sent}; already sent today: {self.already_today}; declined: "
            f"{self.declined}; without an e-mail address: {self.without_address}"
        )
        return f"{told}; not sent, the mail server failing: {self.failed}" if self.failed else told


def _invitations(selected=None):
    rows = Invitation.objects.all() if selected is None else selected
    return rows.filter(meeting__cancelled=False).select_related("person", "meeting")


def invitations_to_send(today, selected=None):
    """The invitations whose invitation e-mail is due: never sent (or, `selected`, those)."""
    rows = _invitations(selected)
    if selected is None:
        rows = rows.exclude(sent_emails__kind=EmailKind.INVITATION)
    return [row for row in rows if inviting_refused(row.meeting, today) is None]


def reminders_due(now, selected=None):
    """Unanswered invitations, e-mailed already, while the meeting takes answers."""
    invited = SentEmail.objects.filter(invitation=OuterRef("pk"), kind=EmailKind.INVITATION)
    rows = _invitations(selected).filter(Exists(invited), answer="")
    return [row for row in rows if answers_refused(row.meeting, now) is None]


def date_confirmations_due(today, selected=None):
    """Invitations e-mailed while their meeting's day was not yet known (`selected`: those
    chosen, whose meeting's day is now known), not yet told."""
    rows = (
        _invitations(selected)
        .filter(meeting__date_precision=DatePrecision.DAY)
        .exclude(sent_emails__kind=EmailKind.DATE_CONFIRMED)
        .annotate(
            first_sent_on=Min(
                "sent_emails__sent_on", filter=Q(sent_emails__kind=EmailKind.INVITATION)
            )
        )
        .filter(first_sent_on__isnull=False)
    )
    rows = [row for row in rows if not is_held(row.meeting, today)]
    if selected is not None:
        return rows
    confirmed = days_confirmed({row.meeting_id for row in rows})
    return [
        row
        for row in rows
        if row.meeting_id in confirmed and row.first_sent_on <= confirmed[row.meeting_id]
    ]


def days_confirmed(meeting_ids):
    """{meeting id: the day its date last became known to the day, after being known only to
    the month}, from the meetings' history; meetings always known to the day are left out.
    One query."""
    versions = (
        Meeting.history.filter(id__in=meeting_ids)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "date_precision", "history_date")
    )
    confirmed = {}
    for meeting_id, history in itertools.groupby(versions, key=lambda version: version[0]):
        previous = None
        for _id, precision, when in history:
            if precision == DatePrecision.DAY and previous not in (None, DatePrecision.DAY):
                confirmed[meeting_id] = timezone.localdate(when)
            previous = precision
    return confirmed


def first_addresses(person_ids):
    """{person id: their first e-mail address}. One query."""
    found = {}
    rows = EmailAddress.objects.filter(person__in=person_ids).order_by("person", "position", "pk")
    for person, address in rows.values_list("person", "address"):
        found.setdefault(person, address)
    return found


def send(kind, invitations, today):
    """E-mail `kind` about each of `invitations` (with their person and meeting) not yet sent
    that kind today; a Report."""
    report = Report(considered=len(invitations))
    people = {invitation.person_id for invitation in invitations}
    sent_today = set(
        SentEmail.objects.filter(
            invitation__in=[invitation.pk for invitation in invitations], kind=kind, sent_on=today
        ).values_list("invitation", flat=True)
    )
    declined = set()
    if kind in OPTIONAL:
        declined = set(
            OptOut.objects.filter(person__in=people, kind=kind).values_list("person", flat=True)
        )
    addresses = first_addresses(people)
    due = []
    for invitation in invitations:
        if invitation.pk in sent_today:
            report.already_today += 1
        elif invitation.person_id in declined:
            report.declined += 1
        elif invitation.person_id not in addresses:
            report.without_address += 1
        else:
            due.append(invitation)
    try:
        _send_in_chunks(kind, due, addresses, today, report)
    except (smtplib.SMTPException, OSError) as failure:  # OSError: refused, unreachable, timeout
        report.failed = len(due) - report.sent
        report.error = str(failure) or type(failure).__name__
    return report


def _send_in_chunks(kind, due, addresses, today, report):
    if not due:
        return
    with get_connection() as connection:
        for start in range(0, len(due), CHUNK):
            chunk = due[start : start + CHUNK]
            messages = [
                email_message(kind, invitation, addresses[invitation.person_id], connection)
                for invitation in chunk
            ]
            connection.send_messages(messages)
            # Recorded once the server took them (a failure sends them again on the next run,
            # rather than never); a run alongside this one is not counted twice.
            SentEmail.objects.bulk_create(
                [
                    SentEmail(invitation=invitation, kind=kind, sent_on=today)
                    for invitation in chunk
                ],
                ignore_conflicts=True,
            )
            report.sent += len(chunk)


def send_invitations(today=None, selected=None):
    today = today or timezone.localdate()
    return send(EmailKind.INVITATION, invitations_to_send(today, selected), today)


def send_reminders(today=None, selected=None):
    now = timezone.now()
    today = today or timezone.localdate(now)
    return send(EmailKind.REMINDER, reminders_due(now, selected), today)


def send_date_confirmed(today=None, selected=None):
    today = today or timezone.localdate()
    return send(EmailKind.DATE_CONFIRMED, date_confirmations_due(today, selected), today)
