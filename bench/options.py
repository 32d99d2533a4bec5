"""What a run of the benchmark measures, and how long: from the environment (README)."""

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Options:
    factor: int = 100
    seed: int = 1
    seconds: int = 5
    warmup_seconds: int = 2
    connections: int = 16
    threads: int = 2
    rounds: int = 3
    workers: int = 2
    pages: tuple = ()  # page names (bench/pages.py); empty for all of them
    database_url: str = ""  # empty: a SQLite file in `data`
    rebuild: bool = False
    output: Path = ROOT / "docs" / "benchmarks.md"
    data: Path = ROOT / "bench" / ".data"  # the SQLite file, build markers, static files, log

    @classmethod
    def from_environment(cls, environ=os.environ):
        def number(name, default):
            return int(environ.get(name) or default)

        return cls(
            factor=number("BENCH_FACTOR", cls.factor),
            seed=number("BENCH_SEED", cls.seed),
            seconds=number("BENCH_SECONDS", cls.seconds),
            warmup_seconds=number("BENCH_WARMUP_SECONDS", cls.warmup_seconds),
            connections=number("BENCH_CONNECTIONS", cls.connections),
            threads=number("BENCH_THREADS", cls.threads),
            rounds=number("BENCH_ROUNDS", cls.rounds),
            workers=number("WEB_CONCURRENCY", cls.workers),
            pages=tuple(name for name in environ.get("BENCH_PAGES", "").split(",") if name),
            database_url=environ.get("DATABASE_URL", ""),
            rebuild=environ.get("BENCH_REBUILD", "") not in ("", "0"),
            output=Path(environ.get("BENCH_OUTPUT") or cls.output),
            data=Path(environ.get("BENCH_DATA") or cls.data),
        )
