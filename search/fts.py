"""SQLite's search index: one FTS5 table per kind (`search_fts_<kind>`), its rowid the row's id,
its columns the kind's columns, kept by triggers on the kind's table, as PostgreSQL's vectors are
(migration 0002): every write path (the admin, bulk_create and bulk_update, loaddata and
`restore`, a raw SQL fix) goes through the table, so none can leave the index stale.

Tokenised by `unicode61 remove_diacritics 2`: case and accents folded as partners.names folds the
directory's names ("Guzmán" is "guzman"); the query's words go through the same tokeniser, so the
fold is the same on both sides by construction.

Why `ensure()` runs after every `migrate` too (search.apps), not only in migration 0003: on
SQLite, Django alters most columns by remaking the table (copy, DROP, rename), and a dropped
table takes its triggers with it. `ensure()` puts back any trigger that is missing or differs
from the kinds' columns, and refills that kind's index from its table, which the missing trigger
may have let go stale. When nothing is missing it only reads sqlite_master.

The SQL is built from the kinds' table and column names (no input reaches it).
"""

PREFIX = "search_fts_"
VOCABULARY = "_vocabulary"  # suffix of each kind's FTS5 vocabulary table


def tables():
    """{kind: (FTS table, record table, [columns])} from search.kinds."""
    from .kinds import KINDS

    return {
        kind.key: (f"{PREFIX}{kind.key}", kind.model._meta.db_table, [c for c, _w in kind.columns])
        for kind in KINDS
    }


def _create_table(fts, columns):
    return (
        f"CREATE VIRTUAL TABLE {fts} USING fts5({', '.join(columns)}, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )


def _triggers(fts, table, columns):
    """{trigger name: its CREATE statement}."""
    listed = ", ".join(columns)
    new = ", ".join(f"NEW.{column}" for column in columns)
    insert = f"INSERT INTO {fts} (rowid, {listed}) VALUES (NEW.id, {new});"
    # The row's old entry goes first, whatever its id was: an INSERT OR REPLACE, or an update of
    # the id, cannot leave two entries.
    return {
        f"{fts}_insert": (
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
            f"DELETE FROM {fts} WHERE rowid = NEW.id; {insert} END"
        ),
        f"{fts}_update": (
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF id, {listed} ON {table} BEGIN "
            f"DELETE FROM {fts} WHERE rowid = OLD.id; "
            f"DELETE FROM {fts} WHERE rowid = NEW.id; {insert} END"
        ),
        f"{fts}_delete": (
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM {fts} WHERE rowid = OLD.id; END"
        ),
    }


def _schema(cursor, kind):
    cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = %s AND name LIKE %s", [kind, f"{PREFIX}%"]
    )
    return dict(cursor.fetchall())


def ensure(connection):
    """Create whatever is missing or out of date of the index and its triggers; refill the index
    of each kind whose table or triggers had to be (re)made. Returns the kinds refilled."""
    if connection.vendor != "sqlite":
        return []
    refilled = []
    with connection.cursor() as cursor:
        existing_tables = _schema(cursor, "table")
        existing_triggers = _schema(cursor, "trigger")
        for kind, (fts, table, columns) in tables().items():
            wanted_table = _create_table(fts, columns)
            triggers = _triggers(fts, table, columns)
            table_ok = existing_tables.get(fts) == wanted_table
            triggers_ok = all(existing_triggers.get(name) == sql for name, sql in triggers.items())
            if table_ok and triggers_ok:
                continue
            for name in triggers:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            if not table_ok:
                cursor.execute(f"DROP TABLE IF EXISTS {fts}")
                cursor.execute(wanted_table)
            for sql in triggers.values():
                cursor.execute(sql)
            listed = ", ".join(columns)
            cursor.execute(f"DELETE FROM {fts}")
            cursor.execute(f"INSERT INTO {fts} (rowid, {listed}) SELECT id, {listed} FROM {table}")
            refilled.append(kind)
        for fts, _table, _columns in tables().values():
            wanted = _create_vocabulary(fts)
            if existing_tables.get(f"{fts}{VOCABULARY}") != wanted:
                cursor.execute(f"DROP TABLE IF EXISTS {fts}{VOCABULARY}")
                cursor.execute(wanted)
    return refilled


def _create_vocabulary(fts):
    """FTS5's vocabulary of one kind's index: its words, one row each (search.suggestions)."""
    return f"CREATE VIRTUAL TABLE {fts}{VOCABULARY} USING fts5vocab({fts}, 'row')"


def remove(connection):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for fts, _table, columns in tables().values():
            for name in _triggers(fts, _table, columns):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {fts}{VOCABULARY}")
            cursor.execute(f"DROP TABLE IF EXISTS {fts}")


def ensure_after_migrate(sender, using, **kwargs):
    """post_migrate: on SQLite, once migration 0003 made the index, keep its triggers (a table
    remade by a later migration lost them)."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if not _schema(cursor, "table"):
            return  # not migrated that far (or migrated back)
    ensure(connection)


def purge_erased_text(sender, **kwargs):
    """partners' person_erased: FTS5 keeps the words of a row it has re-indexed in its segments
    until they are merged; merging every segment now ('optimize') leaves none of an erased
    person's words behind."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if not _schema(cursor, "table"):
            return
        for fts, _table, _columns in tables().values():
            cursor.execute(f"INSERT INTO {fts} ({fts}) VALUES ('optimize')")
