"""The follow digests (`manage.py send_follow_digests`, run daily): for each follow due, an
e-mail of what changed about its target since its last digest (or since following began), in the
follower's language, as text and HTML, with the one-click unsubscribe of RFC 8058 that stops
that follow alone.

- Daily follows are due once a day; weekly ones seven days after their last digest (or after
  they began following): a weekly follower's day is the day they followed.
- One e-mail per follow, so that its one-click unsubscribe (a header names one link) stops
  exactly what the e-mail is about.
- Nothing new, no e-mail, and nothing recorded: the next run looks again from the same moment.
- Sent, a digest is recorded (FollowDigestSent) with the moment it told up to: the next tells
  what came after, and no follow gets two digests on one day, however often the command runs.
- If the mail server cannot be reached or refuses a chunk, sending stops there: what it took is
  recorded, the rest is counted as not sent and goes on the next run (nothing recorded for it);
  the command then fails, saying so.

A fixed number of queries whatever the number of followers: one for the follows, those of
following.changes for all their targets at once, one insert per CHUNK e-mails.
"""

import datetime
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from meetings.followup_digest import site_url

from .changes import changes_of
from .models import Follow, FollowDigestSent, Frequency
from .targets import follow_url, page_url
from .unsubscribe_links import make_unsubscribe_token

CHUNK = 100
WEEK = datetime.timedelta(days=7)
ONE_CLICK = "List-Unsubscribe=One-Click"


@dataclass
class Report:
    due: int = 0
    sent: int = 0
    nothing_new: int = 0
    failed: int = 0  # not taken by the mail server: sent on the next run
    error: str = ""

    def __str__(self):
        told = f"sent: {self.sent}; nothing new: {self.nothing_new}"
        return f"{told}; not sent, the mail server failing: {self.failed}" if self.failed else told


def due_follows(today):
    """The follows whose digest is due `today` (see the module), each with `since`: one query."""
    follows = (
        Follow.objects.filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "country", "action_group", "organization")
        .annotate(last_up_to=Max("digests_sent__up_to"), last_sent_on=Max("digests_sent__sent_on"))
        .order_by("pk")
    )
    due = []
    for follow in follows:
        last = follow.last_sent_on or timezone.localdate(follow.followed_at)
        if follow.last_sent_on == today:
            continue
        if follow.frequency == Frequency.WEEKLY and today < last + WEEK:
            continue
        follow.since = follow.last_up_to or follow.followed_at
        due.append(follow)
    return due


def digests(now):
    """[(follow, [Change])] of the follows due at `now` with something new."""
    follows = due_follows(timezone.localdate(now))
    since = {}
    for follow in follows:
        target = follow.target
        since[target] = min(since.get(target, follow.since), follow.since)
    found = changes_of(list(since), since, now)
    return [
        (follow, [change for change in found[follow.target] if change.moment > follow.since])
        for follow in follows
    ]


def unsubscribe_url(follow):
    return site_url() + reverse("following:unsubscribe", args=[make_unsubscribe_token(follow)])


def email_message(follow, changes, connection=None):
    """The digest of `follow` telling `changes`, in the follow's language."""
    unsubscribe = unsubscribe_url(follow)
    with translation.override(follow.language):
        target = follow.target_label
        context = {
            "target": target,
            "changes": [
                {"change": change, "url": site_url() + change.url, "when": change.moment.date()}
                for change in changes
            ],
            "target_url": site_url() + page_url(follow.target_kind, follow.target_row),
            "follow_url": site_url() + follow_url(follow.target_kind, follow.target_row),
            "frequency": follow.get_frequency_display().lower(),
            "unsubscribe_url": unsubscribe,
        }
        subject = ngettext(
            "GCG portal: %(count)d change about %(target)s",
            "GCG portal: %(count)d changes about %(target)s",
            len(changes),
        ) % {"count": len(changes), "target": target}
        message = EmailMultiAlternatives(
            subject,
            render_to_string("following/email/digest.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [follow.user.email],
            connection=connection,
            headers={
                "Content-Language": follow.language,
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": ONE_CLICK,
            },
        )
        message.attach_alternative(
            render_to_string("following/email/digest.html", context), "text/html"
        )
    return message


def send_digests(now=None):
    """Send the digests due at `now`; a Report."""
    now = now or timezone.now()
    report = Report()
    to_send = []
    for follow, changes in digests(now):
        report.due += 1
        if changes:
            to_send.append((follow, changes))
        else:
            report.nothing_new += 1
    try:
        _send_in_chunks(to_send, now, report)
    except (smtplib.SMTPException, OSError) as failure:  # OSError: refused, unreachable, timeout
        report.failed = len(to_send) - report.sent
        report.error = str(failure) or type(failure).__name__
    return report


def _send_in_chunks(to_send, now, report):
    if not to_send:
        return
    today = timezone.localdate(now)
    with get_connection() as connection:
        for start in range(0, len(to_send), CHUNK):
            chunk = to_send[start : start + CHUNK]
            connection.send_messages(
                [email_message(follow, changes, connection) for follow, changes in chunk]
            )
            # Recorded once the server took them: a failure sends them on the next run.
            FollowDigestSent.objects.bulk_create(
                [
                    FollowDigestSent(follow=follow, sent_on=today, up_to=now, changes=len(changes))
                    for follow, changes in chunk
                ],
                ignore_conflicts=True,
            )
            report.sent += len(chunk)
