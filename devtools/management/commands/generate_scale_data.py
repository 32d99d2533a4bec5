"""Add synthetic data on top of the record, to measure the portal at `--factor` times its size."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from devtools.scale_data import generate, large_meeting


class Command(BaseCommand):
    help = (
        "Add realistic synthetic data on top of the 2019 record, --factor times its size (100: "
        "about 100 meetings, 4,500 people, 600 organisations), the same for the same --seed. "
        "For measuring and testing only: never run it on the production database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, required=True, help="How many times the record.")
        parser.add_argument("--seed", type=int, default=0, help="The same seed, the same rows.")
        parser.add_argument(
            "--large-meeting",
            type=int,
            default=0,
            metavar="TIMES",
            help="Also add one meeting TIMES the size of the 2019 one (make bench: 5).",
        )

    def handle(self, *args, factor, seed, **options):
        if factor < 1:
            raise CommandError("--factor must be 1 or more.")
        if options["large_meeting"] < 0:
            raise CommandError("--large-meeting must be 0 or more.")
        started = time.monotonic()
        summary = generate(factor, seed)
        if options["large_meeting"]:
            meeting = large_meeting(options["large_meeting"], seed)
            summary = f"{summary}, and the {meeting.short_label}, {options['large_meeting']} times "
            summary += "the 2019 one"
        # The planner's statistics for what was just added, as a live database's autovacuum
        # would gather them: without them PostgreSQL plans for tables nearly empty.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        if options["verbosity"] > 0:
            seconds = time.monotonic() - started
            self.stdout.write(f"Added {summary} in {seconds:.1f} s.")
