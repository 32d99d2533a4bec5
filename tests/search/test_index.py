"""The index the search reads is current after every kind of write, on both databases (SQLite's
FTS5 tables and PostgreSQL's vectors, each kept by triggers); SQLite's matches words by their
start, folding case and accents; and no text typed can break a query."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.models import ActionPoint
from partners import names
from partners.models import Organization
from search import engines, fts
from search.kinds import BY_KEY, KINDS
from tests.factories import make_action_point, make_meeting, make_organization, make_person

from .conftest import sqlite_only

pytestmark = pytest.mark.django_db


def found(text, kind="decisions"):
    return [pk for pk, _total in engines.found_ids(BY_KEY[kind], text, AnonymousUser())]


class TestKeptCurrent:
    def test_through_the_orm(self):
        point = make_action_point(text="Quokka census.")
        assert found("quokka") == [point.pk]
        point.text = "Wombat census."
        point.save()
        assert found("quokka") == []
        assert found("wombat") == [point.pk]
        point.delete()
        assert found("wombat") == []

    def test_through_bulk_writes(self):
        meeting = make_meeting()
        created = ActionPoint.objects.bulk_create(
            [
                ActionPoint(meeting=meeting, kind="decision", text=f"Quokka census {n}.")
                for n in "ab"
            ]
        )
        assert sorted(found("quokka")) == sorted(point.pk for point in created)
        created[0].text = "Wombat census."
        ActionPoint.objects.bulk_update(created[:1], ["text"])
        ActionPoint.objects.filter(pk=created[1].pk).update(text="Numbat census.")
        assert found("quokka") == []
        assert found("wombat") == [created[0].pk]
        assert found("numbat") == [created[1].pk]
        ActionPoint.objects.filter(pk__in=[point.pk for point in created]).delete()
        assert found("wombat") == found("numbat") == []

    def test_through_raw_sql(self):
        meeting = make_meeting()
        point = make_action_point(meeting=meeting, text="Quokka census.")
        table = ActionPoint._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET text = %s WHERE id = %s", ["Wombat census.", point.pk]
            )
            assert found("quokka") == []
            assert found("wombat") == [point.pk]
            cursor.execute(f"DELETE FROM {table} WHERE id = %s", [point.pk])
        assert found("wombat") == []

    def test_through_a_fixture_load(self):
        call_command("load_record", verbosity=0)
        assert found("Guzman", "people") == found("Graciela", "people")
        assert len(found("Guzman", "people")) == 1

    def test_a_person_follows_their_organisation_being_renamed(self):
        organization = make_organization(name="Quokka Alliance")
        person = make_person(name="Ada Lovelace", organization=organization)
        assert found("quokka", "people") == [person.pk]
        Organization.objects.filter(pk=organization.pk).update(name="Wombat Alliance")
        assert found("quokka", "people") == []
        assert found("wombat", "people") == [person.pk]


@sqlite_only
class TestSQLiteIndex:
    def test_every_kind_has_its_table_and_triggers_and_nothing_to_repair(self):
        assert fts.ensure(connection) == []
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            triggers = {name for (name,) in cursor.fetchall()}
        for kind in KINDS:
            for event in ("insert", "update", "delete"):
                assert f"search_fts_{kind.key}_{event}" in triggers

    def test_a_table_remade_by_a_migration_gets_its_triggers_back_and_is_refilled(self):
        # Django's SQLite schema editor remakes a table to alter it: the DROP takes the triggers.
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER search_fts_decisions_insert")
        point = make_action_point(text="Quokka census.")
        assert found("quokka") == []
        fts.ensure_after_migrate(sender=None, using="default")
        assert found("quokka") == [point.pk]
        assert fts.ensure(connection) == []

    def test_an_insert_or_replace_leaves_one_entry(self):
        point = make_action_point(text="Quokka census.")
        table = ActionPoint._meta.db_table
        columns = [field.column for field in ActionPoint._meta.concrete_fields]
        values = ["'Wombat census.'" if column == "text" else column for column in columns]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) "
                f"SELECT {', '.join(values)} FROM {table} WHERE id = %s",
                [point.pk],
            )
            cursor.execute("SELECT count(*) FROM search_fts_decisions WHERE rowid = %s", [point.pk])
            assert cursor.fetchone() == (1,)
        assert found("quokka") == []
        assert found("wombat") == [point.pk]

    def test_each_word_must_start_a_word(self):
        point = make_action_point(text="Graciela Guzmán reported on forced labour.")
        assert found("guz") == found("Guzm lab") == found("FORCED LABOUR") == [point.pk]
        assert found("uzman") == found("abour") == found("guzman slavery") == []

    @pytest.mark.parametrize(
        "word", ["Guzmán", "GUZMÁN", "Ñandú", "Çelik", "Øresund", "Ångström", "Dvořák", "Łódź"]
    )
    def test_accents_and_case_fold_as_the_directory_folds_names(self, word):
        point = make_action_point(text=f"A note by {word}.")
        for typed in (word, word.lower(), word.upper(), names.normalised(word)):
            assert found(typed) == [point.pk], typed

    def test_a_person_is_found_by_words_of_their_name_and_of_their_organisation(self):
        organization = make_organization(name="Quokka Alliance", acronym="QA")
        person = make_person(name="Ada Lovelace", organization=organization)
        make_person(name="Ada Byron")
        assert found("ada quok", "people") == found("lovel qa", "people") == [person.pk]
        assert found("ada wombat", "people") == []

    def test_the_first_word_in_the_first_column_ranks_first(self):
        meeting = make_meeting(title="Meeting on other things", occasion="Quokka day")
        first = make_meeting(title="Quokka meeting", occasion="Another day")
        assert found("quokka", "meetings") == [first.pk, meeting.pk]


WEIRD = [
    '"',
    '""',
    "*",
    "-",
    "-labour",
    "NEAR",
    "NEAR(forced labour)",
    "forced AND labour",
    "forced OR NOT labour",
    "((labour",
    "labour))",
    "title: labour",
    "{title}: labour",
    "^labour",
    "labour*",
    '"forced labour',
    "😀",
    "😀 labour 😀",
    "a" * 500,
    "forced " * 80,
    "' OR 1=1--",
    "%_\\",
    "Guzma\u0301n",
    "\u200b",
]


@pytest.mark.parametrize("text", WEIRD)
@pytest.mark.parametrize("kind", [kind.key for kind in KINDS])
def test_no_text_breaks_the_query(text, kind):
    make_action_point(text="Forced labour, said NEAR the door.")
    found(text, kind)


# What the page passes on (search.queries.check): no NUL, no lone surrogate.
typed_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=500,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=typed_text)
def test_random_text_never_raises(text):
    for kind in KINDS:
        found(text, kind.key)
