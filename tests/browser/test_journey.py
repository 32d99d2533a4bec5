"""A visitor's journey through the record, then the same directory after signing in."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ILO_PEOPLE = {"Beate Andrees", "Thomas Wissing", "Francesco d'Ovidio", "Katherine Torres"}


def test_pipeline_to_country_to_meeting_then_directory_before_and_after_sign_in(
    page, site, member_account
):
    username, password = member_account
    main = page.locator("main")

    page.goto(site + "/")
    main.get_by_role("link", name=re.compile("Strategic planning workshop held")).click()
    expect(page).to_have_url(re.compile(r"/countries/\?.*stage=workshop_held"))
    expect(main.get_by_role("link", name="Nepal", exact=True)).to_be_visible()
    expect(main.get_by_role("link", name="Fiji", exact=True)).to_have_count(0)

    main.get_by_role("link", name="Nepal", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Nepal")
    main.locator("a[href*='/meetings/5th-meeting-2019-07-17/']").first.click()
    expect(page).to_have_url(re.compile(r"/meetings/5th-meeting-2019-07-17/"))
    expect(page.locator("#item-2")).to_contain_text("Update from pathfinder countries")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Directory").click()
    expect(page.locator("a[href^='mailto:']")).to_have_count(0)
    assert "@" not in page.content()
    page.get_by_label("Organisation", exact=True).fill("international labour")
    main.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"/directory/\?.*organization_search="))
    listed = main.locator("tbody th[scope=row]").all_inner_texts()
    assert sorted(name.strip() for name in listed) == sorted(ILO_PEOPLE)

    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    main.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {username}")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Directory").click()
    expect(page.locator("a[href='mailto:andrees@ilo.org']")).to_have_count(1)
    expect(page.locator("a[href='mailto:Emma.goodwin@dfat.gov.au']")).to_have_count(1)
