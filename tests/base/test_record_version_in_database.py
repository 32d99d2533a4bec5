"""The record's version kept in the database (base/web/page_cache.py, S25): raised once by each
commit that wrote to the record, never by its own write, and read by each process at most once
every RECORD_VERSION_DATABASE_SECONDS, so that a write from a process sharing no cache with the
servers retires their kept pages within that bound, and a page's queries stay the same.
tests/base/test_second_process_writes.py proves it with a real server and a second process."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.test import Client

from base.web import page_cache
from base.web.page_cache import VERSION_TABLE, record_tables
from partners.models import Organization, OrganizationKind

BOUND = 3600  # seconds: within a test, the version is read again only when the test says so


@pytest.fixture
def version_in_database(settings, monkeypatch):
    settings.RECORD_VERSION_DATABASE_SECONDS = BOUND
    monkeypatch.setattr(page_cache._DatabaseVersion, "value", None)
    monkeypatch.setattr(page_cache._DatabaseVersion, "read_at", float("-inf"))


def version():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {VERSION_TABLE}")
        return cursor.fetchall()


def raised_by_another_process():
    """What a `manage.py shell` without the server's cache does once its write is committed:
    the number in the database raised, the cache's version left as it was."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {VERSION_TABLE} SET version = version + 1")


def create_organisation():
    Organization.objects.create(name="Test One", slug="test-one", kind=OrganizationKind.values[0])


def the_bound_passes():
    page_cache._DatabaseVersion.read_at -= BOUND


def name_on(page):
    return Client().get(page).content.decode()


def test_the_version_table_is_not_one_of_the_records():
    """So raising it does not call for raising it again."""
    assert VERSION_TABLE not in record_tables()


@pytest.mark.usefixtures("version_in_database")
class TestRaised:
    def test_once_per_commit_that_wrote_to_the_record(self, db, django_capture_on_commit_callbacks):
        (before,) = version()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            create_organisation()
            Organization.objects.filter(slug="test-one").update(name="Test Two")
        assert len(callbacks) == 1
        assert version() == [(before[0] + 1,)]

    def test_not_by_a_write_elsewhere(self, db, django_capture_on_commit_callbacks):
        (before,) = version()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            Client().get("/")  # a visitor's page: nothing of the record written
        assert callbacks == [] and version() == [before]

    def test_a_lost_row_is_made_again(self, db, django_capture_on_commit_callbacks):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {VERSION_TABLE}")
        with django_capture_on_commit_callbacks(execute=True):
            create_organisation()
        assert version() == [(1,)]


@pytest.mark.usefixtures("record", "version_in_database")
class TestRead:
    def test_a_write_elsewhere_retires_the_kept_page_once_the_bound_has_passed(
        self, django_assert_num_queries
    ):
        ilo = Organization.objects.get(acronym="ILO")
        page = ilo.get_absolute_url()
        assert "International Labour Organization" in name_on(page)
        # Another process renames it, and raises the number: this process's cache hears nothing
        # (its version, which the write here changed, is put back as it was).
        store = caches[settings.RECORD_VERSION_CACHE]
        cached_version = store.get(page_cache.VERSION_KEY)
        Organization.objects.filter(pk=ilo.pk).update(name="Renamed elsewhere")
        store.set(page_cache.VERSION_KEY, cached_version, timeout=None)
        raised_by_another_process()
        # Within the bound, the kept page (the number is not read again).
        with django_assert_num_queries(0):
            assert "International Labour Organization" in name_on(page)
        the_bound_passes()
        assert "Renamed elsewhere" in name_on(page)

    def test_at_most_one_query_per_bound(self, django_assert_num_queries):
        page = Organization.objects.get(acronym="ILO").get_absolute_url()
        Client().get(page)
        with django_assert_num_queries(0):
            for _ in range(5):
                assert Client().get(page).status_code == 200
        the_bound_passes()
        with django_assert_num_queries(1) as queries:  # the version, then the kept page
            for _ in range(5):
                assert Client().get(page).status_code == 200
        assert VERSION_TABLE in queries.captured_queries[0]["sql"]


class Unanswered:
    """A database that does not answer: each connection's cursor fails."""

    asked = 0

    def __getitem__(self, alias):
        return self

    def cursor(self):
        Unanswered.asked += 1
        raise DatabaseError("the database is not answering")


@pytest.mark.usefixtures("version_in_database")
def test_a_database_that_does_not_answer_is_asked_once_per_bound(monkeypatch, caplog):
    monkeypatch.setattr(page_cache, "connections", Unanswered())
    monkeypatch.setattr(Unanswered, "asked", 0)
    # It cannot say: nothing is served from the cache (None), and it is not asked again by
    # every request until the bound has passed.
    assert [page_cache.database_version() for _ in range(5)] == [None] * 5
    assert Unanswered.asked == 1
    assert caplog.text.count("cannot be read from the database") == 1
    the_bound_passes()
    assert page_cache.database_version() is None
    assert Unanswered.asked == 2
