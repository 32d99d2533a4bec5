"""`make bench`'s machinery at a tiny scale: a factor-1 database served by gunicorn, two pages
driven for a second each, the table written; and wrk's check, which counts a response without
its marker text as a failure."""

import time

import pytest

from bench import report
from bench.measure import Row
from bench.options import Options
from bench.run import measured, prepared
from bench.wrk import drive
from devtools.serving import clean_environment


def table_rows(text):
    return [line.split("|")[1].strip() for line in text.splitlines() if line.startswith("| ")]


@pytest.mark.process
def test_a_tiny_run_writes_its_table_and_a_wrong_marker_fails(tmp_path):
    output = tmp_path / "benchmarks.md"
    options = Options(
        factor=1,
        # Long enough for the large workspace (five times the 2019 meeting) to be answered a few
        # times while the other test workers keep the machine busy.
        seconds=3,
        warmup_seconds=0,
        connections=4,
        rounds=1,
        pages=("home", "directory-signed-in", "workspace-large", "workspace-large-save"),
        output=output,
        data=tmp_path,
    )
    with prepared(options, clean_environment()) as bench:
        run = measured(bench, options, time.monotonic())
        wrong = drive(
            bench.server.url("/"), ["not on the home page"], seconds=1, connections=4, threads=2
        )
        bench.server.settle()
    report.write(output, run)

    assert table_rows(output.read_text()) == [
        "page",
        "healthz",
        "home",
        "directory-signed-in",
        "workspace-large",
        "workspace-large-save",
    ]
    for row in run.rows:
        # The signed-in page's markers include "Signed in as bench-member": the session works;
        # the workspace's save is a redirect back to the meeting: the officer's session, the
        # CSRF token and the page's state are posted as a browser posts them.
        assert row.requests > 0 and row.failures == 0, row
    assert wrong.requests > 0 and wrong.failures == wrong.requests
    assert run.worker_peaks_kib and len(run.worker_peaks_kib) == options.workers


def a_run(engine, requests_per_second):
    page = {"name": "home", "kind": "anonymous", "path": "/", "markers": ["x"]}
    row = Row(page, 10, requests_per_second, 5.0, 9.0, 0.6, 0)
    return report.Run(engine, "today", "machine", "stack", "settings", [row], [1024], 1.0, 0.0)


def test_a_run_replaces_its_own_engines_section_and_keeps_the_others(tmp_path):
    output = tmp_path / "benchmarks.md"
    report.write(output, a_run("postgresql", 111.0))
    report.write(output, a_run("sqlite", 222.0))
    report.write(output, a_run("sqlite", 333.0))
    text = output.read_text()
    assert text.count("<!-- bench:sqlite -->") == text.count("<!-- bench:postgresql -->") == 1
    assert text.index("## SQLite") < text.index("## PostgreSQL")
    assert "| 111.0 |" in text and "| 333.0 |" in text and "| 222.0 |" not in text
    assert "| home | `/` | anonymous page | ≥ 0.5× |" in text and "| met |" in text
