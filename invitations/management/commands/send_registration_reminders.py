"""`manage.py send_registration_reminders`: invitations.sending.send_reminders. Safe to run
several times a day: nobody gets two reminders on one day."""

from django.core.management.base import BaseCommand

from invitations.sending import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail a reminder to each invitee who has not answered, while their meeting takes "
        "answers, unless they declined reminders. At most one a day to each."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Reminders {send_reminders()}.")
