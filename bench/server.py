"""gunicorn with the production settings and the project's gunicorn.conf.py, on a free port of
the loopback, stopped (its whole process group) however the run ends."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .options import ROOT

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Server:
    port: int
    pid: int
    workers: int

    def url(self, path):
        return f"http://{HOST}:{self.port}{path}"

    def settle(self):
        """Waits until the requests a load run left queued when it stopped have been served, so
        that they do not slow the next run: a new request is accepted after them, once per
        worker."""
        for _ in range(self.workers):
            answers(self.port, timeout=120)

    def worker_peak_memory_kib(self):
        """VmHWM (the peak resident set) of each worker: the master's child processes."""
        peaks = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(
                    line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
                )
            except OSError:  # a process that ended meanwhile
                continue
            if fields.get("PPid", "").strip() == str(self.pid) and "VmHWM" in fields:
                peaks.append(int(fields["VmHWM"].split()[0]))
        return sorted(peaks)


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def answers(port, timeout=5):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


@contextmanager
def serving(env, workers, log_path, seconds=60):
    """gunicorn serving until the block ends. Its error log goes to `log_path`; its access log
    (stdout) is written as in production, and thrown away."""
    port = free_port()
    env = {**env, "HOST": HOST, "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"]
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,  # Ctrl-C reaches the runner, which stops the whole group
        )
        try:
            deadline = time.monotonic() + seconds
            while not answers(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start:\n{Path(log_path).read_text()}")
                time.sleep(0.3)
            yield Server(port, process.pid, workers)
        finally:
            stop(process)


def stop(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except ProcessLookupError:  # the group has already gone
        process.wait()
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
