"""The settings that let the portal serve concurrent requests, from the environment: the
database's options, the shared cache, the cached template loader; and `.env.example` explains
every variable the settings read."""

import json
import os
import re
import subprocess
import sys

import environ
import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader

from alliance87.settings.database import default_database

ROOT = settings.BASE_DIR


def database_for(monkeypatch, tmp_path, **variables):
    for name in ("DATABASE_URL", "CONN_MAX_AGE", "DATABASE_POOL", "SQLITE_TIMEOUT_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return default_database(environ.Env(), tmp_path)


def test_sqlite_writes_wait_for_each_other(monkeypatch, tmp_path):
    database = database_for(monkeypatch, tmp_path)
    assert database["NAME"] == str(tmp_path / "db.sqlite3")
    assert database["OPTIONS"] == {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    longer = database_for(monkeypatch, tmp_path, SQLITE_TIMEOUT_SECONDS="45")
    assert longer["OPTIONS"]["timeout"] == 45


def test_sqlite_keeps_its_connection(monkeypatch, tmp_path):
    database = database_for(monkeypatch, tmp_path)
    assert database["CONN_MAX_AGE"] == 60 and database["CONN_HEALTH_CHECKS"] is True
    fresh = database_for(monkeypatch, tmp_path, CONN_MAX_AGE="0")
    assert fresh["CONN_MAX_AGE"] == 0


def test_postgresql_keeps_its_connections(monkeypatch, tmp_path):
    url = "postgres://postgres@127.0.0.1:5432/gcg"
    database = database_for(monkeypatch, tmp_path, DATABASE_URL=url)
    assert database["CONN_MAX_AGE"] == 60 and database["CONN_HEALTH_CHECKS"] is True
    assert "pool" not in database["OPTIONS"]
    fresh = database_for(monkeypatch, tmp_path, DATABASE_URL=url, CONN_MAX_AGE="0")
    assert fresh["CONN_MAX_AGE"] == 0


def test_postgresql_pool_needs_psycopg_pool(monkeypatch, tmp_path):
    url = "postgres://postgres@127.0.0.1:5432/gcg"
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    with pytest.raises(ImproperlyConfigured, match=r"pip install '\.\[pool\]'"):
        database_for(monkeypatch, tmp_path, DATABASE_URL=url, DATABASE_POOL="True")


def test_postgresql_pool_from_the_environment(monkeypatch, tmp_path):
    url = "postgres://postgres@127.0.0.1:5432/gcg"
    monkeypatch.setattr("importlib.util.find_spec", lambda name: object())
    database = database_for(
        monkeypatch, tmp_path, DATABASE_URL=url, DATABASE_POOL="True", DATABASE_POOL_MAX_SIZE="8"
    )
    assert database["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 8}
    assert database["CONN_MAX_AGE"] == 0


def production_settings(**variables):
    """The named settings as production computes them from these variables alone."""
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env.update(DJANGO_SETTINGS_MODULE="alliance87.settings.production", SECRET_KEY="x" * 50)
    env.update(variables)
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps({name: getattr(settings, name) for name in "
        "['CACHES', 'SESSION_ENGINE']}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_caches_from_redis_url():
    shared = production_settings(REDIS_URL="redis://127.0.0.1:6379/3")["CACHES"]["default"]
    assert shared == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
        # A Redis that does not answer holds a request half a second at most.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    alone = production_settings()
    assert alone["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert alone["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def test_templates_are_compiled_once_per_process():
    assert not settings.DEBUG
    loaders = engines["django"].engine.template_loaders
    assert [type(loader) for loader in loaders] == [CachedLoader]


def variables_read():
    """Every variable the settings and gunicorn.conf.py read."""
    sources = [*(ROOT / "alliance87" / "settings").glob("*.py"), ROOT / "gunicorn.conf.py"]
    pattern = re.compile(r"""(?:env\.\w+|environ\.get)\(\s*["']([A-Z][A-Z0-9_]+)["']""")
    return {name for path in sources for name in pattern.findall(path.read_text())}


def test_env_example_explains_every_variable():
    example = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))
    read = variables_read()
    assert {"DATABASE_URL", "REDIS_URL", "HTTPS", "SECURITY_CONTACT"} <= read
    assert read - documented == set()
