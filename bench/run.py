"""`make bench`: build (or reuse) the factor-100 database, serve it with gunicorn in production
settings, drive each page with wrk over several rounds, and write docs/benchmarks.md.

Each page is measured in two columns, one gunicorn after the other on the same database: "kept",
the page cache as shipped (PAGE_CACHE_SECONDS taken out of the environment: its default), and
"rendered", a gunicorn started with PAGE_CACHE_SECONDS=0, where every page is its view's. Only one
server runs at a time, so neither column's figures are taken while the other's server holds
memory, and each column's /healthz is measured on its own server. A page the cache never serves
(staff, the admin, /me/) is measured in the rendered column only: kept, it is the same page.

At a factor other than 100 (BENCH_FACTOR=1000), the run compares: every page rendered at factor
100 and at that factor, each on its own database, and its section of docs/benchmarks.md flags a
page whose time more than doubles or whose size grows.

Settings from the environment (README, "Measuring"): DATABASE_URL, BENCH_FACTOR, BENCH_CACHE,
BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS, BENCH_WARMUP_SECONDS, BENCH_PAGES, BENCH_REBUILD,
BENCH_OUTPUT, REDIS_URL...
"""

import json
import os
import platform
import secrets
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from . import measure, report, wrk
from .database import NotABenchDatabase, bench_database, ensure_built, manage
from .options import ROOT, Options
from .server import serving
from .targets import RENDERED
from .workspace_save import prepared_save


def say(message):
    print(f"bench: {message}", flush=True)


def server_environment(options, database_url, environ):
    """What every process of the run sees: production settings with a throwaway key (the
    sessions made for the run are signed with it), plain HTTP on the loopback."""
    return {
        **environ,
        "DJANGO_SETTINGS_MODULE": "alliance87.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "HTTPS": "False",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(options.data / "static"),
    }


def column_environment(env, column):
    """The server's environment for a column: the page cache as shipped (PAGE_CACHE_SECONDS
    left to its default, whatever the caller's environment says), or off."""
    env = {name: value for name, value in env.items() if name != "PAGE_CACHE_SECONDS"}
    return {**env, "PAGE_CACHE_SECONDS": "0"} if column == RENDERED else env


def scaled_site(env, arguments):
    """The pages with their paths and markers, the member's and the officer's cookies, what
    the stack is (or, with --page-cache-seconds, only that setting)."""
    command = [sys.executable, "-m", "bench.scaled_site", *arguments]
    shown = subprocess.run(
        command, cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True
    )
    return json.loads(shown.stdout.splitlines()[-1])


def page_cache_seconds(env):
    """PAGE_CACHE_SECONDS as the settings of a server started with `env` read it."""
    return scaled_site(env, ["--page-cache-seconds"])


@dataclass(frozen=True)
class Bench:
    env: dict  # every process's environment (server_environment)
    site: dict  # scaled_site.py's facts
    engine: str
    build_seconds: float
    options: Options


@contextmanager
def serve(bench, column):
    """gunicorn for one column (column_environment) until the block ends: (Server,
    PAGE_CACHE_SECONDS as its settings read it), which is checked first: 0 in the rendered
    column, more in the kept one."""
    env = column_environment(bench.env, column)
    seconds = page_cache_seconds(env)
    if (seconds == 0) != (column == RENDERED):
        raise RuntimeError(f"bench: the {column} server would have PAGE_CACHE_SECONDS={seconds}")
    log = bench.options.data / f"gunicorn-{column}.log"
    say(
        f"{column}: serving with {bench.options.workers} gunicorn workers, PAGE_CACHE_SECONDS="
        f"{seconds} (errors in {log})"
    )
    with serving(env, bench.options.workers, log) as server:
        yield server, seconds


