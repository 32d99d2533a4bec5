"""The PostgreSQL triggers index exactly the columns the search's kinds declare."""

import importlib

from search.kinds import KINDS

triggers = importlib.import_module("search.migrations.0005_vocabulary_and_people_by_search_name")


def test_the_triggers_index_the_columns_of_each_kind():
    assert {kind.key: list(kind.columns) for kind in KINDS} == {
        kind: columns for kind, (_table, columns, _names) in triggers.INDEXED.items()
    }


def test_the_triggers_index_each_kind_on_its_own_table():
    assert {kind.key: kind.model._meta.db_table for kind in KINDS} == {
        kind: table for kind, (table, _columns, _names) in triggers.INDEXED.items()
    }
