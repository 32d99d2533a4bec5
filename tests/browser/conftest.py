"""Browser fixtures: Debian's Chromium driven by Playwright against a live server, one per module.

Playwright is never allowed to download a browser: it launches /usr/bin/chromium. Where Chromium or
axe-core is missing the tests skip, saying what to install; with CI=true they fail instead.

pytest-django's `live_server` would force `transactional_db`, which empties the database after
every test, so each test would load the 2019 record again. Here a module starts its own live
server and writes what it shows once, in module fixtures (the record, a member's account),
committed so the server sees them; at the end of the module the database is emptied and given
back what it held before (what the migrations made: the groups, the permissions), so no other
test sees what a browser module wrote, whichever runs first.

Each browser module is marked `django_db`, so that pytest-django sets the test database up (and
the tests never touch the one DATABASE_URL names); each test then runs inside a transaction
rolled back at its end, as any `db` test does. The server sees only what is committed (on
PostgreSQL; on SQLite's in-memory database it shares the test's connection): a test that needs
more data gets it from a module fixture, not by writing in its body.
"""

import os
import threading
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections
from django.test.utils import modify_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.live_server_helper import LiveServer

from tests.factories import make_roles
from tests.second_factor import authenticator_app, code_now

# Belt and braces: no browser download, whatever is installed.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
LIVE_SERVER_HOST = "localhost"
MEMBER = ("browser-member", "a-long-browser-password-7")
OFFICER = ("browser-officer", "a-long-browser-password-8")


