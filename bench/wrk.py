"""One load run of wrk against one page: every response checked (wrk_check.lua)."""

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

CHECK = Path(__file__).with_name("wrk_check.lua")


@dataclass(frozen=True)
class Result:
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    failures: int  # a status other than 200, a marker missing, or a socket error or timeout
    body_bytes: int = 0  # the mean size of a response's body


def drive(url, markers, seconds, connections, threads, cookie=None, body=None):
    """`connections` clients asking for `url` as fast as it answers, for `seconds`; with a
    `body` (a file of form data), posting it, each answer a redirect whose Location holds the
    markers."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s"]
    command += ["-s", str(CHECK)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    options = []
    if body:
        options = ["@method=POST", f"@body={body}", "@status=302"]
        command += ["-H", "Content-Type: application/x-www-form-urlencoded"]
    command += [url, "--", *options, *markers]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    lines = [line for line in output.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"wrk printed no result for {url}:\n{output}")
    run = json.loads(lines[-1])
    return Result(
        requests=run["requests"],
        requests_per_second=run["requests_per_second"],
        p50_ms=run["p50_ms"],
        p99_ms=run["p99_ms"],
        failures=run["failures"] + run["socket_errors"],
        body_bytes=run["body_bytes"],
    )


def version():
    # wrk has no --version: its usage text starts with it (and it exits 1).
    shown = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    return shown.splitlines()[0].split(" [")[0] if shown else "wrk"
