"""Issue 11's targets at factor 100: a share of /healthz's requests per second for each kind of
page (bench/pages.py), a p99 latency under 250 ms, and no failed response."""

from dataclasses import dataclass

P99_LIMIT_MS = 250


@dataclass(frozen=True)
class Target:
    label: str
    ratio: float  # at least this many times /healthz's requests per second


TARGETS = {
    "anonymous": Target("anonymous page", 0.5),
    "signed-in-detail": Target("signed-in detail", 0.10),
    "signed-in-list": Target("signed-in list of 50", 0.08),
}


def misses(kind, ratio, p99_ms, failures, requests):
    """What of its target a page missed: [] when it met it."""
    if not requests:
        return ["no response"]
    missed = []
    if ratio < TARGETS[kind].ratio:
        missed.append("ratio")
    if p99_ms >= P99_LIMIT_MS:
        missed.append("p99")
    if failures:
        missed.append("failures")
    return missed