def prepared(options, environ=os.environ):
    """The built database, with the static files collected and the readers signed in: a Bench
    whose columns `serve` starts."""
    database = bench_database(options)
    env = server_environment(options, database.url, environ)
    started = time.monotonic()
    built = ensure_built(database, options, env, say)
    build_seconds = time.monotonic() - started if built else 0.0
    say("collecting the static files")
    manage(["collectstatic", "--noinput", "--verbosity", "0"], env)
    site = scaled_site(env, options.pages)
    return Bench(env, site, database.engine, build_seconds, options)


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            names = [line for line in cpuinfo if line.startswith("model name")]
    except OSError:
        names = []
    if names:
        model = names[0].split(":", 1)[1].strip()
    return f"{os.cpu_count()} CPUs, {model}; Linux {platform.release()}"


def measured_column(bench, column, say=say):
    """One column: its server started, warmed up, every page of the column driven over the
    rounds, the workers' peak memory; then the server stopped."""
    options = bench.options
    cookies = {"member": bench.site["cookie"], "officer": bench.site["officer_cookie"]}
    pages = [page for page in bench.site["pages"] if column == RENDERED or page["cached"]]
    with serve(bench, column) as (server, seconds):
        pages = [
            prepared_save(server, page, cookies["officer"], options.data)
            if page["method"] == "POST"
            else page
            for page in pages
        ]
        measure.warm_up(server, pages, options, cookies, say)
        rows = measure.rounds(server, pages, options, cookies, say)
        peaks = server.worker_peak_memory_kib()
    cache = (
        f"{bench.site['cache']}, PAGE_CACHE_SECONDS={seconds}"
        if seconds
        else "off (PAGE_CACHE_SECONDS=0)"
    )
    return report.Column(column, cache, rows, peaks)


def settings_line(options, site):
    return (
        f"factor {options.factor}, seed {options.seed}; {options.workers} gunicorn workers; "
        f"wrk {options.threads} threads, {options.connections} connections, "
        f"{options.seconds} s per run after a {options.warmup_seconds} s warm-up, "
        f"{options.rounds} rounds; cache: {site['cache']}"
    )


def stack(site):
    return (
        f"Python {platform.python_version()}, {site['stack']}, {site['database']}, {wrk.version()}"
    )


def now():
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def measured(bench, started, say=say):
    """Each of the run's columns in turn: the Run report.py writes."""
    options = bench.options
    columns = [measured_column(bench, column, say) for column in options.columns]
    return report.Run(
        engine=bench.engine,
        date=now(),
        machine=machine(),
        stack=stack(bench.site),
        settings=settings_line(options, bench.site),
        columns=columns,
        seconds=time.monotonic() - started,
        build_seconds=bench.build_seconds,
    )


def compared(options, started, environ=os.environ, say=say):
    """Every page rendered at the reference factor and at the run's: the Comparison report.py
    writes."""
    columns, built = {}, 0.0
    for factor in (options.reference_factor, options.factor):
        say(f"factor {factor}")
        bench = prepared(options.at_factor(factor), environ)
        built += bench.build_seconds
        columns[factor] = measured_column(bench, RENDERED, say).rows
    return report.Comparison(
        engine=bench.engine,
        factor=options.factor,
        reference_factor=options.reference_factor,
        date=now(),
        machine=machine(),
        stack=stack(bench.site),
        settings=settings_line(options, bench.site).replace(
            f"factor {options.factor}", f"factors {options.reference_factor} and {options.factor}"
        ),
        reference_rows=columns[options.reference_factor],
        rows=columns[options.factor],
        seconds=time.monotonic() - started,
        build_seconds=built,
    )


def main():
    # A `kill` ends the run as Ctrl-C does: through the `finally` that stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    options = Options.from_environment()
    started = time.monotonic()
    try:
        if options.comparing:
            run = compared(options, started)
        else:
            run = measured(prepared(options), started)
    except NotABenchDatabase as refused:
        sys.exit(f"bench: {refused}")
    report.write(options.output, run)
    for line in report.table_lines(run):
        say(line)
    say(f"wrote {options.output} in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
