"""The targets at factor 100, for each of a run's two columns (README, "Measuring"):

- "kept": the page cache as shipped. Issue 11's targets, unchanged: a share of /healthz's requests
  per second for each kind of page (bench/pages.py), a p99 latency of at most 250 ms, no failed
  response. Only the pages the cache may serve are measured in it.
- "rendered": PAGE_CACHE_SECONDS=0, every page rendered by its view. Issue 20's targets: public
  pages, the signed-in directory, /me/ and search ≥ 0.05×, a meeting page and /events.ics
  (100–400 KB each) ≥ 0.03×, a p99 of at most 400 ms. Staff views of the public pages have their
  member's or visitor's rendered targets (staff are never served a kept page, so this column is
  what they always get; their page is the member's plus drafts), and the admin's meeting list the
  signed-in list's (a list of rows, asked for by the Secretariat like the directory by members).
  Issue 17's, for the meeting workspace, which the Secretariat asks for one request at a time: the
  server's time (the median, p50) to show the page and to save it unchanged, for the 2019 meeting
  and for one five times its size (the admin is never cached: it is measured in this column).
"""

from dataclasses import dataclass

KEPT = "kept"
RENDERED = "rendered"
COLUMNS = (KEPT, RENDERED)
P99_LIMIT_MS = {KEPT: 250, RENDERED: 400}


@dataclass(frozen=True)
class Target:
    label: str
    ratio: float = 0.0  # at least this many times /healthz's requests per second
    p50_ms: float = 0.0  # when set: at most this many milliseconds, instead of the ratio


def workspace_target(label, p50_ms):
    return Target(label, p50_ms=p50_ms)


WORKSPACE_TARGETS = {
    "workspace": workspace_target("workspace, shown", 400),
    "workspace-save": workspace_target("workspace, saved unchanged", 600),
    "workspace-large": workspace_target("5× workspace, shown", 800),
    "workspace-large-save": workspace_target("5× workspace, saved unchanged", 1200),
}

TARGETS = {
    KEPT: {
        "anonymous": Target("anonymous page", 0.5),
        "anonymous-large": Target("anonymous page", 0.5),
        "signed-in-detail": Target("signed-in detail", 0.10),
        "signed-in-list": Target("signed-in list of 50", 0.08),
    },
    RENDERED: {
        "anonymous": Target("public page", 0.05),
        "anonymous-large": Target("meeting page or calendar", 0.03),
        "signed-in-detail": Target("signed-in meeting page", 0.03),
        "signed-in-list": Target("signed-in list of 50", 0.05),
        "member-page": Target("the member's own page", 0.05),
        "staff": Target("staff view of a public page", 0.05),
        "staff-large": Target("staff view of a meeting page", 0.03),
        "admin-list": Target("admin list", 0.05),
        **WORKSPACE_TARGETS,
    },
}

# The workspace's pages are asked for by a Secretariat officer, one request at a time.
WORKSPACE_KINDS = set(WORKSPACE_TARGETS)


def target(column, kind):
    """The page's target in the column, or None: /healthz, or a page the cache never serves in
    the kept column."""
    return TARGETS[column].get(kind)


def misses(column, kind, ratio, p99_ms, failures, requests, p50_ms=0.0):
    """What of its target in `column` a page missed: [] when it met it."""
    if not requests:
        return ["no response"]
    missed = []
    wanted = TARGETS[column][kind]
    if wanted.p50_ms:
        if p50_ms > wanted.p50_ms:
            missed.append("p50")
    else:
        if ratio < wanted.ratio:
            missed.append("ratio")
        if p99_ms > P99_LIMIT_MS[column]:
            missed.append("p99")
    if failures:
        missed.append("failures")
    return missed
