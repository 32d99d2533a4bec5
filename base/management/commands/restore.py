"""`manage.py restore FILE`: load a backup into an empty, migrated database."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from base.portal_apps import portal_app_configs


class Command(BaseCommand):
    help = "Load a file written by `backup` into an empty database (run `migrate` first)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        # Refuse to merge a backup into live data: rows with the same keys would be overwritten.
        models = [model for config in portal_app_configs() for model in config.get_models()]
        if get_user_model().objects.exists() or any(m._default_manager.exists() for m in models):
            raise CommandError("The database is not empty: restore only into a new database.")
        call_command("loaddata", file, verbosity=options["verbosity"])
