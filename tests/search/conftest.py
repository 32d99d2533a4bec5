"""PostgreSQL-only behaviour (stemming, near misses, the triggers) is asserted in tests marked
with `postgresql_only`: deselected on SQLite, where the fallback does not claim it, never
skipped."""

from django.db import connection


def postgresql_only(test):
    test.postgresql_only = True
    return test


def pytest_collection_modifyitems(config, items):
    if connection.vendor == "postgresql":
        return
    kept, deselected = [], []
    for item in items:
        only = getattr(getattr(item, "function", None), "postgresql_only", False)
        (deselected if only else kept).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept
