"""On PostgreSQL: the `unaccent` and `pg_trgm` extensions, the indexes of the stored vectors, and
the triggers that keep them. Nothing on SQLite (its fallback stores nothing).

Triggers rather than save() or signals: the participant import writes with bulk_create and
bulk_update, `load_record` and `restore` save raw, and none of them calls save() or sends the
signals a vector would be kept by; a trigger sees every write, whatever wrote it. Rather than a
GeneratedField on each model: a generated column must be immutable, which `unaccent` is not, and
it would add a column to every app's tables, where one table here serves them all.

The SQL is built from the fixed table below (no input reaches it). The columns are those of
search.kinds.KINDS; tests/search checks they agree.
"""

from django.db import migrations

# kind: (table, [(column, weight)], name columns for trigram similarity or None)
INDEXED = {
    "meetings": ("meetings_meeting", [("title", "A"), ("city", "B"), ("occasion", "C")], None),
    "agenda_items": ("meetings_agendaitem", [("title", "A"), ("narrative", "C")], None),
    "interventions": ("meetings_intervention", [("speaking_as", "B"), ("summary", "C")], None),
    "decisions": ("meetings_actionpoint", [("text", "A")], None),
    "documents": ("meetings_document", [("title", "A"), ("description", "C")], None),
    "events": (
        "meetings_event",
        [("title", "A"), ("city", "B"), ("description", "C")],
        None,
    ),
    "organisations": (
        "partners_organization",
        [("name", "A"), ("acronym", "A")],
        ["name", "acronym"],
    ),
    "people": ("partners_person", [("name", "A"), ("position", "B")], ["name"]),
    "countries": ("pathfinders_country", [("name", "A")], ["name"]),
    "action_groups": (
        "actiongroups_actiongroup",
        [("name", "A"), ("description", "C")],
        ["name"],
    ),
}


def _vector(columns, row):
    return " || ".join(
        f"setweight(to_tsvector('english', unaccent(coalesce({row}.{column}, ''))), '{weight}')"
        for column, weight in columns
    )


def _name(name_columns, row):
    if not name_columns:
        return "''"
    joined = " || ' ' || ".join(f"coalesce({row}.{column}, '')" for column in name_columns)
    return f"lower(unaccent({joined}))"


def _trigger(kind, table, columns, name_columns):
    function = f"search_keep_{kind}"
    return f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_searchentry WHERE kind = '{kind}' AND object_id = OLD.id;
        RETURN OLD;
    END IF;
    INSERT INTO search_searchentry (kind, object_id, vector, name)
    VALUES ('{kind}', NEW.id, {_vector(columns, "NEW")}, {_name(name_columns, "NEW")})
    ON CONFLICT (kind, object_id)
    DO UPDATE SET vector = EXCLUDED.vector, name = EXCLUDED.name;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER {function} AFTER INSERT OR UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
INSERT INTO search_searchentry (kind, object_id, vector, name)
    SELECT '{kind}', row.id, {_vector(columns, "row")}, {_name(name_columns, "row")}
    FROM {table} AS row
    ON CONFLICT (kind, object_id) DO NOTHING;
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX search_entry_vector ON search_searchentry USING gin (vector)"
    )
    schema_editor.execute(
        "CREATE INDEX search_entry_name_trigrams ON search_searchentry "
        "USING gin (name gin_trgm_ops)"
    )
    for kind, (table, columns, name_columns) in INDEXED.items():
        schema_editor.execute(_trigger(kind, table, columns, name_columns))


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for kind, (table, _columns, _names) in INDEXED.items():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS search_keep_{kind} ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS search_keep_{kind}()")
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_name_trigrams")
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector")
    schema_editor.execute("DELETE FROM search_searchentry")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_entries"),
        ("meetings", "0007_precision_constraints_say_what_to_do"),
        ("partners", "0007_person_search_and_sort_names"),
        ("actiongroups", "0004_history_keeps_links_when_deleted"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
