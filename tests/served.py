"""The portal as a server runs it, for tests and CI checks that start gunicorn: a free port, a
wait until the process answers, and a small browser that keeps its cookies and sends forms with
their CSRF token, over the proxy's HTTPS (X-Forwarded-Proto), as production expects."""

import http.client
import os
import signal
import subprocess
import time
from contextlib import contextmanager
from http.cookies import SimpleCookie
from urllib.parse import urlencode

# The loopback, a free port on it, and whether a server there answers /healthz: the benchmark's
# own, shared rather than written twice.
from bench.server import HOST, answers, free_port  # noqa: F401 (free_port: for callers)


def clean_environment(**variables):
    """A server's environment: nothing the test run itself set leaks in."""
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env.update(variables)
    return env


@contextmanager
def running(command, cwd, env, port, log_path, seconds=90):
    """Starts `command` (which serves on `port`), waits until /healthz answers, and stops it
    (its whole process group) afterwards. Its output goes to `log_path`."""
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            deadline = time.monotonic() + seconds
            while not answers(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{command} did not start:\n{open(log_path).read()}")
                time.sleep(0.3)
            yield process
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


class Browser:
    """One visitor: its cookies go with every request, to whichever server it asks."""

    def __init__(self, forwarded_for=None):
        self.cookies = {}
        self.forwarded_for = forwarded_for

    def request(self, port, method, path, form=None):
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{HOST}"
        connection = http.client.HTTPConnection(HOST, port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            for header in response.msg.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel.value and morsel["max-age"] != "0":
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return response.status, response, content.decode(errors="replace")
        finally:
            connection.close()

    def get(self, port, path):
        return self.request(port, "GET", path)

    def post(self, port, path, form):
        """A form's POST, with the token from the CSRF cookie (fetched first if there is none)."""
        if "csrftoken" not in self.cookies:
            self.get(port, path)
        return self.request(
            port, "POST", path, {**form, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        )
