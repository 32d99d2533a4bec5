"""What the three sending commands share: the report on standard output, and a failure (exit
status 1, the server's words on standard error) when the mail server did not take them all."""

from django.core.management.base import BaseCommand, CommandError


class SendingCommand(BaseCommand):
    what = ""  # "Invitations", "Reminders"...: how the report starts

    def send(self):
        raise NotImplementedError

    def handle(self, *args, **options):
        report = self.send()
        self.stdout.write(f"{self.what} {report}.")
        if report.failed:
            raise CommandError(
                f"The mail server did not take {report.failed} e-mail(s): {report.error}. "
                "Run the command again once it answers: nothing is sent twice."
            )
