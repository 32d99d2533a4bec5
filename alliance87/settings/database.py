"""The database the environment names (DATABASE_URL), with the options that let it serve
concurrent requests (docs/deploy.md).

SQLite serves one server: its writes are made to wait for each other (WAL journal, transactions
that take the write lock when they begin, a busy timeout) instead of failing with "database is
locked". PostgreSQL serves several. On either, each worker keeps its connection (CONN_MAX_AGE), or
on PostgreSQL shares psycopg's pool when DATABASE_POOL is on.
"""

import importlib.util

from django.core.exceptions import ImproperlyConfigured

SQLITE = "django.db.backends.sqlite3"
POSTGRESQL = "django.db.backends.postgresql"
# Django's, with the record's kept visibility written before each commit (base/record/backends/).
PORTAL_BACKENDS = {
    SQLITE: "base.record.backends.sqlite3",
    POSTGRESQL: "base.record.backends.postgresql",
}


def default_database(env, base_dir):
    """The DATABASES["default"] entry the environment asks for."""
    database = env.db("DATABASE_URL", default=f"sqlite:///{base_dir / 'db.sqlite3'}")
    options = database.setdefault("OPTIONS", {})
    if database["ENGINE"] == SQLITE:
        options.update(
            # A write transaction takes the lock when it begins, so a second writer waits for
            # it (up to the timeout) instead of failing when it tries to upgrade a read lock.
            transaction_mode="IMMEDIATE",
            timeout=env.int("SQLITE_TIMEOUT_SECONDS", default=20),
            # Readers do not block the writer, nor the writer the readers.
            init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        )
        # Opening the file and setting its journal on every request cost a signed-in page more
        # than its own queries: each worker keeps its connection, as on PostgreSQL.
        database["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
        database["CONN_HEALTH_CHECKS"] = True
    elif database["ENGINE"] == POSTGRESQL:
        if env.bool("DATABASE_POOL", default=False):
            if importlib.util.find_spec("psycopg_pool") is None:
                raise ImproperlyConfigured(
                    "DATABASE_POOL is on but psycopg_pool is not installed: "
                    "install the portal with its pool extra (pip install '.[pool]')."
                )
            options["pool"] = {
                "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=2),
                "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=4),
            }
            database["CONN_MAX_AGE"] = 0  # Django refuses persistent connections with a pool
        else:
            database["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
            database["CONN_HEALTH_CHECKS"] = True
    if database["ENGINE"] == SQLITE:
        # The test database in memory, as Django's default: said, since pytest-django knows
        # Django's SQLite by its ENGINE alone and would otherwise look for a file.
        database.setdefault("TEST", {}).setdefault("NAME", ":memory:")
    database["ENGINE"] = PORTAL_BACKENDS.get(database["ENGINE"], database["ENGINE"])
    return database
