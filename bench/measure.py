"""The rounds: every page driven in turn, with /healthz (the stack's ceiling: a plain view that
touches no database) measured between them, so that each page's ratio is to a ceiling measured
moments before it on the same machine in the same state."""

import statistics
from dataclasses import dataclass

from .targets import WORKSPACE_KINDS
from .wrk import drive

HEALTHZ = {"name": "healthz", "kind": "ceiling", "path": "/healthz", "markers": ["ok"]}
# /healthz is measured at the start of each round and again after every this many pages.
HEALTHZ_EVERY = 4


@dataclass(frozen=True)
class Row:
    page: dict  # name, kind, path, markers (scaled_site.py)
    requests: int  # over every round
    requests_per_second: float  # the median of the rounds'
    p50_ms: float  # the median of the rounds'
    p99_ms: float  # the worst round's
    ratio: float  # the median of the rounds' ratios to /healthz
    failures: int  # over every round
    body_bytes: int = 0  # the median of the rounds' mean response bodies


def run(server, page, options, cookies, seconds):
    # The workspace is the Secretariat's: one officer, one request at a time.
    alone = page["kind"] in WORKSPACE_KINDS
    result = drive(
        server.url(page["path"]),
        page["markers"],
        seconds=seconds,
        connections=1 if alone else options.connections,
        threads=1 if alone else options.threads,
        cookie=page.get("cookie") or cookies.get(page.get("reader")),
        body=page.get("body"),
    )
    server.settle()
    return result


def warm_up(server, pages, options, cookies, say):
    """Each page once, unmeasured: the workers load their code and templates, the database its
    pages, before anything counts."""
    if options.warmup_seconds <= 0:
        return
    say(f"warming up: {len(pages) + 1} pages, {options.warmup_seconds} s each")
    for page in [HEALTHZ, *pages]:
        run(server, page, options, cookies, options.warmup_seconds)


def rounds(server, pages, options, cookies, say):
    """[Row] for /healthz and then each page, over `options.rounds` rounds."""
    runs = {page["name"]: [] for page in [HEALTHZ, *pages]}
    ratios = {page["name"]: [] for page in pages}
    for number in range(1, options.rounds + 1):
        say(f"round {number} of {options.rounds}")
        for index, page in enumerate(pages):
            if index % HEALTHZ_EVERY == 0:
                ceiling = run(server, HEALTHZ, options, cookies, options.seconds)
                runs["healthz"].append(ceiling)
            result = run(server, page, options, cookies, options.seconds)
            runs[page["name"]].append(result)
            ratios[page["name"]].append(
                result.requests_per_second / ceiling.requests_per_second
                if ceiling.requests_per_second
                else 0.0
            )
    ratios["healthz"] = [1.0]
    return [row(page, runs[page["name"]], ratios[page["name"]]) for page in [HEALTHZ, *pages]]


def row(page, results, ratios):
    return Row(
        page=page,
        requests=sum(result.requests for result in results),
        requests_per_second=statistics.median(r.requests_per_second for r in results),
        p50_ms=statistics.median(result.p50_ms for result in results),
        p99_ms=max(result.p99_ms for result in results),
        ratio=statistics.median(ratios),
        failures=sum(result.failures for result in results),
        body_bytes=int(statistics.median(result.body_bytes for result in results)),
    )
