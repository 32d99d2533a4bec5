"""`manage.py purge_contact_messages`: delete the contact form's messages received more than
CONTACT_MESSAGES_DAYS ago (default 365), with their answers and every version of them the history
kept, as the privacy page says. Run it daily (README, "Scheduled jobs"); running it twice the
same day deletes nothing more."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from site_pages.models import ContactMessage


def purge_contact_messages(now=None):
    """How many messages were deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.CONTACT_MESSAGES_DAYS)
    with transaction.atomic():
        old = ContactMessage.objects.filter(received_at__lt=cutoff)
        ids = list(old.values_list("pk", flat=True))
        deleted = old.delete()[1].get(ContactMessage._meta.label, 0)
        # Their versions too, the deletion's own among them: nothing of them is left to restore.
        ContactMessage.history.filter(id__in=ids).delete()
        return deleted


class Command(BaseCommand):
    help = (
        "Deletes the contact form's messages older than CONTACT_MESSAGES_DAYS, and their history."
    )

    def handle(self, *args, **options):
        deleted = purge_contact_messages()
        days = settings.CONTACT_MESSAGES_DAYS
        self.stdout.write(f"contact messages: {deleted} deleted (older than {days} days)")
