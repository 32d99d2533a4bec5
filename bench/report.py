"""docs/benchmarks.md: a heading and how to read the figures, then one section per database
engine, and one per comparison of factors (`sqlite-1000`). A run replaces its own section and
keeps the others."""

import re
from dataclasses import dataclass

from .targets import COLUMNS, KEPT, P99_LIMIT_MS, RENDERED, TARGETS, misses, target

ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
COLUMN_TITLES = {
    KEPT: "Kept: the page cache as shipped",
    RENDERED: "Rendered: every page by its view (PAGE_CACHE_SECONDS=0)",
}
# A comparison of factors flags a page whose time is more than this many times the reference's,
# or whose body is more than this share larger (a few bytes more, a longer number or page
# number, is not the page growing with the record).
TIME_LIMIT = 2.0
SIZE_TOLERANCE = 0.05

HEADING = """# Benchmarks

Written by `make bench` (README, "Measuring"; the code is in `bench/`): the portal with a hundred
times the 2019 record (`generate_scale_data --factor 100 --seed 1`, `devtools/scale_data.py`),
served by gunicorn with the production settings and the project's `gunicorn.conf.py` on the
loopback, driven page by page with wrk. Each section below is one run on one database; a run
replaces its own database's section.

## How to read this

Each database's section has two tables, one per server the run started on the same database, one
after the other:

- **Kept**: the page cache as shipped (PAGE_CACHE_SECONDS at its default). A visitor's or a
  member's public page is rendered once and then served from the cache until the record changes:
  what readers get most of the time. Only the pages the cache may serve are in this table.
- **Rendered**: a server started with `PAGE_CACHE_SECONDS=0`, so every request is rendered by its
  view: what the first reader after a change gets, and what staff always get (they are never
  served a kept page). Every page is in this table.

Requests per second depend on the machine, so each page is compared with `/healthz`, a plain view
through the whole middleware that touches no database: the most this stack serves on this machine.
"× /healthz" is a page's requests per second divided by those of a `/healthz` run made moments
before it on the same server in the same round, the median over the rounds; requests/s and p50 are
medians over the rounds, p99 the worst round's, "KB" the size of the page's body. Every response
was checked: a status other than 200, a page without its marker text (its heading, or a name it
must list), a socket error or a timeout is a failure. A page meets its target when its ratio
reaches its kind's, its p99 is at most the column's limit, and nothing failed; "missed" names what
it missed.

- Kept (issue 11): {kept}; p99 ≤ {kept_p99} ms.
- Rendered (issue 20): {rendered}; p99 ≤ {rendered_p99} ms.

A staff view of a public page has the rendered target of the page its reader would otherwise get
(staff always get it rendered, and theirs is that page with the drafts), the admin's list of
meetings the signed-in list's; the pages the cache never serves (staff's, the admin's, `/me/`)
are in the rendered table only, since kept they are the same.

Signed-in pages are asked for by a member of the Members group, with a session cookie (the member
is linked to a participant of the 2019 record, whose page `/me/` is); "-staff" pages by a
Secretariat officer, whose session has given its second factor. "Peak memory" is the largest
VmHWM (peak resident set) of the gunicorn workers at the end of the column.

The meeting workspace (the admin's change page of a meeting, issue 17) is asked for by a
Secretariat officer, one request at a time (one connection): its target is the server's time, the
median (p50) of its requests, to show the page ("workspace") and to save it unchanged, as a browser
posts it ("-save": every row as shown, "Save and continue editing", each answer the redirect back to
the page), for the 2019 meeting and for one five times its size ("-large": 30 agenda items, 150
interventions, 220 participants). Its "× /healthz" is given but not a target.

A section named after a factor ("SQLite, factor 1000", `BENCH_FACTOR=1000 make bench`) renders
every page at factor 100 and at that factor, each on its own database, in one run: a page "missed"
when its p50 more than doubles ("time") or its body grows by more than {tolerance:.0%} ("size").
"""


@dataclass(frozen=True)
class Column:
    name: str  # "kept" or "rendered"
    cache: str  # the page cache as the column's server had it
    rows: list  # measure.Row, /healthz first
    worker_peaks_kib: list


@dataclass(frozen=True)
class Run:
    engine: str  # "sqlite" or "postgresql"
    date: str
    machine: str
    stack: str
    settings: str
    columns: list  # [Column]
    seconds: float  # the whole run's
    build_seconds: float  # of which building the database (0 when it was reused)

    @property
    def key(self):
        return self.engine


@dataclass(frozen=True)
class Comparison:
    engine: str
    factor: int
    reference_factor: int
    date: str
    machine: str
    stack: str
    settings: str
    reference_rows: list  # measure.Row, rendered, at the reference factor
    rows: list  # at `factor`
    seconds: float
    build_seconds: float

    @property
    def key(self):
        return f"{self.engine}-{self.factor}"


def described(column):
    targets = {}  # one entry per label: several kinds share one
    for kind_target in TARGETS[column].values():
        if kind_target.p50_ms:
            continue
        targets.setdefault(kind_target.label, kind_target.ratio)
    return ", ".join(f"{label} ≥ {ratio:g}×" for label, ratio in targets.items())


def heading():
    return HEADING.format(
        kept=described(KEPT),
        kept_p99=P99_LIMIT_MS[KEPT],
        rendered=described(RENDERED),
        rendered_p99=P99_LIMIT_MS[RENDERED],
        tolerance=SIZE_TOLERANCE,
    )


def memory(peaks):
    if not peaks:
        return "not measured (no worker found)"
    each = ", ".join(f"{peak / 1024:.0f} MiB" for peak in peaks)
    return f"{max(peaks) / 1024:.0f} MiB (each worker: {each})"


