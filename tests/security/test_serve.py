"""`make serve`: gunicorn with the production settings, static files collected and served by
whitenoise. The test starts it (from a copy of the checkout without `.env`, in a clean
environment, as on a server), fetches a page and a static file, and stops it."""

import http.client
import os
import secrets
import signal
import socket
import subprocess
import time

import pytest

pytestmark = pytest.mark.process


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        # skip_host: the path is sent exactly as written ("/static/../x" stays unnormalised).
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", "127.0.0.1")
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture
def served(tmp_path, checkout):
    port = free_port()
    # A clean environment, as on a server: nothing the test run itself set leaks in.
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        WEB_CONCURRENCY="1",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
    )
    log = (tmp_path / "serve.log").open("w")
    # -o: use the installed virtualenv as it is (no reinstall from inside the test run).
    process = subprocess.Popen(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "serve", f"PORT={port}"],
        cwd=checkout,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                get(port, "/favicon-probe")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail((tmp_path / "serve.log").read_text())
                time.sleep(0.3)
        yield port, tmp_path / "serve.log"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def test_make_serve(served):
    port, log = served
    https = {"X-Forwarded-Proto": "https"}
    # Plain HTTP is sent to HTTPS; through the proxy (HTTPS) the page is served.
    status, headers, _ = get(port, "/")
    assert status == 301 and headers["Location"].startswith("https://")
    status, headers, body = get(port, "/", https)
    assert status == 200
    assert b"GCG portal" in body
    assert "Strict-Transport-Security" in headers and "Content-Security-Policy" in headers
    status, headers, body = get(port, "/static/css/site.css", https)
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    # Collected with hashed names, which whitenoise serves with a long cache life.
    hashed = next((log.parent / "static" / "css").glob("site.*.css")).name
    status, headers, _ = get(port, f"/static/css/{hashed}", https)
    assert status == 200 and "immutable" in headers["Cache-Control"]
    for path in ["/static/../manage.py", "/static/", "/.git/HEAD"]:
        assert get(port, path, https)[0] == 404, path
    time.sleep(0.5)
    assert '"GET / HTTP/1.1" 200' in log.read_text()  # the access log, on stdout
