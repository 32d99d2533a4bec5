"""`manage.py send_followup_digest`: e-mail what is overdue or due within two weeks
(meetings.followup_digest). Safe to run several times a day: a digest already sent today is not
sent again."""

from django.core.management.base import BaseCommand

from meetings.followup_digest import send_digests


class Command(BaseCommand):
    help = (
        "E-mail the Secretariat, and the owners' contacts who agreed to be reached, the "
        "follow-ups overdue or due within two weeks. A digest already sent today is not sent "
        "again."
    )

    def handle(self, *args, **options):
        sent, skipped = send_digests()
        self.stdout.write(f"Digests sent: {sent}; already sent today: {skipped}.")
