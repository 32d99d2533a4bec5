"""What a run of the benchmark measures, and how long: from the environment (README)."""

import os
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The factor the targets are set at. A run at another factor compares it with this one.
REFERENCE_FACTOR = 100
# Which columns a run measures (BENCH_CACHE): the page cache as shipped, and/or
# PAGE_CACHE_SECONDS=0.
CACHES = {"both": ("kept", "rendered"), "kept": ("kept",), "rendered": ("rendered",)}


@dataclass(frozen=True)
class Options:
    factor: int = REFERENCE_FACTOR
    # A factor other than this one makes the run a comparison with it (rendered pages only).
    reference_factor: int = REFERENCE_FACTOR
    seed: int = 1
    # 3 s per run, 3 rounds, 1 s warm-up (it was 5 s, 3 rounds, 2 s when a run measured each page
    # once): a page is driven 9 s in all per column, thousands of requests at 16 connections.
    seconds: int = 3
    warmup_seconds: int = 1
    connections: int = 16
    threads: int = 2
    rounds: int = 3
    cache: str = "both"  # CACHES' key
    workers: int = 2
    pages: tuple = ()  # page names (bench/pages.py); empty for all of them
    database_url: str = ""  # empty: a SQLite file in `data`
    rebuild: bool = False
    output: Path = ROOT / "docs" / "benchmarks.md"
    data: Path = ROOT / "bench" / ".data"  # the SQLite file, build markers, static files, log

    @property
    def columns(self):
        """ "kept" and/or "rendered": a comparison of factors renders every page."""
        return ("rendered",) if self.comparing else CACHES[self.cache]

    @property
    def comparing(self):
        return self.factor != self.reference_factor

    def at_factor(self, factor):
        return replace(self, factor=factor)

    @classmethod
    def from_environment(cls, environ=os.environ):
        def number(name, default):
            return int(environ.get(name) or default)

        return cls(
            factor=number("BENCH_FACTOR", cls.factor),
            reference_factor=number("BENCH_REFERENCE_FACTOR", cls.reference_factor),
            seed=number("BENCH_SEED", cls.seed),
            seconds=number("BENCH_SECONDS", cls.seconds),
            warmup_seconds=number("BENCH_WARMUP_SECONDS", cls.warmup_seconds),
            connections=number("BENCH_CONNECTIONS", cls.connections),
            threads=number("BENCH_THREADS", cls.threads),
            rounds=number("BENCH_ROUNDS", cls.rounds),
            cache=cache(environ.get("BENCH_CACHE") or cls.cache),
            workers=number("WEB_CONCURRENCY", cls.workers),
            pages=tuple(name for name in environ.get("BENCH_PAGES", "").split(",") if name),
            database_url=environ.get("DATABASE_URL", ""),
            rebuild=environ.get("BENCH_REBUILD", "") not in ("", "0"),
            output=Path(environ.get("BENCH_OUTPUT") or cls.output),
            data=Path(environ.get("BENCH_DATA") or cls.data),
        )


def cache(value):
    if value not in CACHES:
        raise SystemExit(f"bench: BENCH_CACHE is one of {', '.join(CACHES)}, not {value!r}")
    return value
