"""`manage.py purge_kept_uploads`: deletes the files kept from refused forms
(meetings.kept_uploads) once older than their time limit. Run it daily; running it more often
does no harm."""

from django.core.management.base import BaseCommand

from meetings.kept_uploads import KEEP_FOR, purge


class Command(BaseCommand):
    help = (
        "Delete the uploaded files kept from refused forms once older than "
        f"{KEEP_FOR.total_seconds() / 3600:g} hours."
    )

    def handle(self, *args, **options):
        removed = purge()
        hours = KEEP_FOR.total_seconds() / 3600
        self.stdout.write(f"Kept uploads older than {hours:g} hours deleted: {removed}.")
