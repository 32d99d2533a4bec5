"""`make bench`'s machinery at a tiny scale: a factor-1 database served by gunicorn, every page
located in it and answered with its markers, the kept server keeping pages and the rendered one
rendering them, a few pages driven for a few seconds in both columns and the tables written; wrk's
check, which counts a response without its marker text as a failure; the report's columns, targets
and comparison of factors."""

import dataclasses
import sqlite3
import time
import urllib.request

import pytest

from bench import report
from bench.database import bench_database
from bench.measure import Row
from bench.options import Options
from bench.run import column_environment, measured, prepared, serve
from bench.targets import KEPT, RENDERED
from bench.wrk import drive
from devtools.serving import clean_environment

# The pages the cache never serves: staff's, the admin's, the member's own.
NEVER_KEPT = {"me", "admin-meetings", "workspace", "workspace-large"}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A factor-1 bench database, built once for this module's process tests."""
    data = tmp_path_factory.mktemp("bench")
    options = Options(
        factor=1,
        reference_factor=1,
        # Long enough for the large workspace (five times the 2019 meeting) to be answered a few
        # times while the other test workers keep the machine busy.
        seconds=3,
        warmup_seconds=0,
        connections=4,
        rounds=1,
        output=data / "benchmarks.md",
        data=data,
    )
    return prepared(options, clean_environment())


def table_rows(text):
    return [line.split("|")[1].strip() for line in text.splitlines() if line.startswith("| ")]


