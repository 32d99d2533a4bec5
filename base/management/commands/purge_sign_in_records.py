"""`manage.py purge_sign_in_records`: delete the sign-in records older than the retention period
(SIGN_IN_RECORDS_DAYS, default 90): django-axes' sign-ins, sign-outs and failed attempts, each
with an address and a browser, and Django's expired sessions. Run it daily (README, "Scheduled
jobs"); running it twice the same day deletes nothing more."""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone


def purge_sign_in_records(now=None):
    """{what: how many rows deleted}."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.SIGN_IN_RECORDS_DAYS)
    with transaction.atomic():
        return {
            "sign-ins and sign-outs": AccessLog.objects.filter(attempt_time__lt=cutoff).delete()[0],
            "failed sign-ins": AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()[0],
            "lockout counts": AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0],
            "expired sessions": Session.objects.filter(expire_date__lt=now).delete()[0],
        }


class Command(BaseCommand):
    help = "Deletes the sign-in records older than SIGN_IN_RECORDS_DAYS, and expired sessions."

    def handle(self, *args, **options):
        deleted = purge_sign_in_records()
        days = settings.SIGN_IN_RECORDS_DAYS
        for what, count in deleted.items():
            self.stdout.write(f"{what}: {count} deleted (older than {days} days)")
