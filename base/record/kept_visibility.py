"""Keeping `KeptVisibility.visible_to_visitors` equal to the rule it stands for
(base.record.visibility), in the same transaction as any write that can change it.

Every statement a connection runs is watched (as the page cache watches it): a write to a table
of the record marks the connection's transaction. Before that transaction commits, the kept
visibility of each model is written again from the rule: one UPDATE per model, which changes only
the rows whose answer changed, the models taken so that those that refer to others come first.
So no other reader, in this process or another, ever sees a row's visibility out of step with the
record, whatever wrote it: the admin, a service, `bulk_create`, `loaddata`, a command's raw SQL.

That UPDATE reads the whole record, so a write that cannot change anyone's visibility does not
mark the transaction: an UPDATE of one row by its primary key (what `save()` writes, the admin's
unchanged meeting on every save of its workspace, an edited text) whose row keeps every column the
rule reads (`visibility.columns_read`: its keys, a draft's status, a kept visibility), compared
before and after it runs. Any other write (an INSERT, a DELETE, an UPDATE of many rows) marks it.

- A write outside any transaction (autocommit), which the portal's own write paths do not make
  (the admin, the services, the imports, `loaddata` and `restore` write in one), is followed at
  once by the kept visibility's statements, each committed by itself as the write was.
- A page read in the transaction that wrote (a test; a view that saves and shows) keeps it
  current first (`keep_current_in_this_transaction`), so it reads what will be committed.
- The commit itself is the database backend's: base/record/backends/ wraps Django's SQLite and
  PostgreSQL backends (before_commit.py), since Django has no signal before a commit.
- While migrations run, the models may be ahead of the tables: nothing is kept until they have
  all run, and then all of it (post_migrate); nor after a migration back, until a migrate forward.
"""

import functools
import logging
import re

from django.apps import apps
from django.db import DatabaseError, connections, transaction

from .visibility import KeptVisibility, SeenRows, columns_read, is_record, references_to
from .written_table import written_table

logger = logging.getLogger(__name__)


class _Tables:
    # True while migrations run, and after a migrate that left the tables behind the models (to
    # an earlier migration): the kept visibility cannot be written until they are caught up.
    behind = False


def keep_current_in_this_transaction(using):
    connection = connections[using]
    if getattr(connection, "visibility_written", False):
        keep_current_unless_migrating(connection)
        connection.visibility_written = False


def keep_current_unless_migrating(connection):
    if not _Tables.behind:
        keep_current(connection)


def keep_current(connection):
    """Writes each kept visibility that differs from the rule."""
    # Through the driver's cursor, past the execute wrappers: these writes follow one already
    # noticed (by the page cache too), and run when Django is committing, not in an atomic block.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        for model in models_in_order():
            table = connection.ops.quote_name(model._meta.db_table)
            pk = connection.ops.quote_name(model._meta.pk.column)
            kept = connection.ops.quote_name("visible_to_visitors")
            seen, params = SeenRows(model).as_sql(None, connection)
            cursor.cursor.execute(
                f"UPDATE {table} SET {kept} = NOT {kept} WHERE {kept} <> ({pk} IN {seen})", params
            )


@functools.cache
def models_in_order():
    """The models that keep their visibility, each after those of its referrers that do (a
    person's is read to derive their organisation's)."""
    kept = [model for model in apps.get_models() if issubclass(model, KeptVisibility)]
    ordered = []
    while len(ordered) < len(kept):
        ready = [
            model
            for model in kept
            if model not in ordered
            and all(
                relation.related_model in ordered
                for relation in references_to(model)
                if issubclass(relation.related_model, KeptVisibility)
            )
        ]
        assert ready, "the kept visibilities refer to each other in a cycle"
        ordered += ready
    return ordered


@functools.cache
def watched_models():
    """{table: model} of the tables whose rows the rule reads: the record's models and their
    many-to-many links."""
    watched = {}
    for model in apps.get_models():
        if is_record(model):
            links = [field.remote_field.through for field in model._meta.local_many_to_many]
            watched.update((each._meta.db_table, each) for each in (model, *links))
    return watched


def watch_writes(sender, connection, **kwargs):
    """connection_created: the outermost execute wrapper, so that the other wrappers' work on a
    write (the page cache's) is done before the kept visibility is."""
    if _note_write not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _note_write)


def _note_write(execute, sql, params, many, context):
    connection = context["connection"]
    if _Tables.behind or written_table(sql) not in watched_models():
        return execute(sql, params, many, context)
    if connection.in_atomic_block or not connection.get_autocommit():
        written = many or getattr(connection, "visibility_written", False)
        row = None if written else _row_updated(sql, params)
        if row is None:
            connection.visibility_written = True
            return execute(sql, params, many, context)
        before = _what_the_rule_reads(connection, *row)
        result = execute(sql, params, many, context)
        if _what_the_rule_reads(connection, *row) != before:
            connection.visibility_written = True
        return result
    # Outside a transaction the write has committed when it returns: the kept visibility follows
    # at once, each statement committed by itself as the write was. (Neither can be made in one
    # transaction with the write: an INSERT's RETURNING rows are read by the caller after this
    # returns, and SQLite commits no transaction while they are.)
    result = execute(sql, params, many, context)
    keep_current_unless_migrating(connection)
    return result


# `UPDATE "table" SET ... WHERE "table"."id" = %s`, as Model.save() and .filter(pk=).update() write
# it: the WHERE, last, names one row by its key (the statement's last parameter).
ONE_ROW_UPDATE = re.compile(
    r'\s*UPDATE\s+"?(\w+)"?\s+SET\s.*\sWHERE\s+(?:"?\1"?\.)?"?(\w+)"?\s*=\s*%s\s*',
    re.IGNORECASE | re.DOTALL,
)


def _row_updated(sql, params):
    """(model, primary key) of the one row `sql` updates, if it is a ONE_ROW_UPDATE."""
    found = ONE_ROW_UPDATE.fullmatch(sql)
    model = found and watched_models().get(found.group(1))
    if model and found.group(2) == model._meta.pk.column and isinstance(params, list | tuple):
        return (model, params[-1]) if params else None
    return None


def _what_the_rule_reads(connection, model, pk):
    """The row's columns that the rule reads; None if there is no such row. Locked on
    PostgreSQL as the UPDATE locks it, so that no other transaction changes it between this read
    and the UPDATE (on SQLite the transaction took the write lock when it began)."""
    quote = connection.ops.quote_name
    key = quote(model._meta.pk.column)
    columns = ", ".join([key, *map(quote, columns_read(model))])
    sql = f"SELECT {columns} FROM {quote(model._meta.db_table)} WHERE {key} = %s"
    if connection.features.has_select_for_no_key_update:
        sql += " " + connection.ops.for_update_sql(no_key=True)
    with connection.cursor() as cursor:  # past the execute wrappers, as keep_current
        cursor.cursor.execute(sql, [pk])
        return cursor.cursor.fetchone()


def migrations_begin(sender, **kwargs):  # pre_migrate
    _Tables.behind = True


def migrations_done(sender, using, **kwargs):  # post_migrate
    try:
        with transaction.atomic(using=using):
            keep_current(connections[using])
    except DatabaseError:  # migrated back, or part of the way: the models are ahead of the tables
        logger.warning("The kept visibility is not written until the tables are migrated.")
        return
    _Tables.behind = False
