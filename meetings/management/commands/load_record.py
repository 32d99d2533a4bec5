"""Load the GCG's record from fixtures/ without ever overwriting what is already there."""

from collections import defaultdict

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.core.management.color import no_style
from django.db import connection, transaction

FIXTURES_DIR = settings.BASE_DIR / "fixtures"


class Command(BaseCommand):
    help = (
        "Load the record in fixtures/: objects whose primary key already exists are kept as they "
        "are (edits made since in the admin survive), the others are added. Safe to run twice."
    )

    def handle(self, *args, **options):
        loaded, kept = load_record()
        if options["verbosity"] > 0:
            self.stdout.write(f"Loaded {loaded} new objects, kept {kept} existing")


def load_record(fixtures_dir=FIXTURES_DIR):
    """Save each fixture object whose pk is not taken yet; return (loaded, kept) counts."""
    objects = [
        obj
        for path in sorted(fixtures_dir.glob("*.json"))
        for obj in serializers.deserialize("json", path.read_text(encoding="utf-8"))
    ]
    pks_by_model = defaultdict(set)
    for obj in objects:
        pks_by_model[type(obj.object)].add(obj.object.pk)

    loaded = kept = 0
    # As loaddata does: the fixtures may refer forward; the references are checked at the end.
    with transaction.atomic(), connection.constraint_checks_disabled():
        existing = {
            model: set(model._base_manager.filter(pk__in=pks).values_list("pk", flat=True))
            for model, pks in pks_by_model.items()
        }
        for obj in objects:
            if obj.object.pk in existing[type(obj.object)]:
                kept += 1
                continue
            obj.save()  # raw save, then its many-to-many relations
            loaded += 1
        models = list(pks_by_model)
        connection.check_constraints(table_names=[model._meta.db_table for model in models])
        # Rows inserted with explicit pks leave PostgreSQL's sequences behind: move them on.
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
    return loaded, kept
