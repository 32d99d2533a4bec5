"""`manage.py send_invitations`: invitations.sending.send_invitations. Safe to run several
times a day: an invitation already e-mailed is not e-mailed again."""

from django.core.management.base import BaseCommand

from invitations.sending import send_invitations


class Command(BaseCommand):
    help = (
        "E-mail each invitation never e-mailed yet, to a meeting still to come (neither "
        "cancelled nor published). An invitation already e-mailed is not e-mailed again."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Invitations {send_invitations()}.")
