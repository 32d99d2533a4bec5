"""docs/benchmarks.md: a heading and how to read the figures, then one section per database
engine. A run replaces its own engine's section and keeps the other's."""

import re
from dataclasses import dataclass

from .targets import P99_LIMIT_MS, TARGETS, misses

ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}

HEADING = """# Benchmarks

Written by `make bench` (README, "Measuring"; the code is in `bench/`): the portal with a hundred
times the 2019 record (`generate_scale_data --factor 100 --seed 1`, `devtools/scale_data.py`),
served by gunicorn with the production settings and the project's `gunicorn.conf.py` on the
loopback, driven page by page with wrk. Each section below is one run on one database; a run
replaces its own database's section.

## How to read this

Requests per second depend on the machine, so each page is compared with `/healthz`, a plain view
through the whole middleware that touches no database: the most this stack serves on this machine.
"× /healthz" is a page's requests per second divided by those of a `/healthz` run made moments
before it in the same round, the median over the rounds; requests/s and p50 are medians over the
rounds, p99 the worst round's. Every response was checked: a status other than 200, a page without
its marker text (its heading, or a name it must list), a socket error or a timeout is a failure.
A page meets its target (issue 11) when its ratio reaches its kind's
({targets}), its p99 is under {p99} ms, and nothing failed; "missed" names what it missed.
Signed-in pages are asked for by a member of the Members group, with a session cookie. "Peak memory"
is the largest VmHWM (peak resident set) of the gunicorn workers at the end of the run.

The meeting workspace (the admin's change page of a meeting, issue 17) is asked for by a
Secretariat officer, one request at a time (one connection): its target is the server's time, the
median (p50) of its requests, to show the page ("workspace") and to save it unchanged, as a browser
posts it ("-save": every row as shown, "Save and continue editing", each answer the redirect back to
the page), for the 2019 meeting and for one five times its size ("-large": 30 agenda items, 150
interventions, 220 participants). Its "× /healthz" is given but not a target.
"""


@dataclass(frozen=True)
class Run:
    engine: str  # "sqlite" or "postgresql"
    date: str
    machine: str
    stack: str
    settings: str
    rows: list
    worker_peaks_kib: list
    seconds: float  # the whole run's
    build_seconds: float  # of which building the database (0 when it was reused)


def heading():
    targets = ", ".join(f"{t.label} ≥ {t.ratio:g}×" for t in TARGETS.values())
    return HEADING.format(targets=targets, p99=P99_LIMIT_MS)


def section(run):
    name = ENGINES[run.engine]
    built = f", {run.build_seconds:.0f} s of it building the database" if run.build_seconds else ""
    peaks = run.worker_peaks_kib
    memory = (
        f"{max(peaks) / 1024:.0f} MiB (each worker: "
        + ", ".join(f"{peak / 1024:.0f} MiB" for peak in peaks)
        + ")"
        if peaks
        else "not measured (no worker found)"
    )
    lines = [
        f"<!-- bench:{run.engine} -->",
        f"## {name}",
        "",
        f"- Date: {run.date}",
        f"- Machine: {run.machine}",
        f"- Software: {run.stack}",
        f"- Settings: {run.settings}",
        f"- The run took {run.seconds:.0f} s{built}.",
        "",
        "| page | path | kind | target | requests/s | p50 ms | p99 ms | × /healthz | "
        "failures / requests | result |",
        "|---|---|---|---|--:|--:|--:|--:|--:|---|",
    ]
    lines += [table_row(row) for row in run.rows]
    lines += ["", f"Peak memory of a gunicorn worker: {memory}.", f"<!-- /bench:{run.engine} -->"]
    return "\n".join(lines) + "\n"


def table_row(row):
    page = row.page
    target = TARGETS.get(page["kind"])
    if target is None:  # /healthz itself
        kind, wanted, result = "ceiling", "", "failed" if row.failures or not row.requests else ""
    else:
        kind = target.label
        wanted = f"p50 ≤ {target.p50_ms:g} ms" if target.p50_ms else f"≥ {target.ratio:g}×"
        missed = misses(page["kind"], row.ratio, row.p99_ms, row.failures, row.requests, row.p50_ms)
        result = f"missed ({', '.join(missed)})" if missed else "met"
    cells = [
        page["name"],
        f"`{page['path']}`",
        kind,
        wanted,
        f"{row.requests_per_second:.1f}",
        f"{row.p50_ms:.1f}",
        f"{row.p99_ms:.1f}",
        f"{row.ratio:.3f}×",
        f"{row.failures} / {row.requests}",
        result,
    ]
    return "| " + " | ".join(cells) + " |"


SECTION = re.compile(r"<!-- bench:(\w+) -->\n.*?<!-- /bench:\1 -->\n", re.DOTALL)


def write(path, run):
    """The heading, then each engine's section: this run's, and the others' as they were."""
    sections = {}
    if path.exists():
        sections = {match[1]: match[0] for match in SECTION.finditer(path.read_text())}
    sections[run.engine] = section(run)
    ordered = [sections[engine] for engine in ENGINES if engine in sections]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(heading() + "\n" + "\n".join(ordered))
