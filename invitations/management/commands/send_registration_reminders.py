"""`manage.py send_registration_reminders`: invitations.sending.send_reminders. Safe to run
several times a day: nobody gets two reminders on one day."""

from invitations.management.sending_command import SendingCommand
from invitations.sending import send_reminders


class Command(SendingCommand):
    what = "Reminders"
    help = (
        "E-mail a reminder to each invitee who has not answered, while their meeting takes "
        "answers, unless they declined reminders. At most one a day to each."
    )

    def send(self):
        return send_reminders()
