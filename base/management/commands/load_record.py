"""Load the GCG's record from fixtures/ without ever overwriting or resurrecting anything.

Each fixture row is loaded at most once: `load_record` remembers the rows it has loaded
(base.LoadedFixtureRow), so a row the Secretariat edited is kept as it is, and a row they deleted
stays deleted. A row that cannot be added because a row made by hand already holds one of its
unique values (an organisation's name, say) is reported and left out, with the rows that refer
to it; the rest is loaded.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import BaseCommand
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction

from base.models import LoadedFixtureRow

FIXTURES_DIR = settings.BASE_DIR / "fixtures"
LOADED_REASON = "Loaded from the record's fixtures"


class Command(BaseCommand):
    help = (
        "Load the record in fixtures/: rows loaded before are never loaded again (edits and "
        "deletions made since in the admin stand); the others are added. Safe to run twice."
    )

    def handle(self, *args, **options):
        report = load_record()
        if options["verbosity"] > 0:
            for line in report.skipped:
                self.stderr.write(line)
            self.stdout.write(report.summary())


@dataclass
class LoadReport:
    loaded: int = 0
    kept: int = 0
    deleted_since: int = 0
    skipped: list = field(default_factory=list)  # one line each: which row, and why

    def summary(self):
        text = f"Loaded {self.loaded} new objects, kept {self.kept} existing"
        if self.deleted_since:
            text += f", left out {self.deleted_since} deleted since they were loaded"
        if self.skipped:
            text += f", skipped {len(self.skipped)} (see above)"
        return text


def key_of(obj):
    return (obj._meta.label_lower, str(obj.pk))


def load_record(fixtures_dir=FIXTURES_DIR):
    """Add each fixture row never loaded before; return a LoadReport."""
    rows = {
        key_of(row.object): row
        for path in sorted(fixtures_dir.glob("*.json"))
        for row in serializers.deserialize("json", path.read_text(encoding="utf-8"))
    }
    report = LoadReport()
    # As loaddata does: the fixtures may refer forward; the references are checked at the end.
    with transaction.atomic(), connection.constraint_checks_disabled():
        remembered = set(LoadedFixtureRow.objects.values_list("model", "object_pk"))
        present = _present(rows)
        absent = set()  # rows of the record that will not be there: deleted since, or skipped
        for key in rows:
            if key in present:
                report.kept += 1
            elif key in remembered:
                report.deleted_since += 1
                absent.add(key)
        added = [key for key in rows if key not in present and key not in remembered]
        while True:
            for key, missing in _referring_to(rows, added, absent).items():
                report.skipped.append(
                    f"Skipped {_describe(rows[key])}: it refers to "
                    f"{_describe_key(rows, missing)}, which is not in the database."
                )
                absent.add(key)
            added = [key for key in added if key not in absent]
            clashes = _add(rows, added)
            if not clashes:
                break
            # Left out, with what refers to them; the others are added again.
            for key, reason in clashes.items():
                report.skipped.append(f"Skipped {_describe(rows[key])}: {reason}.")
                absent.add(key)
        report.loaded = len(added)
        _record_first_versions(rows[key].object for key in added)
        LoadedFixtureRow.objects.bulk_create(
            [LoadedFixtureRow(model=model, object_pk=pk) for model, pk in [*added, *present]],
            ignore_conflicts=True,
        )
        models = {type(row.object) for row in rows.values()}
        connection.check_constraints(table_names=[model._meta.db_table for model in models])
        # Rows inserted with explicit pks leave PostgreSQL's sequences behind: move them on.
        statements = connection.ops.sequence_reset_sql(no_style(), list(models))
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
    return report


def _record_first_versions(objects):
    """Each loaded row's first version in its history (a raw save records none), so that the
    history of the first edit made in the admin can say what it changed."""
    by_model = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj)
    for model, loaded in by_model.items():
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        if manager:
            getattr(model, manager).bulk_history_create(
                loaded, default_change_reason=LOADED_REASON[:100]
            )


def _present(rows):
    """The keys of fixture rows whose primary key is already taken in their table."""
    by_model = {}
    for row in rows.values():
        by_model.setdefault(type(row.object), []).append(row.object.pk)
    return {
        (model._meta.label_lower, str(pk))
        for model, pks in by_model.items()
        for pk in model._base_manager.filter(pk__in=pks).values_list("pk", flat=True)
    }


def _add(rows, keys):
    """Save the rows; if any is refused, save none and return {key: reason} for those refused."""
    clashes = {}
    try:
        with transaction.atomic():
            for key in keys:
                try:
                    with transaction.atomic():
                        rows[key].save()  # raw save, then its many-to-many relations
                except IntegrityError as error:
                    clashes[key] = _reason(rows[key].object, error)
            if clashes:
                raise _Refused
    except _Refused:
        pass
    return clashes


class _Refused(Exception):
    """Rolls back a batch in which some row was refused."""


def _reason(obj, error):
    try:
        obj.validate_unique()
        obj.validate_constraints()
    except ValidationError as invalid:
        messages = [message for messages in invalid.message_dict.values() for message in messages]
        return "a row already in the database has the same value: " + " ".join(
            message.rstrip(".") for message in messages
        )
    return f"the database refused it ({error})"


def _referring_to(rows, keys, absent):
    """{key: missing key} for rows that refer, directly or through others, to an absent row."""
    references = {key: set(_references(rows[key])) for key in keys}
    missing = {}
    changed = True
    while changed:
        changed = False
        for key, targets in references.items():
            if key in missing:
                continue
            gone = targets & (absent | missing.keys())
            if gone:
                missing[key] = min(gone)
                changed = True
    return missing


def _references(row):
    """The keys of the rows a deserialized row points at: foreign keys and many-to-many."""
    obj = row.object
    for model_field in obj._meta.concrete_fields:
        if model_field.is_relation and getattr(obj, model_field.attname) is not None:
            target = model_field.remote_field.model._meta.label_lower
            yield (target, str(getattr(obj, model_field.attname)))
    for name, pks in (row.m2m_data or {}).items():
        target = obj._meta.get_field(name).remote_field.model._meta.label_lower
        yield from ((target, str(pk)) for pk in pks)


def _describe(row):
    obj = row.object
    try:
        name = f" “{obj}”"
    except ObjectDoesNotExist:  # its __str__ names a row that is not there
        name = ""
    return f"{obj._meta.label_lower} {obj.pk}{name}"


def _describe_key(rows, key):
    return _describe(rows[key]) if key in rows else f"{key[0]} {key[1]}"
