"""The Content-Security-Policy as Chromium enforces it (the other browser tests bypass it, to
inject axe-core): the site's pages run under Trusted Types with nothing blocked, and the admin,
where Trusted Types is lifted, has every script working (jQuery, select2, the workspace's)."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from meetings.models import Meeting
from partners.models import Organization
from tests.second_factor import authenticator_app

from .conftest import DESKTOP, sign_in_to_the_admin
from .pages import MAIN_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

OFFICER = ("browser-tt-officer", "a-long-browser-password-9")
SLOW = 30_000  # ms: the admin's change pages are large, and a busy machine slower still


@pytest.fixture(scope="module")
def superuser_account(site):
    authenticator_app(get_user_model().objects.create_superuser(OFFICER[0], password=OFFICER[1]))
    return OFFICER


def console_error(message):
    """A blocked action or a script's error; a failed load is reported by its response."""
    return message.type == "error" and not message.text.startswith("Failed to load resource")


@pytest.fixture
def enforcing(browser):
    """A page under the policy, and what the browser reported: errors, blocked actions."""
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(SLOW)
    page = context.new_page()
    reported = []
    page.on("pageerror", lambda error: reported.append(f"{page.url}: {error}"))
    page.on("console", lambda message: console_error(message) and reported.append(message.text))
    # A missing script or stylesheet (the admin's pages link no icon: /favicon.ico is asked for).
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and not response.url.endswith("/favicon.ico")
            and reported.append(f"{response.status} {response.url}")
        ),
    )
    yield page, reported
    context.close()


def test_the_site_runs_under_trusted_types(enforcing, site, member_account):
    page, reported = enforcing
    response = page.goto(f"{site}/")
    assert "require-trusted-types-for 'script'" in response.headers["content-security-policy"]
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Username").fill(member_account[0])
    page.get_by_label("Password").fill(member_account[1])
    page.locator("main button[type=submit], main input[type=submit]").first.click()
    page.wait_for_url(f"{site}/")
    for _name, path in MAIN_PAGES:
        page.goto(site + path())
    assert reported == []


def test_the_admin_s_scripts_run(enforcing, site, superuser_account):
    page, reported = enforcing
    sign_in_to_the_admin(page, site, superuser_account)
    organization = Organization.objects.get(acronym="ILO")
    response = page.goto(f"{site}/admin/partners/organization/{organization.pk}/change/")
    assert "require-trusted-types-for" not in response.headers["content-security-policy"]
    # select2's autocomplete (Django's jQuery) opens and asks the server.
    page.locator("#id_country + .select2 .select2-selection").click()
    expect(page.locator(".select2-results__option").first).to_be_visible(timeout=SLOW)
    # The workspace's script adds an agenda item and opens a saved intervention.
    meeting = Meeting.objects.get(number=5)
    page.goto(f"{site}/admin/meetings/meeting/{meeting.pk}/change/")
    items = page.locator("#agenda_items-group > .ws-rows > .ws-row")
    before = items.count()
    page.locator("#agenda_items-group > .ws-add").click()
    expect(items).to_have_count(before + 1, timeout=SLOW)
    page.locator("#agenda_items-0-interventions-0 .ws-edit").click()
    expect(page.locator("#id_agenda_items-0-interventions-0-summary")).to_be_visible(timeout=SLOW)
    assert reported == []