def get(server, path, cookie=None):
    request = urllib.request.Request(server.url(path), headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.read().decode()


@pytest.mark.process
def test_every_page_is_found_in_a_small_database_and_answered_with_its_markers(tiny):
    cookies = {
        "visitor": None,
        "member": tiny.site["cookie"],
        "officer": tiny.site["officer_cookie"],
    }
    pages = {page["name"]: page for page in tiny.site["pages"]}
    for name in [
        *("meetings", "events", "countries", "organizations", "action-groups", "me"),
        *("home-staff", "meeting-staff", "country-staff", "organization-staff"),
        *("directory-staff", "search-staff", "follow-ups-staff", "admin-meetings"),
    ]:
        assert name in pages
    # The officer's views say who is signed in: the session (and its second factor) works.
    assert "Signed in as bench-officer" in pages["search-staff"]["markers"]
    # Which pages the cache may serve is read from the views themselves.
    kept = {name for name, page in pages.items() if page["cached"]}
    staff = {name for name in pages if name.endswith("-staff")}
    assert not kept & (NEVER_KEPT | staff)
    assert {"home", "meetings", "directory-signed-in", "events-ics"} <= kept
    with serve(tiny, RENDERED) as (server, seconds):
        assert seconds == 0
        for page in pages.values():
            if page["method"] == "GET":
                status, body = get(server, page["path"], cookies[page["reader"]])
                missing = [marker for marker in page["markers"] if marker not in body]
                assert (page["name"], status, missing) == (page["name"], 200, [])


RENAME = "UPDATE pathfinders_country SET name = ? WHERE name = ?"


@pytest.mark.process
def test_the_kept_server_keeps_a_page_and_the_rendered_one_renders_it(tiny):
    """A write made behind Django's back (raw SQL) is not noticed by the page cache: the kept
    server goes on serving the page it kept, the rendered one shows the change at once. One
    worker, so that the second request is served by the process that kept the first."""
    one_worker = dataclasses.replace(tiny, options=dataclasses.replace(tiny.options, workers=1))
    database = bench_database(tiny.options).name
    shown = {}
    for column in (KEPT, RENDERED):
        with serve(one_worker, column) as (server, seconds):
            assert get(server, "/countries/nepal/")[1].count("<h1>Nepal<") == 1
            with sqlite3.connect(database) as connection:
                connection.execute(RENAME, ("Nepal (renamed)", "Nepal"))
            try:
                shown[column] = get(server, "/countries/nepal/")[1]
            finally:
                with sqlite3.connect(database) as connection:
                    connection.execute(RENAME, ("Nepal", "Nepal (renamed)"))
            assert (column, seconds > 0) == (column, column == KEPT)
    assert "<h1>Nepal<" in shown[KEPT] and "Nepal (renamed)" not in shown[KEPT]
    assert "<h1>Nepal (renamed)<" in shown[RENDERED]


@pytest.mark.process
def test_a_tiny_run_writes_both_tables_and_a_wrong_marker_fails(tiny):
    names = ("home", "directory-signed-in", "me", "home-staff", "admin-meetings")
    names += ("workspace-large-save",)
    site = {**tiny.site, "pages": [page for page in tiny.site["pages"] if page["name"] in names]}
    bench = dataclasses.replace(tiny, site=site)
    options = bench.options
    run = measured(bench, time.monotonic(), say=lambda message: None)
    with serve(bench, KEPT) as (server, _seconds):
        wrong = drive(
            server.url("/"), ["not on the home page"], seconds=1, connections=4, threads=2
        )
        server.settle()
    report.write(options.output, run)

    text = options.output.read_text()
    kept, rendered = text.split("### Rendered")
    # The kept table has the pages the cache may serve; the rendered one every page.
    assert table_rows(kept) == ["page", "healthz", "home", "directory-signed-in"]
    assert table_rows(rendered) == ["page", "healthz", *names]
    assert "Page cache: off (PAGE_CACHE_SECONDS=0)." in rendered
    assert "PAGE_CACHE_SECONDS=600." in kept
    for column in run.columns:
        for row in column.rows:
            # The signed-in pages' markers include "Signed in as ...": the sessions work; the
            # workspace's save is a redirect back to the meeting: the officer's session, the
            # CSRF token and the page's state are posted as a browser posts them.
            assert row.requests > 0 and row.failures == 0, (column.name, row)
            if row.page.get("method") == "GET":  # a page, not /healthz nor a save's redirect
                assert row.body_bytes > 1000, row
        assert column.worker_peaks_kib and len(column.worker_peaks_kib) == options.workers
    assert wrong.requests > 0 and wrong.failures == wrong.requests


def a_row(name="home", kind="anonymous", requests_per_second=100.0, ratio=0.6, p99_ms=9.0):
    page = {"name": name, "kind": kind, "path": "/", "markers": ["x"], "method": "GET"}
    return Row(page, 10, requests_per_second, 5.0, p99_ms, ratio, 0, 20_000)


def a_run(engine, requests_per_second=100.0, ratio=0.6, p99_ms=9.0, kind="anonymous"):
    columns = [
        report.Column(
            column, "cache", [a_row("home", kind, requests_per_second, ratio, p99_ms)], []
        )
        for column in (KEPT, RENDERED)
    ]
    return report.Run(engine, "today", "machine", "stack", "settings", columns, 1.0, 0.0)


def test_a_run_replaces_its_own_engines_section_and_keeps_the_others(tmp_path):
    output = tmp_path / "benchmarks.md"
    report.write(output, a_run("postgresql", 111.0))
    report.write(output, a_run("sqlite", 222.0))
    report.write(output, a_run("sqlite", 333.0))
    text = output.read_text()
    assert text.count("<!-- bench:sqlite -->") == text.count("<!-- bench:postgresql -->") == 1
    assert text.index("## SQLite") < text.index("## PostgreSQL")
    assert "| 111.0 |" in text and "| 333.0 |" in text and "| 222.0 |" not in text


def test_each_column_has_its_own_targets(tmp_path):
    output = tmp_path / "benchmarks.md"
    # 0.3× of /healthz: short of the kept target (0.5×), past the rendered one (0.05×).
    report.write(output, a_run("sqlite", ratio=0.3))
    kept, rendered = output.read_text().split("### Rendered")
    assert "| home | `/` | anonymous page | ≥ 0.5× | 20.0 |" in kept
    assert "| missed (ratio) |" in kept
    assert "| home | `/` | public page | ≥ 0.05× | 20.0 |" in rendered and "| met |" in rendered
    # A p99 of 300 ms: over the kept limit (250 ms), within the rendered one (400 ms).
    report.write(output, a_run("sqlite", ratio=0.6, p99_ms=300.0))
    kept, rendered = output.read_text().split("### Rendered")
    assert "| missed (p99) |" in kept and "| met |" in rendered
    # A meeting page rendered: 0.04× meets its 0.03×, where a list would miss its 0.05×.
    report.write(output, a_run("sqlite", ratio=0.04, kind="anonymous-large"))
    rendered = output.read_text().split("### Rendered")[1]
    assert "meeting page or calendar | ≥ 0.03×" in rendered and "| met |" in rendered
    # The heading says both columns' targets.
    assert "public page ≥ 0.05×" in output.read_text() and "p99 ≤ 400 ms" in output.read_text()


def test_the_kept_server_has_the_shipped_cache_and_the_rendered_one_none():
    given = {"PATH": "/bin", "PAGE_CACHE_SECONDS": "5"}
    assert column_environment(given, KEPT) == {"PATH": "/bin"}
    assert column_environment(given, RENDERED) == {"PATH": "/bin", "PAGE_CACHE_SECONDS": "0"}


def test_a_factor_run_has_a_database_of_its_own_and_renders_only(tmp_path):
    hundred = Options(data=tmp_path)
    thousand = Options.from_environment({"BENCH_FACTOR": "1000", "BENCH_DATA": str(tmp_path)})
    assert Options.from_environment({}).columns == (KEPT, RENDERED)
    assert Options.from_environment({"BENCH_CACHE": "rendered"}).columns == (RENDERED,)
    assert thousand.comparing and thousand.columns == (RENDERED,)
    assert bench_database(hundred).name.endswith("/bench.sqlite3")
    assert bench_database(thousand).name.endswith("/bench-f1000.sqlite3")
    postgres = dataclasses.replace(thousand, database_url="postgres://db:5432/gcg_bench")
    assert bench_database(postgres).name == "gcg_bench_f1000"


def comparison(reference_rows, rows):
    return report.Comparison(
        "sqlite", 1000, 100, "today", "m", "s", "settings", reference_rows, rows, 1.0, 0.0
    )


def with_(row, **changes):
    return dataclasses.replace(row, **changes)


def test_a_comparison_of_factors_flags_a_page_slower_twice_over_or_larger(tmp_path):
    output = tmp_path / "benchmarks.md"
    before = [a_row("home"), a_row("meeting"), a_row("events-ics"), a_row("search")]
    after = [
        with_(before[0], p50_ms=9.9, body_bytes=20_900),  # under twice as slow, 4.5 % larger
        with_(before[1], p50_ms=10.1),  # more than twice the 5.0 ms
        with_(before[2], body_bytes=22_000),  # 10 % larger
        with_(before[3], p50_ms=10.1, body_bytes=40_000),
    ]
    report.write(output, a_run("sqlite"))
    report.write(output, comparison(before, after))
    text = output.read_text()
    assert text.index("<!-- bench:sqlite -->") < text.index("<!-- bench:sqlite-1000 -->")
    assert "## SQLite, factor 1000" in text
    results = {
        line.split("|")[1].strip(): line.split("|")[-2].strip()
        for line in text.split("<!-- bench:sqlite-1000 -->")[1].splitlines()
        if line.startswith("| ") and not line.startswith("| page")
    }
    assert results == {
        "home": "met",
        "meeting": "missed (time)",
        "events-ics": "missed (size)",
        "search": "missed (time, size)",
    }
    # Writing the factor-100 section again keeps the comparison.
    report.write(output, a_run("sqlite", 444.0))
    assert "<!-- bench:sqlite-1000 -->" in output.read_text()
