"""S14: SQL fragments and LIKE wildcards in searches and filters are ordinary text; and no SQL is
written by hand in the project, in any spelling, except the two places below, which take no input.
"""

import ast
import re

import pytest
from django.urls import reverse

from .project_code import ROOT, dotted_name, imported_names, parsed, project_modules

SQL_AND_LIKE = ["' OR 1=1--", "%", "_", "%%", "\\", "' OR '1'='1", "'; DROP TABLE x;--"]


@pytest.mark.usefixtures("record")
class TestWithThe2019Record:
    @pytest.mark.parametrize("probe", SQL_AND_LIKE)
    def test_s14_the_name_search_treats_input_as_text(self, client, probe):
        response = client.get(reverse("directory:people"), {"q": probe})
        assert response.status_code == 200
        assert list(response.context["object_list"]) == []  # nobody's name contains it
        assert "No one matches these filters." in response.content.decode()
        assert client.get(reverse("directory:people")).context["paginator"].count == 43

    @pytest.mark.parametrize("param", ["organization", "kind", "country", "meeting"])
    def test_s14_filters_treat_input_as_text(self, client, param):
        response = client.get(reverse("directory:people"), {param: "1 OR 1=1"})
        assert response.status_code == 200
        assert list(response.context["object_list"]) == []

    @pytest.mark.parametrize("url_name", ["meetings:list", "directory:action_group_list"])
    def test_s14_lists_without_a_search_ignore_one(self, client, url_name):
        hostile = client.get(reverse(url_name), {"q": "' OR 1=1--"})
        assert hostile.status_code == 200
        assert _without_switcher(hostile) == _without_switcher(client.get(reverse(url_name)))


def _without_switcher(response):
    """The page less the header's language switcher, which returns to the address as asked
    (its query string included) and carries a fresh CSRF token each time."""
    return re.sub(rb'<form class="language-switcher".*?</form>', b"", response.content, flags=re.S)


# Hand-written SQL, each with why it may stay. A new one fails the test until it is listed here.
ALLOWED = {
    # The visibility rule's subquery: SQL the ORM's own compiler made from a QuerySet, kept to be
    # reused (its parameters are the ORM's, never a visitor's input).
    ("base/record/visibility.py", "SeenRows.as_sql"): "as_sql",
    # After loading rows with their own ids, PostgreSQL's sequences are moved past them with the
    # statements Django itself writes (connection.ops.sequence_reset_sql): no input in them.
    ("base/management/commands/load_record.py", "load_record"): ".execute()",
    # /readyz asks the database the smallest question there is, "SELECT 1": a constant.
    ("alliance87/health.py", "database_answers"): ".execute()",
    # After the synthetic rows are added, "ANALYZE": a constant, for the planner's statistics.
    ("devtools/management/commands/generate_scale_data.py", "Command.handle"): ".execute()",
    # The record's version in the database, in a table no model maps (so that backups, restore
    # and flush leave it): a constant SELECT, UPDATE and INSERT on the table's constant name.
    ("base/web/page_cache.py", "database_version"): ".execute()",
    ("base/web/page_cache.py", "_raise_database_version"): ".execute()",
    # The kept visibility: UPDATEs of each model's own column, on the table and column names of
    # the models, WHERE the rule's subquery (SeenRows, above); its parameters are booleans and
    # the subquery's own.
    ("base/record/kept_visibility.py", "keep_current"): ".execute()",
    # Before and after an UPDATE of one row, that row's keys and status read by its primary key
    # (a parameter), on the model's table and column names.
    ("base/record/kept_visibility.py", "_what_the_rule_reads"): ".execute()",
    # The search's finding (every kind's best ids and counts in one query, or one kind's ids),
    # around each kind's SQL from its engine: on SQLite the ORM's, found by SQLite's search index
    # (FTS5, which the ORM does not know: engine_sqlite.found_in), the typed words reaching it only
    # as parameters, MATCH expressions of quoted words (`"word"*`) built by engine_sqlite.words, on
    # the kinds' own table and column names; on PostgreSQL
    # (engine_postgres.ranked) the entries' SQL on constant table, column and kind names joined
    # to the ORM's SQL of the rows the reader may see. What was typed is only ever a parameter.
    ("search/engines.py", "_rows"): ".execute()",
    # Making, checking and dropping the index and its triggers (sqlite_master read with
    # parameters), and merging it after an erasure: constant SQL on the kinds' names.
    ("search/fts.py", "_schema"): ".execute()",
    ("search/fts.py", "ensure"): ".execute()",
    ("search/fts.py", "remove"): ".execute()",
    ("search/fts.py", "purge_erased_text"): ".execute()",
    # "Did you mean" (issue 23): the words typed, cut by partners.names.words, only ever as
    # parameters; on PostgreSQL one constant query on the vocabulary table, on SQLite a UNION of
    # one constant query per kind's FTS5 vocabulary table (names from the kinds' keys).
    ("search/suggestions.py", "_postgresql"): ".execute()",
    ("search/suggestions.py", "_sqlite"): ".execute()",
    # The vocabulary made again (after an erasure): constant SQL on the kinds' table and column
    # names, no parameter.
    ("search/vocabulary.py", "rebuild"): ".execute()",
}
RAW_CALLS = {"raw", "extra", "execute", "executemany", "executescript"}
# An expression's own SQL, for any database or one of them.
SQL_METHODS = {"as_sql", "as_sqlite", "as_postgresql", "as_mysql", "as_oracle"}


def hand_written_sql(tree):
    """{(where, what)}: calls of .raw(), .extra() or a cursor's .execute(), any use of RawSQL
    (under any name it is imported as), and expressions writing their own SQL (as_sql)."""
    names = imported_names(tree)
    found = []

    def visit(node, where):
        for child in ast.iter_child_nodes(node):
            inner = where
            if isinstance(child, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                inner = f"{where}.{child.name}" if where else child.name
                if isinstance(child, ast.FunctionDef) and child.name in SQL_METHODS:
                    found.append((inner, child.name))
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute):
                if child.func.attr in RAW_CALLS:
                    found.append((where, f".{child.func.attr}()"))
            if isinstance(child, ast.Name | ast.Attribute):
                if (dotted_name(child, names) or "").endswith("RawSQL"):
                    found.append((where, "RawSQL"))
            if isinstance(child, ast.ImportFrom) and any(a.name == "RawSQL" for a in child.names):
                found.append((where, "RawSQL"))
            visit(child, inner)

    visit(tree, "")
    return found


def test_s14_no_hand_written_sql_in_the_code():
    modules = project_modules()
    # The project, not the virtualenv: 69, 201 at issue 20, 316 at issue 23.
    assert 60 <= len(modules) <= 400
    found = {
        (str(path.relative_to(ROOT)), where): what
        for path in modules
        for where, what in hand_written_sql(parsed(path))
    }
    assert found == ALLOWED


def test_s14_the_check_finds_each_spelling():
    for source in [
        "Person.objects.raw(query)",
        "people.extra(where=[query])",
        "connection.cursor().execute(query)",
        "from django.db.models.expressions import RawSQL",
        "from django.db.models import expressions as e\nx = e.RawSQL(query, [])",
        "from django.db.models.expressions import RawSQL as Sql\nSql(query, [])",
        "class Raw(Func):\n    def as_sql(self, compiler, connection):\n        return query, []",
        "class Raw(Func):\n    def as_postgresql(self, compiler, connection):\n        return q",
    ]:
        assert hand_written_sql(ast.parse(source)), source
