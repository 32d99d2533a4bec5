"""On SQLite: the FTS5 index of each kind and the triggers that keep it (search.fts), filled from
the rows already there. Nothing on PostgreSQL (its vectors are migration 0002's).

search.fts.ensure() builds it from the kinds' columns; it also runs after every later `migrate`
(search.apps), since a later migration that remakes one of these tables drops its triggers."""

from django.db import migrations


def install(apps, schema_editor):
    from search import fts

    fts.ensure(schema_editor.connection)


def uninstall(apps, schema_editor):
    from search import fts

    fts.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_postgres_vectors_kept_by_triggers"),
        ("meetings", "0013_event_one_per_meeting"),
        ("partners", "0010_person_erasure_and_personal_data_permissions"),
        ("actiongroups", "0005_history_rows_say_which_save_wrote_them"),
        ("pathfinders", "0005_history_rows_say_which_save_wrote_them"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
