"""S26, the page cache's bound: a flood of made-up query strings fills each process's cache to
PAGE_CACHE_MAX_ENTRIES at most, and the pages are still served and cached after it."""

import secrets

from django.conf import settings
from django.core.cache import caches
from django.test import Client
from django.urls import reverse


def test_without_redis_each_process_keeps_at_most_the_bound():
    default = settings.CACHES["default"]
    assert default["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert default["OPTIONS"]["MAX_ENTRIES"] == settings.PAGE_CACHE_MAX_ENTRIES == 300


def test_a_flood_of_query_strings_stays_within_the_bound(db, settings, django_assert_num_queries):
    bound = 40
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "flood",
            "OPTIONS": {"MAX_ENTRIES": bound},
        },
    }
    visitor, home = Client(), reverse("home")
    sizes = []
    for _ in range(5 * bound):
        assert visitor.get(f"{home}?zz={secrets.token_hex(8)}").status_code == 200
        sizes.append(len(caches["default"]._cache))
    assert max(sizes) <= bound
    # Still a cache: a page asked for twice is served the second time without a query.
    visitor.get(home)
    with django_assert_num_queries(0):
        assert visitor.get(home).status_code == 200
