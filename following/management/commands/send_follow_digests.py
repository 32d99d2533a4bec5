"""`manage.py send_follow_digests`: following.digests.send_digests. Run it daily; safe to run as
often as you like: a follow gets at most one digest a day, and never the same changes twice."""

from django.core.management.base import BaseCommand, CommandError

from following.digests import send_digests


class Command(BaseCommand):
    help = (
        "E-mail each follower what changed about what they follow since their last digest: "
        "daily followers every day, weekly ones seven days after their last digest. Nothing "
        "new, no e-mail. Run it daily."
    )

    def handle(self, *args, **options):
        report = send_digests()
        self.stdout.write(f"Follow digests: {report}.")
        if report.failed:
            raise CommandError(
                f"The mail server did not take {report.failed} e-mail(s): {report.error}. "
                "Run the command again once it answers: nothing is sent twice."
            )
