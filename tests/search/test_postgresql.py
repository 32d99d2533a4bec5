"""What only PostgreSQL does: stemming, near misses, and vectors kept by triggers on every write
path. Deselected on SQLite (tests/search/conftest.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from meetings.models import ActionPoint
from partners.models import Organization, Person
from search import engines
from search.kinds import BY_KEY
from search.models import SearchEntry
from tests.factories import make_action_point, make_meeting, make_organization

from .conftest import postgresql_only

pytestmark = pytest.mark.django_db


def found(text, kind):
    return [pk for pk, _total in engines.found_ids(BY_KEY[kind], text, AnonymousUser())]


@postgresql_only
def test_english_stemming_finds_meeting_for_meetings():
    point = make_action_point(text="Confirm the date of the next meeting.")
    assert found("meetings", "decisions") == [point.pk]


@postgresql_only
def test_a_misspelt_name_is_found_by_trigrams():
    organization = make_organization(name="Walk Free Foundation")
    assert found("Walk Fre Fundation", "organisations") == [organization.pk]


@postgresql_only
def test_accents_are_ignored_both_ways():
    point = make_action_point(text="Graciela Guzmán reported.")
    assert found("guzman", "decisions") == [point.pk]
    assert found("GUZMÁN", "decisions") == [point.pk]


@postgresql_only
def test_vectors_follow_bulk_writes_updates_and_deletes():
    meeting = make_meeting()
    created = ActionPoint.objects.bulk_create(
        [ActionPoint(meeting=meeting, kind="decision", text="Quokka census.")]
    )
    assert found("quokka", "decisions") == [created[0].pk]
    ActionPoint.objects.filter(pk=created[0].pk).update(text="Wombat census.")
    assert found("quokka", "decisions") == []
    assert found("wombat", "decisions") == [created[0].pk]
    ActionPoint.objects.filter(pk=created[0].pk).delete()
    assert not SearchEntry.objects.filter(kind="decisions", object_id=created[0].pk).exists()


@postgresql_only
def test_the_raw_fixture_load_is_indexed():
    call_command("load_record", verbosity=0)
    assert SearchEntry.objects.filter(kind="people").count() == Person.objects.count() == 43
    assert SearchEntry.objects.filter(kind="organisations").count() == Organization.objects.count()
