"""`manage.py send_invitations`: invitations.sending.send_invitations. Safe to run several
times a day: an invitation already e-mailed is not e-mailed again."""

from invitations.management.sending_command import SendingCommand
from invitations.sending import send_invitations


class Command(SendingCommand):
    what = "Invitations"
    help = (
        "E-mail each invitation never e-mailed yet, to a meeting still to come (neither "
        "cancelled nor published). An invitation already e-mailed is not e-mailed again."
    )

    def send(self):
        return send_invitations()
