"""`/healthz` answers from the process alone; `/readyz` asks the database, and the shared cache
when one is configured, and says which does not answer."""

import pytest
from django.db import connections
from django.urls import reverse

from alliance87 import health

# Nothing listens here: a Redis that does not answer.
UNREACHABLE_REDIS = "redis://127.0.0.1:9/0"


def test_healthz_does_not_touch_the_database(client):
    # No django_db mark: pytest-django refuses any database access here, so a query would fail.
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_checks_are_not_redirected_to_https(client, settings):
    """A load balancer's checks may speak plain HTTP to the server itself."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("readyz")).status_code == 200
    assert client.get(reverse("home")).status_code == 301


@pytest.mark.django_db
def test_readyz_asks_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.content == b"ready\n"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_says_the_database_does_not_answer(client, monkeypatch):
    wrapper = type(connections["default"])

    def refused(self, *args):
        raise self.Database.OperationalError("connection refused")

    monkeypatch.setattr(wrapper, "cursor", refused)
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.content == b"not ready: database\n"


@pytest.mark.django_db
def test_readyz_asks_redis_when_configured_and_is_degraded_without_it(client, settings):
    settings.REDIS_URL = UNREACHABLE_REDIS
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": UNREACHABLE_REDIS,
        }
    }
    response = client.get(reverse("readyz"))
    # Still ready: the pages are rendered without the cache (base/web/page_cache.py).
    assert response.status_code == 200
    assert response.content == b"degraded: cache\n"


@pytest.mark.django_db
def test_readyz_without_redis_does_not_ask_the_cache(client, monkeypatch):
    def broken():
        raise AssertionError("the cache was asked")

    monkeypatch.setattr(health, "cache_answers", broken)
    assert client.get(reverse("readyz")).status_code == 200
