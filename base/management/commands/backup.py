"""`manage.py backup`: all records, their audit history and the accounts, to a dated JSON file."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

# Rebuilt by `migrate` (content types, permissions) or worthless after a restore (sessions,
# sign-in throttling) or rebuilt as the rows are restored (the search's vectors, by the database's
# triggers): leaving them out lets the file load into any freshly migrated database.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "search"]


class Command(BaseCommand):
    help = "Write all data to backups/gcg-<date and time>.json (restore it with `restore`)."

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=settings.BASE_DIR / "backups", type=Path)

    def handle(self, *args, directory, **options):
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"gcg-{timezone.now():%Y-%m-%dT%H%M%SZ}.json"
        call_command(
            "dumpdata",
            *[arg for label in EXCLUDED for arg in ("--exclude", label)],
            natural_foreign=True,
            natural_primary=True,
            indent=1,
            output=str(path),
            verbosity=0,
        )
        self.stdout.write(str(path))
