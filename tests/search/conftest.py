"""PostgreSQL-only behaviour (stemming, near misses, the triggers) is asserted in tests marked
with `postgresql_only`: deselected on SQLite, where the fallback does not claim it, never
skipped. SQLite's own index (its triggers, prefix matching) likewise with `sqlite_only`."""

from django.db import connection


def postgresql_only(test):
    test.postgresql_only = True
    return test


def pytest_collection_modifyitems(config, items):
    other = "sqlite_only" if connection.vendor == "postgresql" else "postgresql_only"
    kept, deselected = [], []
    for item in items:
        only = any(
            getattr(owner, other, False) for owner in (getattr(item, "function", None), item.cls)
        )
        (deselected if only else kept).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def sqlite_only(test):
    """SQLite's own index (search.fts): deselected on PostgreSQL, which has its vectors."""
    test.sqlite_only = True
    return test
