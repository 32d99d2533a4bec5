"""On PostgreSQL: the vocabulary "Did you mean" reads (search.models.SearchWord) with its trigram
index, filled by the triggers that keep the vectors (each function replaced, with one statement
more); and people indexed by their search name (partners.names: "d'Ovidio" also as "dovidio")
rather than their name, their entries made again. On SQLite, the table stays empty (FTS5's
vocabulary is read) and search.fts.ensure() remakes the people's index from the kinds' columns."""

import importlib

from django.db import migrations, models

from search import vocabulary

previous = importlib.import_module("search.migrations.0002_postgres_vectors_kept_by_triggers")

INDEXED = dict(previous.INDEXED)
INDEXED["people"] = (
    "partners_person",
    [("search_name", "A"), ("position", "B")],
    ["name"],
)


def _function(kind, columns, name_columns, words):
    vector, name = previous._vector(columns, "NEW"), previous._name(name_columns, "NEW")
    keep_words = f"{vocabulary.insert_sql([c for c, _w in columns], 'NEW')};" if words else ""
    return f"""
CREATE OR REPLACE FUNCTION search_keep_{kind}() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_searchentry WHERE kind = '{kind}' AND object_id = OLD.id;
        RETURN OLD;
    END IF;
    INSERT INTO search_searchentry (kind, object_id, vector, name)
    VALUES ('{kind}', NEW.id, {vector}, {name})
    ON CONFLICT (kind, object_id)
    DO UPDATE SET vector = EXCLUDED.vector, name = EXCLUDED.name;
    {keep_words}
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""


def _reindex_people(schema_editor, indexed):
    table, columns, name_columns = indexed["people"]
    schema_editor.execute("DELETE FROM search_searchentry WHERE kind = 'people'")
    schema_editor.execute(
        "INSERT INTO search_searchentry (kind, object_id, vector, name) "
        f"SELECT 'people', row.id, {previous._vector(columns, 'row')}, "
        f"{previous._name(name_columns, 'row')} FROM {table} AS row"
    )


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX search_word_trigrams ON search_searchword USING gin (word gin_trgm_ops)"
    )
    for kind, (_table, columns, name_columns) in INDEXED.items():
        schema_editor.execute(_function(kind, columns, name_columns, words=True))
    _reindex_people(schema_editor, INDEXED)
    for _kind, (table, columns, _names) in INDEXED.items():
        schema_editor.execute(vocabulary.insert_sql([c for c, _w in columns], "row", table))


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for kind, (_table, columns, name_columns) in previous.INDEXED.items():
        schema_editor.execute(_function(kind, columns, name_columns, words=False))
    _reindex_people(schema_editor, previous.INDEXED)
    schema_editor.execute("DROP INDEX IF EXISTS search_word_trigrams")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_postgres_indexes_per_kind"),
        ("partners", "0016_search_names_join_apostrophised_names"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[("word", models.CharField(max_length=40, primary_key=True, serialize=False))],
        ),
        migrations.RunPython(install, uninstall),
    ]
