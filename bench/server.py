"""gunicorn with the production settings and the project's gunicorn.conf.py, on a free port of
the loopback (devtools/serving.py starts and stops it), and what the benchmark asks of it."""

import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from devtools.serving import HOST, answers, free_port, running

from .options import ROOT


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


@contextmanager
def serving(env, workers, log_path, seconds=60):
    """gunicorn serving until the block ends. Its error log goes to `log_path`; its access log
    (stdout) is written as in production, and thrown away."""
    port = free_port()
    env = {**env, "HOST": HOST, "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"]
    with running(
        command, port, cwd=ROOT, env=env, log=log_path, seconds=seconds, keep_stdout=False
    ) as server:
        yield Server(port, server.pid, workers)
