"""A Redis of a test's own, on a free port of the loopback, saving nothing to disk: started,
killed as a crash would stop it, started again on the same port, and stopped when the block
ends. Debian's redis-server (`make test` installs it, with nginx: `make process-deps`)."""

import shutil
import subprocess
import time
from contextlib import contextmanager

import pytest
import redis

from devtools.serving import HOST, free_port


class OwnRedis:
    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://{HOST}:{self.port}/0"

    def client(self):
        return redis.Redis(host=HOST, port=self.port, socket_timeout=1)

    def start(self, seconds=10):
        command = ["redis-server", "--bind", HOST, "--port", str(self.port), "--save", ""]
        command += ["--appendonly", "no", "--dir", str(self.folder)]
        with (self.folder / "redis.log").open("a") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=log)
        deadline = time.monotonic() + seconds
        while True:
            try:
                self.client().ping()
                return
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start: {command}") from None
                time.sleep(0.05)

    def kill(self):
        """SIGKILL, as a crash or the OOM killer stops it: no goodbye to its clients."""
        self.process.kill()
        self.process.wait()

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@contextmanager
def own_redis(folder):
    if not shutil.which("redis-server"):
        pytest.fail("Debian's redis-server is missing: `make process-deps` installs it")
    server = OwnRedis(folder)
    server.start()
    try:
        yield server
    finally:
        server.stop()