def require(path, install, environ=os.environ):
    """`path` if it exists. Otherwise skip, saying what to install; on CI (CI=true) fail: there a
    skipped browser test would pass the run without having run."""
    if path.exists():
        return path
    message = f"{path} is missing: {install}"
    if environ.get("CI", "").lower() in {"true", "1"}:
        pytest.fail(f"{message} (CI is set, so the browser tests must run)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser(live_site):
    """Chromium, for the module. It closes (and with it its connections to the live server) before
    the module's server stops; with it stops Playwright's event loop, which runs in this thread
    while the browser does, so the tests of other modules run without it."""
    require(
        CHROMIUM, "install Debian's chromium (`make browser-deps`, or apt-get install chromium)"
    )
    from playwright.sync_api import sync_playwright

    # While an event loop runs in a thread, Django keeps its database connections per async
    # context instead of per thread, and refuses ORM calls there. The tests and fixtures still
    # run one after the other in this thread: let them (only while the browser runs), and give
    # them the thread's own connections, those the live server shares and the data is in.
    thread_connections = {alias: connections[alias] for alias in connections}
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            for alias, connection in thread_connections.items():
                connections[alias] = connection
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def context(browser):
    # bypass_csp lets the audit inject axe-core; the pages themselves carry no inline script.
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    context.set_default_timeout(15_000)
    yield context
    context.close()


def screenshot(page, filename):
    """A full-page screenshot under test-artifacts/screenshots/, when SCREENSHOTS=1 is set, to
    look at every page a test opens (a long page's PNG takes a good part of a second to encode,
    so a plain run does not). A failing test saves its page whatever the setting (`page`)."""
    if os.environ.get("SCREENSHOTS", "") not in ("", "0"):
        save_screenshot(page, filename)


def save_screenshot(page, filename):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / filename, full_page=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_test_failed = report.failed
    return report


@pytest.fixture
def page(context, request):
    """A tab. If the test fails, its page is saved: test-artifacts/screenshots/failed-<test>.png."""
    page = context.new_page()
    yield page
    if getattr(request.node, "browser_test_failed", False) and not page.is_closed():
        save_screenshot(page, f"failed-{request.node.name}.png")


@pytest.fixture(scope="module")
def live_site(django_db_setup, django_db_blocker):
    """A live server for the module, on a database whose writes are committed: its base URL.

    The database stays open to the module's tests and fixtures (and to the server's thread) until
    the module ends; then it is emptied and what it held before is put back.
    """
    with django_db_blocker.unblock():
        before = {
            alias: connections[alias].creation.serialize_db_to_string() for alias in connections
        }
        # SQLite's in-memory test database is shared with the server's thread (LiveServer does it).
        server = LiveServer(LIVE_SERVER_HOST)
        try:
            with modify_settings(ALLOWED_HOSTS={"append": LIVE_SERVER_HOST}):
                yield server.url
        finally:
            # The browser has closed, and with it its connections: let the server's last request
            # threads end (they close the shared SQLite connection as they go, which must still
            # be shareable then) before it stops, or their sockets are left open.
            for thread in threading.enumerate():
                if thread.name.endswith("(process_request_thread)"):
                    thread.join(timeout=10)
            server.stop()
            for alias, contents in before.items():
                # As Django's TransactionTestCase does with serialized_rollback: sequences go on
                # (a restored row keeps its id), and nothing is made after the flush but what
                # was there before.
                call_command(
                    "flush",
                    database=alias,
                    interactive=False,
                    verbosity=0,
                    reset_sequences=False,
                    inhibit_post_migrate=True,
                )
                connections[alias].creation.deserialize_db_from_string(contents)


@pytest.fixture(autouse=True)
def _no_flush_between_tests(request):
    """`transactional_db` (and pytest-django's `live_server`, which asks for it) would empty the
    database after the test, and the module's data with it."""
    assert not {"transactional_db", "live_server"} & set(request.fixturenames)


@pytest.fixture(scope="module")
def site(live_site):
    """The live server's base URL, with the July 2019 record loaded (once for the module)."""
    call_command("load_record", verbosity=0)
    return live_site


@pytest.fixture(scope="module")
def member_account(site):
    """A GCG member's account, committed for the live server to see: (username, password)."""
    get_user_model().objects.create_user(MEMBER[0], password=MEMBER[1])
    return MEMBER


@pytest.fixture(scope="module")
def officer_account(site):
    """A Secretariat officer's account (staff, not a superuser), committed for the live server
    to see: (username, password)."""
    user = get_user_model().objects.create_user(OFFICER[0], password=OFFICER[1], is_staff=True)
    user.groups.add(make_roles().secretariat)
    authenticator_app(user)
    return OFFICER


def give_the_password(page, site, account, next_path=None):
    """The sign-in's first step for `account` ((username, password)), as a person types it."""
    query = f"?{urlencode({'next': next_path})}" if next_path else ""
    page.goto(f"{site}{reverse('login')}{query}")
    page.get_by_label("Username").fill(account[0])
    page.get_by_label("Password").fill(account[1])
    page.locator("main").get_by_role("button", name="Sign in").click()


def sign_in(page, site, account, next_path=None):
    """Signs `account` in as a person does: the password, then, for an account with an
    authenticator app, the code it shows."""
    give_the_password(page, site, account, next_path)
    app = TOTPDevice.objects.filter(user__username=account[0], name="default").first()
    if app is not None:
        page.get_by_label("Code from your authenticator app").fill(code_now(app))
        page.locator("main").get_by_role("button", name="Confirm").click()
    page.wait_for_url(lambda url: reverse("login") not in url)


def sign_in_to_the_admin(page, site, account):
    """Signs `account` in (a staff account, with its second factor) and opens the admin."""
    sign_in(page, site, account, next_path=reverse("admin:index"))
    page.locator("#user-tools").wait_for()  # signed in: the admin's header names the user


@pytest.fixture(scope="session")
def axe_path():
    return require(AXE, "install axe-core from npm (`make browser-deps`, or npm ci)")


# axe-core's audit of a page: what it finds serious or critical fails the test.
BLOCKING = {"serious", "critical"}


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}: {node['html'][:160]}")
    return "\n".join(lines)


def audit(page, axe_path):
    page.add_script_tag(path=axe_path)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v["impact"] in BLOCKING]
