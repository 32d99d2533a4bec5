"""A server of our own for a while: a command that serves HTTP on a free port of the loopback,
started, waited for until it answers, and stopped (its whole process group) however the block
ends. The benchmark's gunicorn, the tests' `make serve` and `make run`, and the two servers of
.ci/two_servers.py all start this way.

    port = free_port()
    with running(["make", "serve", f"PORT={port}"], port, cwd=ROOT, env=env, log=log) as server:
        ...  # server.url("/"), server.pid

A server that stops, or does not answer within `seconds`, raises DidNotStart with its output.
"""

import http.client
import os
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def clean_environment(**variables):
    """A server's environment as on a new machine: PATH, HOME and LANG, and `variables`; nothing
    this process was given (DJANGO_SETTINGS_MODULE, DATABASE_URL...) leaks in."""
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env.update(variables)
    return env


def answers(port, path="/healthz", timeout=5):
    """Whether a server on `port` answers `path` with 200."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


class DidNotStart(RuntimeError):
    def __init__(self, command, why, log):
        super().__init__(f"{' '.join(map(str, command))}: {why}; its output:\n{log.read_text()}")


@dataclass(frozen=True)
class Running:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def pid(self):
        return self.process.pid

    def url(self, path="/"):
        return f"http://{HOST}:{self.port}{path}"


@contextmanager
def running(command, port, *, cwd, env, log, ready="/healthz", seconds=90, keep_stdout=True):
    """Starts `command` (which serves on `port`) in a process group of its own, waits until
    `ready` answers 200, and stops the group when the block ends. Its output goes to the file
    `log`; with keep_stdout=False only its stderr (gunicorn's access log is on stdout)."""
    log = Path(log)
    with log.open("w") as out:  # the server writes to its own copy of the file
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=out if keep_stdout else subprocess.DEVNULL,
            stderr=out,
            start_new_session=True,  # Ctrl-C reaches the caller, which stops the whole group
        )
    try:
        deadline = time.monotonic() + seconds
        while not answers(port, ready):
            if process.poll() is not None:
                raise DidNotStart(command, f"stopped with status {process.returncode}", log)
            if time.monotonic() > deadline:
                raise DidNotStart(command, f"did not answer {ready} within {seconds} s", log)
            time.sleep(0.3)
        yield Running(process, port, log)
    finally:
        stop(process)


def stop(process, seconds=30):
    """SIGTERM to the process's group (a `make serve` and its gunicorn, say), SIGKILL to what is
    left of it after `seconds`; it returns once every process of the group has ended."""
    deadline = time.monotonic() + seconds
    for signal_number in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, signal_number)
        except ProcessLookupError:  # the group has already gone
            break
        while group_lives(process) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not group_lives(process):
            break
        deadline = time.monotonic() + 5
    process.wait()


def group_lives(process):
    """Whether a process of `process`'s group is still running (not ended, nor a zombie)."""
    process.poll()  # the leader, once ended, is reaped here; its children, by init
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
            state, _ppid, group = stat.read_text().rsplit(")", 1)[1].split()[:3]
        except (OSError, IndexError):  # a process that ended meanwhile
            continue
        if int(group) == process.pid and state not in ("Z", "X"):
            return True
    return False
