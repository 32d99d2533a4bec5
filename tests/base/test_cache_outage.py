"""S25, the cache failing: with Redis stopped or unreachable every page is rendered fresh for
visitors and members, nothing is served from the cache or kept in it, the Secretariat's saves
go through, `/readyz` says "degraded" without taking the server out, and once the cache answers
again no page kept before a write made during the outage is served (base/web/page_cache.py)."""

import logging

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from base.web import page_cache
from partners.models import Organization
from tests.admin_forms import posted_data

from .test_page_cache import as_member, cached_pages, members_pages

# Nothing listens on port 1: the connection is refused at once, as by a stopped Redis.
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"
FAILED = "The cache does not answer"
RETURNED = "The cache answers again"


@pytest.fixture
def outage_state(monkeypatch):
    """This process's memory of an outage, as it was before the test, after it."""
    monkeypatch.setattr(page_cache._Outage, "until", 0.0)
    monkeypatch.setattr(page_cache._Outage, "missed", False)


@pytest.fixture
def redis_unreachable(settings, outage_state):
    """The production settings with REDIS_URL naming a Redis that does not answer."""
    settings.REDIS_URL = UNREACHABLE_REDIS
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": UNREACHABLE_REDIS,
        "OPTIONS": settings.REDIS_TIMEOUTS,
    }
    settings.CACHES = {"default": redis, settings.RECORD_VERSION_CACHE: redis}


@pytest.fixture
def cache_fails(monkeypatch):
    """Stops the caches as they are (`cache_fails(False)` starts them again): every read and
    write raises what redis-py raises for a Redis that went away."""
    methods = ("get", "set", "add", "delete", "clear")
    stores = page_cache_stores()
    saved = [(cache, name, getattr(cache, name)) for cache in stores for name in methods]

    def down(failing=True):
        for cache, name, method in saved:
            if failing:
                monkeypatch.setattr(cache, name, refuse)
            else:
                monkeypatch.setattr(cache, name, method)

    return down


def page_cache_stores():
    return [caches["default"], page_cache._version_store()]


def refuse(*args, **kwargs):
    raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def failures_logged(caplog):
    return [record for record in caplog.records if record.getMessage().startswith(FAILED)]


@pytest.mark.usefixtures("record", "redis_unreachable")
class TestRedisUnreachable:
    def test_every_cached_page_is_rendered_for_visitors_and_members(
        self, member, caplog, monkeypatch
    ):
        monkeypatch.setattr(page_cache, "CACHE_RETRY_SECONDS", 3600)
        visitor, reader = Client(), as_member(member)
        answers = {}
        for name, path in cached_pages().items():
            answers["visitor", name] = visitor.get(path).status_code
        for name, path in members_pages().items():
            answers["member", name] = reader.get(path).status_code
        assert len(answers) > 40
        assert {key: status for key, status in answers.items() if status != 200} == {}
        # Asked once, failed once: the next requests did not wait for Redis again.
        assert len(failures_logged(caplog)) == 1
        assert failures_logged(caplog)[0].levelno == logging.ERROR

    def test_a_page_is_rendered_again_for_each_visitor(self, django_assert_max_num_queries):
        path = reverse("directory:organization_list")
        Client().get(path)
        with django_assert_max_num_queries(100) as queries:
            assert Client().get(path).status_code == 200
        assert len(queries) > 0  # rendered by the view: nothing was kept

    def test_the_secretariat_saves(self, staff):
        ilo = Organization.objects.get(acronym="ILO")
        secretariat = Client()
        secretariat.force_login(staff)
        change = reverse("admin:partners_organization_change", args=[ilo.pk])
        form = secretariat.get(change)
        assert form.status_code == 200
        posted = posted_data(form, name="International Labour Office")
        assert secretariat.post(change, posted).status_code == 302
        ilo.refresh_from_db()
        assert ilo.name == "International Labour Office"
        html = Client().get(ilo.get_absolute_url()).content.decode()
        assert "International Labour Office" in html

    def test_readyz_says_degraded_and_stays_ready(self, client):
        response = client.get(reverse("readyz"))
        assert (response.status_code, response.content) == (200, b"degraded: cache\n")


@pytest.mark.usefixtures("record", "outage_state")
class TestTheCacheReturns:
    def test_no_page_kept_before_a_write_made_during_the_outage_is_served(
        self, cache_fails, caplog, monkeypatch, django_assert_num_queries
    ):
        monkeypatch.setattr(page_cache, "CACHE_RETRY_SECONDS", 0)  # retried at every request
        ilo = Organization.objects.get(acronym="ILO")
        page = ilo.get_absolute_url()
        assert "International Labour Organization" in Client().get(page).content.decode()

        cache_fails()
        # A write while the cache fails: its version change cannot be made.
        Organization.objects.filter(pk=ilo.pk).update(name="International Labour Office")
        during = Client().get(page)
        assert during.status_code == 200
        assert "International Labour Office" in during.content.decode()

        cache_fails(False)
        after = Client().get(page).content.decode()
        assert "International Labour Office" in after  # not the page kept before the write
        assert "International Labour Organization" not in after
        assert [r for r in caplog.records if r.getMessage().startswith(RETURNED)]
        # Back to normal by itself: the page is kept and served again without a query.
        with django_assert_num_queries(0):
            assert "International Labour Office" in Client().get(page).content.decode()

    def test_after_an_outage_seen_on_reads_only_the_kept_pages_are_retired_too(
        self, cache_fails, monkeypatch
    ):
        """Another process may have written meanwhile, its version change lost: whoever saw the
        outage retires every kept page when the cache answers again."""
        monkeypatch.setattr(page_cache, "CACHE_RETRY_SECONDS", 0)
        before = page_cache.record_version()
        cache_fails()
        assert page_cache.record_version() is None
        cache_fails(False)
        assert page_cache.record_version() not in (None, before)

    def test_within_the_retry_time_the_cache_is_not_asked(self, cache_fails, monkeypatch):
        monkeypatch.setattr(page_cache, "CACHE_RETRY_SECONDS", 3600)
        cache_fails()
        assert page_cache.record_version() is None
        assert page_cache.cache_is_failing()
        cache_fails(False)
        assert page_cache.record_version() is None  # not asked again yet
        monkeypatch.setattr(page_cache._Outage, "until", 0.0)  # the retry time has passed
        assert page_cache.record_version() is not None
        assert not page_cache.cache_is_failing()
