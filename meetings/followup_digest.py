"""The follow-up digest: what is overdue or due within two weeks, e-mailed to the Secretariat
and to the owners' contacts who agreed to be reached (`manage.py send_followup_digest`).

Who receives what:
- every active user of the Secretariat group with an e-mail address: every follow-up, drafts'
  included (they are staff);
- each owner organisation's people whose contact visibility is "Signed-in members" or
  "Secretariat only" (both mean they gave the Secretariat their address to be reached by it;
  "Hidden from the directory" never): their organisation's follow-ups from published meetings,
  at their first address.

Run it as often as you like: a digest is recorded when sent (FollowupDigestSent), and the same
digest is not sent to the same address twice on one day. A digest that changed since the last
run that day (a follow-up added, closed or moved) is sent: it says something new.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from base.accounts.invitations import SECRETARIAT
from base.record.partial_dates import DatePrecision, last_day
from partners.models import LISTED, EmailAddress

from .models import OPEN_STATUSES, ActionPoint, FollowupDigestSent

DUE_SOON = datetime.timedelta(days=14)


@dataclass
class Digest:
    recipient: str
    overdue: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.overdue or self.due_soon)

    def add(self, point, overdue):
        (self.overdue if overdue else self.due_soon).append(point)


def pending(today):
    """[(follow-up, is it overdue)] of the open follow-ups overdue or due by two weeks from
    `today`: due by the last day their due date can mean. One query, and one for the owners."""
    horizon = today + DUE_SOON
    # Stored partial dates are their period's first day: this keeps every candidate.
    candidates = (
        ActionPoint.objects.filter(status__in=OPEN_STATUSES, due_date__lte=horizon)
        .for_list()
        .order_by("due_date", "meeting__date", "position", "pk")
    )
    return [
        (point, point.is_overdue(today))
        for point in candidates
        if last_day(point.due_date, point.due_precision or DatePrecision.DAY) <= horizon
    ]


def digests(today):
    """The digests due today, one per address, empty ones left out."""
    points = pending(today)
    by_address = {}
    secretariat = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=SECRETARIAT)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    for address in secretariat:
        by_address[address.lower()] = Digest(address)
        for point, overdue in points:
            by_address[address.lower()].add(point, overdue)
    published = [(point, overdue) for point, overdue in points if point.meeting.is_published]
    for address, organization_id in owners_contacts(published):
        if address.lower() in by_address:
            continue  # a Secretariat officer already has every follow-up
        digest = Digest(address)
        for point, overdue in published:
            if organization_id in {owner.pk for owner in point.listed_owners}:
                digest.add(point, overdue)
        by_address[address.lower()] = digest
    return [digest for digest in by_address.values() if digest]


def owners_contacts(points):
    """[(address, organisation id)]: the first address of each person of the owners of
    `points` who agreed to be reached (see the module). One query."""
    owners = {owner.pk for point, _overdue in points for owner in point.listed_owners}
    if not owners:
        return []
    addresses = (
        EmailAddress.objects.filter(
            person__organization__in=owners, person__contact_visibility__in=LISTED
        )
        .order_by("person", "position", "pk")
        .values_list("person", "address", "person__organization")
    )
    first = {}
    for person, address, organization in addresses:
        first.setdefault(person, (address, organization))
    return list(first.values())


def site_url():
    return f"{'https' if settings.HTTPS else 'http'}://{settings.SITE_DOMAIN}"


def render(digest):
    """(subject, body) of `digest`, in the site's language, its links absolute."""
    with translation.override(settings.LANGUAGE_CODE):
        count = len(digest.overdue) + len(digest.due_soon)
        subject = ngettext(
            "GCG portal: %(count)d follow-up overdue or due within two weeks",
            "GCG portal: %(count)d follow-ups overdue or due within two weeks",
            count,
        ) % {"count": count}
        body = render_to_string(
            "meetings/email/followup_digest.txt",
            {
                "digest": digest,
                "site": site_url(),
                "followups_url": site_url() + reverse("meetings:followups"),
            },
        )
    return subject, body


def send_digests(today=None):
    """Send today's digests; (how many sent, how many already sent today and left)."""
    today = today or timezone.localdate()
    already = set(
        FollowupDigestSent.objects.filter(sent_on=today).values_list("recipient", "content_hash")
    )
    sent = skipped = 0
    for digest in digests(today):
        subject, body = render(digest)
        fingerprint = hashlib.sha256(f"{subject}\n{body}".encode()).hexdigest()
        recipient = digest.recipient.lower()
        if (recipient, fingerprint) in already:
            skipped += 1
            continue
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [digest.recipient])
        FollowupDigestSent.objects.create(
            recipient=recipient, sent_on=today, content_hash=fingerprint
        )
        sent += 1
    return sent, skipped
