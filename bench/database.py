"""The benchmark's own database: built once (migrate, the 2019 record, `--factor` times its size
of scale data) and reused while the factor, the seed, the migrations and the generator are the
same. It is wiped when it has to be rebuilt, so it must be named as a bench database."""

import hashlib
import json
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .options import REFERENCE_FACTOR, ROOT

LARGE_MEETING_TIMES = 5
# generate_scale_data is a development tool (devtools/), which the production settings the site is
# served with do not install: it runs with the development settings, on the same database.
BUILD_SETTINGS = "alliance87.settings.local"

# What the rows depend on: a change to any of these files means a new database.
BUILT_FROM = [
    "*/migrations/*.py",
    "devtools/scale_data.py",
    "devtools/management/commands/generate_scale_data.py",
    "bench/database.py",
    "fixtures/**/*",
]


class NotABenchDatabase(Exception):
    pass


@dataclass(frozen=True)
class BenchDatabase:
    url: str
    engine: str  # "sqlite" or "postgresql"
    name: str  # the SQLite file's path, or PostgreSQL's database name
    marker: Path  # what was built into it, as JSON

    def meetings(self):
        """How many meetings the database holds; None if it does not exist or has no tables."""
        sql = "SELECT count(*) FROM meetings_meeting"
        if self.engine == "sqlite":
            if not Path(self.name).exists():
                return None
            try:
                with sqlite3.connect(self.name) as connection:
                    return connection.execute(sql).fetchone()[0]
            except sqlite3.OperationalError:
                return None
        import psycopg  # the portal's own driver; only needed on PostgreSQL

        try:
            with psycopg.connect(self.url) as connection:
                return connection.execute(sql).fetchone()[0]
        except psycopg.Error:
            return None

    def wipe(self):
        if self.engine == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(self.name + suffix).unlink(missing_ok=True)
            return
        import psycopg

        with psycopg.connect(self.url, dbname="postgres", autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            server.execute(f'CREATE DATABASE "{self.name}"')


def at_factor(url, factor):
    """The database for `factor`: the one `url` names at the reference factor (100), and one
    named after the factor beside it otherwise (bench-f1000.sqlite3, gcg_bench_f1000), so that a
    run at factor 1000 does not wipe the factor-100 database."""
    if factor == REFERENCE_FACTOR:
        return url
    parts = urlsplit(url)
    if parts.scheme == "sqlite":  # sqlite:///path: urlsplit would not give the three slashes back
        folder, _, name = url.rpartition("/")
        return f"{folder}/{Path(name).stem}-f{factor}{Path(name).suffix}"
    return parts._replace(path=f"{parts.path}_f{factor}").geturl()


def bench_database(options):
    """The database DATABASE_URL names (or the default SQLite file), for the run's factor;
    refused unless its name says it is a bench database, since a rebuild wipes it."""
    data = options.data
    url = options.database_url or f"sqlite:///{data / 'bench.sqlite3'}"
    url = at_factor(url, options.factor)
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # As django-environ reads it: sqlite:////abs/path or sqlite:///relative/to/the/checkout
        engine, name = "sqlite", str(ROOT / parts.path[1:])
        key = Path(name).name
    elif parts.scheme in ("postgres", "postgresql"):
        engine, name = "postgresql", parts.path[1:]
        key = f"{parts.hostname}-{parts.port or 5432}-{name}"
    else:
        raise NotABenchDatabase(f"DATABASE_URL: only sqlite:// and postgres:// URLs, not {url!r}")
    if "bench" not in Path(name).name:
        raise NotABenchDatabase(
            f"refusing to use the database {name!r}: the benchmark wipes and rebuilds its "
            "database, so its name must contain 'bench' (e.g. postgres://.../gcg_bench)"
        )
    return BenchDatabase(url, engine, name, data / f"{key}.built.json")


def fingerprint(options):
    digest = hashlib.sha256()
    for pattern in BUILT_FROM:
        for path in sorted(ROOT.glob(pattern)):
            if path.is_file():
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return {"factor": options.factor, "seed": options.seed, "files": digest.hexdigest()}


def is_built(database, wanted):
    try:
        built = json.loads(database.marker.read_text())
    except (OSError, ValueError):
        return False
    return built.get("built_from") == wanted and built.get("meetings") == database.meetings()


def ensure_built(database, options, env, say):
    """Builds the database unless it already holds what this run asks for; True if it did."""
    wanted = fingerprint(options)
    if not options.rebuild and is_built(database, wanted):
        say(
            f"reusing the factor-{options.factor} database {database.name} (BENCH_REBUILD=1 "
            "rebuilds it)"
        )
        return False
    say(f"building a factor-{options.factor} database in {database.name} (wiped first)")
    database.marker.parent.mkdir(parents=True, exist_ok=True)
    database.marker.unlink(missing_ok=True)
    database.wipe()
    manage(["migrate", "--noinput", "--verbosity", "0"], env)
    manage(["load_record"], env)
    generate = [
        "generate_scale_data",
        *("--factor", str(options.factor), "--seed", str(options.seed)),
        # The meeting workspace is also measured on a meeting five times the 2019 one.
        *("--large-meeting", str(LARGE_MEETING_TIMES)),
    ]
    manage(generate, {**env, "DJANGO_SETTINGS_MODULE": BUILD_SETTINGS})
    built = {"built_from": wanted, "meetings": database.meetings()}
    database.marker.write_text(json.dumps(built, indent=2) + "\n")
    return True


def manage(arguments, env):
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True)
