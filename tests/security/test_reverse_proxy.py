"""S17, the reverse proxy: deploy/nginx/gcg-portal.conf, as written but for its paths and ports,
checked by `nginx -t` and run by Debian's nginx (`make process-deps` installs it) in front of a
real `make serve`, with a self-signed certificate: HTTPS pages through it, plain HTTP sent to
HTTPS, forwarding headers a client sends replaced by the proxy's own, static files served by
nginx itself with their cache header, and a request over the upload limit refused with 413."""

import http.client
import os
import re
import shutil
import socket
import sqlite3
import ssl
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings

from devtools.serving import HOST, free_port, stop

pytestmark = pytest.mark.process

SITE = settings.BASE_DIR / "deploy" / "nginx" / "gcg-portal.conf"
LIMIT_MB = 25  # client_max_body_size: DOCUMENT_MAX_UPLOAD_MB and DATA_UPLOAD_MAX_MEMORY_SIZE
MAIN = """\
{user}worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/gcg-portal.conf;
}}
"""


def nginx():
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None
    )
    if found is None:
        pytest.fail("Debian's nginx is missing: `make process-deps` installs it", pytrace=False)
    return found


def the_site_for_this_test(folder, server_port, http_port, https_port, cert, key):
    """The config file with this test's paths and ports: each replaced text must be there."""
    site = SITE.read_text()
    replacements = {
        "listen 80;": f"listen {HOST}:{http_port};",
        "listen 443 ssl http2;": f"listen {HOST}:{https_port} ssl http2;",
        "    listen [::]:80;\n": "",  # the loopback's IPv4 only: a container may have no IPv6
        "    listen [::]:443 ssl http2;\n": "",
        "server_name gcg.example.org;": f"server_name {HOST};",
        "/etc/letsencrypt/live/gcg.example.org/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/gcg.example.org/privkey.pem": str(key),
        "/srv/gcg/staticfiles/": f"{folder.parent / 'static'}/",
        "server 127.0.0.1:8000;": f"server {HOST}:{server_port};",
    }
    for old, new in replacements.items():
        assert old in site, f"{SITE.name} no longer says {old!r}: update this test"
        site = site.replace(old, new)
    return site


def self_signed_certificate(folder):
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", f"/CN={HOST}"]
        + ["-addext", f"subjectAltName=IP:{HOST}"],
        check=True,
        capture_output=True,
    )
    return cert, key


class Proxy:
    def __init__(self, http_port, https_port, cert):
        self.http_port, self.https_port = http_port, https_port
        self.tls = ssl.create_default_context(cafile=str(cert))  # the certificate is checked

    def request(self, method, path, headers=None, body=None, https=True):
        if https:
            connection = http.client.HTTPSConnection(
                HOST, self.https_port, context=self.tls, timeout=20
            )
        else:
            connection = http.client.HTTPConnection(HOST, self.http_port, timeout=20)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()