TABLE_HEAD = [
    "| page | path | kind | target | KB | requests/s | p50 ms | p99 ms | × /healthz | "
    "failures / requests | result |",
    "|---|---|---|---|--:|--:|--:|--:|--:|--:|---|",
]


def facts(run, title):
    built = f", {run.build_seconds:.0f} s of it building the database" if run.build_seconds else ""
    return [
        f"<!-- bench:{run.key} -->",
        f"## {title}",
        "",
        f"- Date: {run.date}",
        f"- Machine: {run.machine}",
        f"- Software: {run.stack}",
        f"- Settings: {run.settings}",
        f"- The run took {run.seconds:.0f} s{built}.",
    ]


def section(run):
    if isinstance(run, Comparison):
        return comparison_section(run)
    lines = facts(run, ENGINES[run.engine])
    for column in sorted(run.columns, key=lambda column: COLUMNS.index(column.name)):
        lines += ["", f"### {COLUMN_TITLES[column.name]}", "", f"Page cache: {column.cache}.", ""]
        lines += TABLE_HEAD
        lines += [table_row(row, column.name) for row in column.rows]
        lines += ["", f"Peak memory of a gunicorn worker: {memory(column.worker_peaks_kib)}."]
    lines.append(f"<!-- /bench:{run.key} -->")
    return "\n".join(lines) + "\n"


def table_row(row, column):
    page = row.page
    wanted = target(column, page["kind"])
    if wanted is None:  # /healthz itself
        kind, goal, result = "ceiling", "", "failed" if row.failures or not row.requests else ""
    else:
        kind = wanted.label
        goal = f"p50 ≤ {wanted.p50_ms:g} ms" if wanted.p50_ms else f"≥ {wanted.ratio:g}×"
        missed = misses(
            column, page["kind"], row.ratio, row.p99_ms, row.failures, row.requests, row.p50_ms
        )
        result = f"missed ({', '.join(missed)})" if missed else "met"
    cells = [
        page["name"],
        f"`{page['path']}`",
        kind,
        goal,
        f"{row.body_bytes / 1000:.1f}",
        f"{row.requests_per_second:.1f}",
        f"{row.p50_ms:.1f}",
        f"{row.p99_ms:.1f}",
        f"{row.ratio:.3f}×",
        f"{row.failures} / {row.requests}",
        result,
    ]
    return "| " + " | ".join(cells) + " |"


def growth(reference, row):
    """What grew too much from the reference factor's row to this one's: [] when nothing did."""
    grew = []
    if not row.requests or not reference.requests:
        return ["no response"]
    if row.p50_ms > TIME_LIMIT * reference.p50_ms:
        grew.append("time")
    if row.body_bytes > (1 + SIZE_TOLERANCE) * reference.body_bytes:
        grew.append("size")
    if row.failures or reference.failures:
        grew.append("failures")
    return grew


def comparison_rows(run):
    reference = {row.page["name"]: row for row in run.reference_rows}
    lines = []
    for row in run.rows:
        before = reference.get(row.page["name"])
        if before is None:
            continue
        if row.page["name"] == "healthz":
            result = ""
        else:
            grew = growth(before, row)
            result = f"missed ({', '.join(grew)})" if grew else "met"
        cells = [
            row.page["name"],
            f"`{row.page['path']}`",
            f"{before.p50_ms:.1f}",
            f"{row.p50_ms:.1f}",
            f"{row.p50_ms / before.p50_ms:.2f}×" if before.p50_ms else "",
            f"{before.body_bytes / 1000:.1f}",
            f"{row.body_bytes / 1000:.1f}",
            f"{row.ratio:.3f}×",
            f"{row.failures} / {row.requests}",
            result,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def comparison_section(run):
    old, new = run.reference_factor, run.factor
    lines = facts(run, f"{ENGINES[run.engine]}, factor {new}")
    lines += [
        "",
        f"Every page rendered (PAGE_CACHE_SECONDS=0) at factor {old} and at factor {new}. A page "
        f"misses when its p50 at {new} is more than {TIME_LIMIT:g} times its p50 at {old} "
        f"(time) or its body more than {SIZE_TOLERANCE:.0%} larger (size).",
        "",
        f"| page | path at {new} | p50 ms at {old} | p50 ms at {new} | time | KB at {old} | "
        f"KB at {new} | × /healthz at {new} | failures / requests at {new} | result |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    lines += comparison_rows(run)
    lines.append(f"<!-- /bench:{run.key} -->")
    return "\n".join(lines) + "\n"


def table_lines(run):
    """The run's table rows, as `make bench` prints them when it ends."""
    if isinstance(run, Comparison):
        return comparison_rows(run)
    return [
        f"{column.name}: {table_row(row, column.name)}"
        for column in run.columns
        for row in column.rows
    ]


SECTION = re.compile(r"<!-- bench:([\w-]+) -->\n.*?<!-- /bench:\1 -->\n", re.DOTALL)


def order(key):
    """The engines' sections first, in ENGINES' order, then the comparisons, by engine and
    factor."""
    engine, _, factor = key.partition("-")
    engines = list(ENGINES)
    return (
        bool(factor),
        engines.index(engine) if engine in engines else len(engines),
        int(factor) if factor.isdigit() else 0,
        key,
    )


def write(path, run):
    """The heading, then each section: this run's, and the others as they were."""
    sections = {}
    if path.exists():
        sections = {match[1]: match[0] for match in SECTION.finditer(path.read_text())}
    sections[run.key] = section(run)
    ordered = [sections[key] for key in sorted(sections, key=order)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(heading() + "\n" + "\n".join(ordered))
