"""`manage.py send_date_confirmed`: invitations.sending.send_date_confirmed. Safe to run
several times a day: each invitee is told once."""

from django.core.management.base import BaseCommand

from invitations.sending import send_date_confirmed


class Command(BaseCommand):
    help = (
        "Tell the invitees of each meeting whose date became known to the day after their "
        "invitation was e-mailed, once each, unless they declined it."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Date confirmed e-mails {send_date_confirmed()}.")
