"""An officer's session ends while a form is open (left alone past the idle limit): the page says so
and holds the form instead of posting it to the sign-in page, and once the officer has signed in
again in another tab, the same Save saves what they typed (static/js/still_here.js)."""

import time

import pytest
from playwright.sync_api import expect

from partners.models import Organization

from .conftest import sign_in_to_the_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_what_was_typed_when_the_session_ended_is_saved_after_signing_in_again(
    page, site, officer_account, settings
):
    ilo = Organization.objects.get(acronym="ILO")
    page.clock.install()
    sign_in_to_the_admin(page, site, officer_account)
    page.goto(f"{site}/admin/partners/organization/{ilo.pk}/change/")
    warning = page.get_by_role("alert").filter(has_text="Your session has ended")
    expect(warning).to_be_hidden()

    # Left alone past the idle limit (shortened here to a second), then typed in and saved.
    settings.STAFF_SESSION_IDLE_SECONDS = 1
    time.sleep(2.2)
    # The server slow to answer (a busy machine): the Save is made while the question that the
    # typing asked is still unanswered, and must wait for that answer.
    page.route("**/accounts/still-here/", lambda route: (time.sleep(1), route.continue_()))
    page.clock.fast_forward("06:00")
    page.locator("#id_name").fill("International Labour Office")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(warning).to_be_visible()
    assert page.url.endswith(f"/admin/partners/organization/{ilo.pk}/change/")
    assert page.locator("#id_name").input_value() == "International Labour Office"
    ilo.refresh_from_db()
    assert ilo.name == "International Labour Organization"

    settings.STAFF_SESSION_IDLE_SECONDS = 30 * 60
    page.unroute("**/accounts/still-here/")
    other_tab = page.context.new_page()
    sign_in_to_the_admin(other_tab, site, officer_account)
    other_tab.close()

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    ilo.refresh_from_db()
    assert ilo.name == "International Labour Office"