def listening(port):
    try:
        socket.create_connection((HOST, port), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def proxy(served):
    folder = served.folder / "nginx"
    folder.mkdir()
    cert, key = self_signed_certificate(folder)
    http_port, https_port = free_port(), free_port()
    site = the_site_for_this_test(folder, served.port, http_port, https_port, cert, key)
    (folder / "gcg-portal.conf").write_text(site)
    # As root, nginx's workers would run as nobody, who cannot read the test's folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(MAIN.format(user=user, folder=folder))
    command = [nginx(), "-p", str(folder), "-e", str(folder / "error.log")]
    command += ["-c", str(folder / "nginx.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr
    process = subprocess.Popen([*command, "-g", "daemon off;"], start_new_session=True)
    try:
        deadline = time.monotonic() + 20
        while not (listening(https_port) and listening(http_port)):
            assert process.poll() is None, (folder / "error.log").read_text()
            assert time.monotonic() < deadline, "nginx did not listen"
            time.sleep(0.1)
        yield Proxy(http_port, https_port, cert)
    finally:
        stop(process)


def test_pages_over_https_through_the_proxy(proxy):
    status, headers, body = proxy.request("GET", "/")
    assert status == 200 and b"GCG portal" in body
    assert "Strict-Transport-Security" in headers  # Django saw HTTPS
    assert headers["Server"] == "nginx"  # no version


def test_plain_http_is_sent_to_https(proxy):
    status, headers, _ = proxy.request("GET", "/meetings/?page=2", https=False)
    assert status == 301
    assert headers["Location"] == f"https://{HOST}/meetings/?page=2"


def test_a_client_cannot_say_the_request_came_over_http(proxy):
    """Were the client's X-Forwarded-Proto passed on, Django would redirect to HTTPS."""
    claims = {"X-Forwarded-Proto": "http", "X-Forwarded-Ssl": "off", "Forwarded": "proto=http"}
    status, _, _ = proxy.request("GET", "/", headers=claims)
    assert status == 200


def test_a_client_cannot_choose_the_address_the_portal_counts(proxy, served):
    """A failed sign-in is recorded with the address the proxy saw (the loopback here), not the
    X-Forwarded-For the client sent: the sign-in throttling counts real addresses."""
    _, headers, page = proxy.request("GET", "/accounts/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    form = (
        f"csrfmiddlewaretoken={token}&two_step_sign_in_view-current_step=auth"
        "&auth-username=someone&auth-password=a-wrong-password-1"
    )
    status, _, _ = proxy.request(
        "POST",
        "/accounts/login/",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            # As a browser sends it from the site on port 443 (nginx passes the host, not the port).
            "Origin": f"https://{HOST}",
            "X-Forwarded-For": "1.2.3.4",
            "X-Real-IP": "1.2.3.4",
            "Forwarded": "for=1.2.3.4",
        },
        body=form,
    )
    assert status == 200  # the form again, with its error
    with sqlite3.connect(served.folder / "serve.sqlite3") as database:
        rows = database.execute(
            "SELECT ip_address FROM axes_accessattempt WHERE username = ?", ["someone"]
        )
        addresses = {address for (address,) in rows}
    assert addresses == {HOST}


def test_static_files_are_served_by_nginx_with_their_cache_header(proxy, served):
    static = served.folder / "static" / "css"
    hashed = next(path.name for path in static.glob("site.*.css") if not path.name.endswith(".gz"))
    status, headers, body = proxy.request("GET", f"/static/css/{hashed}")
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    assert body == (static / hashed).read_bytes()
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    time.sleep(0.3)
    assert f"/static/css/{hashed}" not in served.log.read_text()  # gunicorn never saw it


def test_a_request_over_the_upload_limit_is_refused_before_the_portal(proxy, served):
    over = (LIMIT_MB + 1) * 1024 * 1024
    connection = http.client.HTTPSConnection(HOST, proxy.https_port, context=proxy.tls)
    try:  # the headers alone: nginx answers from the Content-Length, before any body
        connection.putrequest("POST", "/accounts/login/")
        connection.putheader("Content-Type", "application/octet-stream")
        connection.putheader("Content-Length", str(over))
        connection.endheaders()
        assert connection.getresponse().status == 413
    finally:
        connection.close()
    # Within the limit, the body reaches the portal, which reads it all and refuses the form (its
    # CSRF token is missing). A request refused before its body is read would not do: gunicorn
    # closes the connection on the unread body and nginx, still sending it, answers 502.
    _, headers, _ = proxy.request("GET", "/accounts/login/")
    cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    status, _, page = proxy.request(
        "POST",
        "/accounts/login/",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "Origin": f"https://{HOST}",
        },
        body=b"note=" + b"x" * (1024 * 1024),
    )
    assert status == 403 and b"missing its security check" in page


def test_the_limit_is_the_portals():
    """client_max_body_size is the file's limit and the rest of the form's, in MB."""
    limit = re.search(r"client_max_body_size (\d+)m;", SITE.read_text()).group(1)
    rest = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    assert int(limit) == settings.DOCUMENT_MAX_UPLOAD_MB + rest == LIMIT_MB
    assert Path(SITE).read_text().count("client_max_body_size") == 1
