"""`manage.py send_round_emails`: comment_rounds.sending.send_due. Safe to run as often as you
like: each e-mail goes once (once per circulation, per comment, per closing)."""

from comment_rounds.sending import send_due
from invitations.management.sending_command import SendingCommand


class Command(SendingCommand):
    what = "Comment round e-mails:"
    help = (
        "E-mail the reviewers of the comment rounds what is due: the draft record circulated "
        "(or re-circulated), the deadline within three days, the Secretariat's reply to a "
        "comment, the round closed. Nothing is sent twice; run it daily, or after opening, "
        "answering or closing a round."
    )

    def send(self):
        return send_due()
