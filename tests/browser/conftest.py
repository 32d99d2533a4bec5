"""Browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live server.

Playwright is never allowed to download a browser: it launches /usr/bin/chromium or the tests skip.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

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


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (`make browser-deps`)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in the test thread; Django would otherwise
    # refuse the ORM calls that fixtures and tests make there. Only while the browser runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
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


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def record(transactional_db):
    """The July 2019 record, committed so the live server's thread sees it."""
    call_command("load_record", verbosity=0)


@pytest.fixture
def site(live_server, record):
    """The live server's base URL, with the record loaded."""
    return live_server.url


@pytest.fixture
def axe_path():
    if not AXE.exists():
        pytest.skip("axe-core is missing: run `make browser-deps`")
    return AXE
