"""`make serve`: gunicorn with the production settings, static files collected and served by
whitenoise. The tests start it once for the module (from a copy of the checkout without `.env`,
in a clean environment, as on a server, with two workers behind one proxy), fetch a page and a
static file, fire concurrent sign-ins at it, edit the record from other processes, and stop it."""

import re
import sqlite3
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from devtools.browser import Browser

from .conftest import PASSWORD, get

pytestmark = pytest.mark.process


def test_make_serve(served):
    port, log = served.port, served.log
    https = {"X-Forwarded-Proto": "https"}
    # Plain HTTP is sent to HTTPS; through the proxy (HTTPS) the page is served.
    status, headers, _ = get(port, "/")
    assert status == 301 and headers["Location"].startswith("https://")
    status, headers, body = get(port, "/", https)
    assert status == 200
    # Only the header Django is told to trust says HTTPS: not gunicorn's other defaults.
    for header in ({"X-Forwarded-Ssl": "on"}, {"X-Forwarded-Protocol": "ssl"}):
        assert get(port, "/", header)[0] == 301, header
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


# A password brute-force from a security scanner, as reported: 150 sign-ins from 64 threads.
THREADS = 64
SIGN_INS = 150
CREATE_ACCOUNTS = (
    "from django.contrib.auth.models import User; "
    f"User.objects.create_user('a-member', password='{PASSWORD}'); "
    f"User.objects.create_user('an-officer', password='{PASSWORD}')"
)


def test_concurrent_sign_ins_on_sqlite_wait_instead_of_failing(served):
    """Right and wrong passwords at once, from many addresses, against several workers on one
    SQLite file: every write (the sign-in log, the lockout's counts, sessions) waits its turn.
    On SQLite's defaults some of these answered 500 "database is locked"."""

    def sign_in(n):
        # Each from its own address: the lockout by address does not cut the run short.
        browser = Browser(forwarded_for=f"198.51.100.{n % 200}")
        step = {"two_step_sign_in_view-current_step": "auth"}
        if n % 5 == 0:  # the member signing in
            form = {**step, "auth-username": "a-member", "auth-password": PASSWORD}
        else:  # the brute force against the officer's account
            form = {**step, "auth-username": "an-officer", "auth-password": f"guess-{n}"}
        return browser.post(served.port, "/accounts/login/", form)[0]

    served.manage_shell(CREATE_ACCOUNTS)
    with ThreadPoolExecutor(THREADS) as pool:
        answers = Counter(pool.map(sign_in, range(SIGN_INS)))
    log = served.log.read_text()
    assert "database is locked" not in log
    # The form again (a wrong password), signed in (302), or the lockout (429): never a 500.
    assert set(answers) <= {200, 302, 429}, answers
    assert answers[429] > 0, answers  # the lockout held
    assert sum(answers.values()) == SIGN_INS


CREATE_ORGANISATION = (
    "from partners.models import Organization, OrganizationKind; "
    "Organization.objects.create(name='Kept Organisation', slug='kept-organisation', "
    "kind=OrganizationKind.values[0])"
)
RENAME = (
    "from partners.models import Organization; "
    "Organization.objects.filter(slug='kept-organisation').update(name='Renamed through Django')"
)


def test_an_edit_in_any_process_retires_every_worker_s_kept_pages(served):
    """Without Redis each worker keeps anonymous pages in its own memory; the record's version,
    in a folder every process of the server shares, retires them all when any process writes."""
    page = "/organizations/kept-organisation/"
    https = {"X-Forwarded-Proto": "https"}

    def names_served():
        with ThreadPoolExecutor(8) as pool:
            answers = pool.map(lambda _: get(served.port, page, https), range(16))
            bodies = [body for _, _, body in answers]
        return {name for body in bodies for name in re.findall(rb"<h1[^>]*>([^<]*)<", body)}

    served.manage_shell(CREATE_ORGANISATION)
    assert names_served() == {b"Kept Organisation"}
    # Changed behind Django's back: the workers go on serving the page they kept.
    with sqlite3.connect(served.folder / "serve.sqlite3") as database:
        database.execute("UPDATE partners_organization SET name = 'Changed unseen'")
    assert names_served() == {b"Kept Organisation"}
    # Changed through Django, by another process: no worker serves its kept page again.
    served.manage_shell(RENAME)
    assert names_served() == {b"Renamed through Django"}
