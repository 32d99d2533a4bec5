"""devtools/serving.py: a server started on a free port is waited for, and stopped with everything
it started; one that stops or never answers is reported with its output."""

import os
import re
import sys
from pathlib import Path

import pytest

from devtools.serving import DidNotStart, answers, free_port, running

# A server that starts a child of its own (as make starts gunicorn), then serves its folder.
SERVER = (
    "import subprocess, sys; "
    "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)']); "
    "print('child', child.pid, flush=True); "
    "import http.server; http.server.test(http.server.SimpleHTTPRequestHandler, port={port}, "
    "bind='127.0.0.1')"
)


def runs(pid):
    """Whether the process `pid` is running (not ended, nor ended and waiting to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def test_a_server_is_waited_for_then_stopped_with_its_children(tmp_path):
    port = free_port()
    command = [sys.executable, "-c", SERVER.format(port=port)]
    log = tmp_path / "server.log"
    with running(command, port, cwd=tmp_path, env=os.environ, log=log, ready="/") as server:
        assert answers(port, "/") and server.url("/x") == f"http://127.0.0.1:{port}/x"
        child = int(re.search(r"^child (\d+)$", log.read_text(), re.M)[1])
        assert runs(server.pid) and runs(child)
    assert not runs(server.pid) and not runs(child)
    assert not answers(port, "/")


def test_a_server_that_stops_is_reported_with_its_output(tmp_path):
    command = [sys.executable, "-c", "print('no database here'); raise SystemExit(3)"]
    with pytest.raises(DidNotStart, match=r"stopped with status 3; its output:\nno database here"):
        with running(command, free_port(), cwd=tmp_path, env=os.environ, log=tmp_path / "log"):
            pass


def test_a_server_that_never_answers_is_stopped_and_reported(tmp_path):
    silent = "import time; print('listening nowhere', flush=True); time.sleep(600)"
    command = [sys.executable, "-c", silent]
    log = tmp_path / "log"
    with pytest.raises(DidNotStart, match=r"did not answer /healthz within 1 s(.|\n)*nowhere"):
        with running(command, free_port(), cwd=tmp_path, env=os.environ, log=log, seconds=1):
            pass
