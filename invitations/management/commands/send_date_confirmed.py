"""`manage.py send_date_confirmed`: invitations.sending.send_date_confirmed. Safe to run
several times a day: each invitee is told once."""

from invitations.management.sending_command import SendingCommand
from invitations.sending import send_date_confirmed


class Command(SendingCommand):
    what = "Date confirmed e-mails"
    help = (
        "Tell the invitees of each meeting whose date became known to the day after their "
        "invitation was e-mailed, once each, unless they declined it."
    )

    def send(self):
        return send_date_confirmed()
