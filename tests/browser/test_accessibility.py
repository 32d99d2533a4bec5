"""axe-core on every main page: no serious or critical violation (with SCREENSHOTS=1, screenshots
at 1280 px)."""

import pytest
from django.contrib.auth import get_user_model

from partners.models import Person

from .conftest import DESKTOP, PHONE, audit, describe, give_the_password, screenshot, sign_in
from .pages import MAIN_PAGE_NAMES, main_page_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize("name", MAIN_PAGE_NAMES)
def test_no_serious_accessibility_violation(page, site, axe_path, name):
    page.set_viewport_size(DESKTOP)
    response = page.goto(site + main_page_path(name))
    assert response.status == 200
    screenshot(page, f"{name}-{DESKTOP['width']}.png")

    blocking = audit(page, axe_path)
    assert not blocking, f"axe on {name}:\n{describe(blocking)}"


@pytest.mark.parametrize("name", MAIN_PAGE_NAMES)
def test_no_serious_accessibility_violation_on_a_phone(page, site, axe_path, name):
    """The same pages at 390 px: tables as cards, the menu and the filters behind disclosures."""
    page.set_viewport_size(PHONE)
    response = page.goto(site + main_page_path(name))
    assert response.status == 200
    blocking = audit(page, axe_path)
    assert not blocking, f"axe on {name} at {PHONE['width']} px:\n{describe(blocking)}"


def test_a_failed_sign_in_shows_its_errors_accessibly(page, site, axe_path):
    give_the_password(page, site, ("nobody", "not-the-password"))
    assert page.get_by_role("alert").count() >= 1
    blocking = audit(page, axe_path)
    assert not blocking, f"axe on the failed sign-in:\n{describe(blocking)}"


def test_the_directory_with_addresses_has_no_serious_violation(
    page, site, member_account, axe_path
):
    sign_in(page, site, member_account)
    page.goto(site + main_page_path("directory"))
    assert page.locator("a[href^='mailto:']").count() == 44
    blocking = audit(page, axe_path)
    assert not blocking, f"axe on the signed-in directory:\n{describe(blocking)}"


@pytest.fixture(scope="module")
def member_with_a_page(member_account):
    """The member's account linked to a person of the record, committed for the live server
    (a write in the test's body is not seen by it on PostgreSQL: conftest.py)."""
    Person.objects.filter(slug="anousheh-karvar").update(
        user=get_user_model().objects.get(username=member_account[0])
    )
    return member_account


def test_a_members_own_page_has_no_serious_violation(page, site, member_with_a_page, axe_path):
    member_account = member_with_a_page
    sign_in(page, site, member_account)
    page.goto(site + "/me/")
    page.get_by_label("Nobody").check()
    page.locator("main").get_by_role("button", name="Save", exact=True).click()
    assert page.get_by_role("status").count() >= 1  # the message that it was saved
    assert page.get_by_label("Nobody").is_checked()
    screenshot(page, f"me-{DESKTOP['width']}.png")
    blocking = audit(page, axe_path)
    assert not blocking, f"axe on the member's own page:\n{describe(blocking)}"
