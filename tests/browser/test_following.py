"""A member follows Nepal weekly from its page, sees it on /me/, and stops it there; the follow
page passes the accessibility audit."""

import pytest
from playwright.sync_api import expect

from following.models import Follow

from .conftest import audit, describe, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_a_member_follows_nepal_weekly_from_its_page(page, site, member_account, axe_path):
    sign_in(page, site, member_account)
    page.goto(f"{site}/countries/nepal/")
    page.get_by_role("link", name="Follow: an e-mail of what changes here").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Follow Nepal")
    assert audit(page, axe_path) == [], describe(audit(page, axe_path))

    page.get_by_label("Weekly").check()
    page.get_by_role("button", name="Follow", exact=True).click()
    expect(page.get_by_text("You follow Nepal: e-mailed weekly.")).to_be_visible()
    assert audit(page, axe_path) == [], describe(audit(page, axe_path))
    [follow] = Follow.objects.filter(user__username=member_account[0])
    assert (follow.country.name, follow.frequency) == ("Nepal", "weekly")

    page.goto(f"{site}/me/")
    follows = page.locator("#follows")
    expect(follows.get_by_role("link", name="Nepal")).to_be_visible()
    follows.get_by_role("button", name="Stop following Nepal").click()
    expect(page.locator("#follows")).to_contain_text("You follow nothing yet.")
    assert not Follow.objects.filter(user__username=member_account[0]).exists()
