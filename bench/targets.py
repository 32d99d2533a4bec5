"""The targets at factor 100. Issue 11's, for the pages of visitors and members: a share of
/healthz's requests per second for each kind of page (bench/pages.py), a p99 latency under 250 ms,
and no failed response. Issue 17's, for the meeting workspace, which the Secretariat asks for one
request at a time: the server's time (the median, p50) to show the page and to save it unchanged,
for the 2019 meeting and for one five times its size."""

from dataclasses import dataclass

P99_LIMIT_MS = 250


@dataclass(frozen=True)
class Target:
    label: str
    ratio: float = 0.0  # at least this many times /healthz's requests per second
    p50_ms: float = 0.0  # when set: at most this many milliseconds, instead of the ratio


def workspace_target(label, p50_ms):
    return Target(label, p50_ms=p50_ms)


TARGETS = {
    "anonymous": Target("anonymous page", 0.5),
    "signed-in-detail": Target("signed-in detail", 0.10),
    "signed-in-list": Target("signed-in list of 50", 0.08),
    "workspace": workspace_target("workspace, shown", 400),
    "workspace-save": workspace_target("workspace, saved unchanged", 600),
    "workspace-large": workspace_target("5× workspace, shown", 800),
    "workspace-large-save": workspace_target("5× workspace, saved unchanged", 1200),
}

# The workspace's pages are asked for by a Secretariat officer, one request at a time.
WORKSPACE_KINDS = {kind for kind, target in TARGETS.items() if target.p50_ms}


def misses(kind, ratio, p99_ms, failures, requests, p50_ms=0.0):
    """What of its target a page missed: [] when it met it."""
    if not requests:
        return ["no response"]
    missed = []
    target = TARGETS[kind]
    if target.p50_ms:
        if p50_ms > target.p50_ms:
            missed.append("p50")
    else:
        if ratio < target.ratio:
            missed.append("ratio")
        if p99_ms >= P99_LIMIT_MS:
            missed.append("p99")
    if failures:
        missed.append("failures")
    return missed
