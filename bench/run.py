"""`make bench`: build (or reuse) the factor-100 database, serve it with gunicorn in production
settings, drive each page with wrk over several rounds, and write docs/benchmarks.md.

Settings from the environment (README, "Measuring"): DATABASE_URL, BENCH_SECONDS, BENCH_ROUNDS,
BENCH_CONNECTIONS, BENCH_WARMUP_SECONDS, BENCH_PAGES, BENCH_REBUILD, BENCH_OUTPUT, REDIS_URL...
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


def scaled_site(env, names):
    """The pages with their paths and markers, the member's and the officer's cookies, what
    the stack is."""
    command = [sys.executable, "-m", "bench.scaled_site", *names]
    shown = subprocess.run(
        command, cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True
    )
    return json.loads(shown.stdout.splitlines()[-1])


@dataclass(frozen=True)
class Bench:
    server: object  # server.Server
    site: dict  # scaled_site.py's facts
    engine: str
    build_seconds: float


@contextmanager
def prepared(options, environ=os.environ):
    """The built database, served: a Bench until the block ends, when gunicorn is stopped."""
    database = bench_database(options)
    env = server_environment(options, database.url, environ)
    started = time.monotonic()
    built = ensure_built(database, options, env, say)
    build_seconds = time.monotonic() - started if built else 0.0
    say("collecting the static files")
    manage(["collectstatic", "--noinput", "--verbosity", "0"], env)
    site = scaled_site(env, options.pages)
    log = options.data / "gunicorn.log"
    say(f"serving with {options.workers} gunicorn workers (errors in {log})")
    with serving(env, options.workers, log) as server:
        yield Bench(server, site, database.engine, build_seconds)


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


def measured(bench, options, started):
    """Warm-up, the rounds, the workers' peak memory: the Run report.py writes."""
    cookies = {"member": bench.site["cookie"], "officer": bench.site["officer_cookie"]}
    pages = [
        prepared_save(bench.server, page, cookies["officer"], options.data)
        if page["method"] == "POST"
        else page
        for page in bench.site["pages"]
    ]
    measure.warm_up(bench.server, pages, options, cookies, say)
    rows = measure.rounds(bench.server, pages, options, cookies, say)
    settings = (
        f"factor {options.factor}, seed {options.seed}; {options.workers} gunicorn workers; "
        f"wrk {options.threads} threads, {options.connections} connections, "
        f"{options.seconds} s per run after a {options.warmup_seconds} s warm-up, "
        f"{options.rounds} rounds; cache: {bench.site['cache']}"
    )
    return report.Run(
        engine=bench.engine,
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        machine=machine(),
        stack=(
            f"Python {platform.python_version()}, {bench.site['stack']}, {bench.site['database']}, "
            f"{wrk.version()}"
        ),
        settings=settings,
        rows=rows,
        worker_peaks_kib=bench.server.worker_peak_memory_kib(),
        seconds=time.monotonic() - started,
        build_seconds=bench.build_seconds,
    )


def main():
    # A `kill` ends the run as Ctrl-C does: through the `finally` that stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    options = Options.from_environment()
    started = time.monotonic()
    try:
        with prepared(options) as bench:
            run = measured(bench, options, started)
    except NotABenchDatabase as refused:
        sys.exit(f"bench: {refused}")
    report.write(options.output, run)
    for row in run.rows:
        say(report.table_row(row))
    say(f"wrote {options.output} in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
