"""After the browser's Back, a list's filter form shows the filters its results show, not values
the visitor chose there and then left (the browser keeps those in its back/forward cache, or
fills them in again when it loads the page anew)."""

import re

import pytest
from playwright.sync_api import expect

from .pages import main_page_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ILO = "International Labour Organization"
ILO_PEOPLE = 4


def filter_the_directory_by_the_ilo(page, site):
    page.goto(site + main_page_path("directory"))
    page.get_by_label("Organisation", exact=True).fill("ILO")  # typed, matched by the server
    page.locator("main").get_by_role("button", name="Filter", exact=True).click()
    expect(page).to_have_url(re.compile(r"/directory/\?.*organization_search=ILO"))
    expect(page.locator("main")).to_contain_text(f"Filtered by organisation: {ILO}")
    expect(page.locator("main tbody tr")).to_have_count(ILO_PEOPLE)


def expect_the_form_to_show_the_ilo_filter_only(page):
    expect(page.locator("main tbody tr")).to_have_count(ILO_PEOPLE)
    expect(page.get_by_label("Organisation", exact=True)).to_have_value("ILO")
    expect(page.get_by_label("Name or organisation")).to_have_value("")
    expect(page.get_by_label("Kind of organisation")).to_have_value("")


def test_back_after_filtering_again_shows_the_first_filters(page, site):
    filter_the_directory_by_the_ilo(page, site)
    page.get_by_label("Organisation", exact=True).fill("UNICEF")
    page.get_by_label("Name or organisation").fill("Andrees")
    page.get_by_label("Kind of organisation").select_option(label="Government")
    page.locator("main").get_by_role("button", name="Filter", exact=True).click()
    expect(page).to_have_url(re.compile(r"q=Andrees"))

    page.go_back()
    expect(page).not_to_have_url(re.compile(r"q=Andrees"))
    expect_the_form_to_show_the_ilo_filter_only(page)


def test_back_after_leaving_unsubmitted_changes_shows_the_filters_of_the_results(page, site):
    filter_the_directory_by_the_ilo(page, site)
    page.get_by_label("Organisation", exact=True).fill("UNICEF")
    page.get_by_label("Name or organisation").fill("Wissing")
    page.get_by_label("Kind of organisation").select_option(label="Government")
    page.locator("main tbody").get_by_role("link", name=ILO).first.click()
    expect(page.locator("h1")).to_contain_text(ILO)

    page.go_back()
    expect_the_form_to_show_the_ilo_filter_only(page)


def test_a_page_shown_again_from_the_back_forward_cache_shows_the_filters_of_its_results(
    page, site
):
    filter_the_directory_by_the_ilo(page, site)
    page.get_by_label("Organisation", exact=True).fill("UNICEF")
    page.get_by_label("Name or organisation").fill("Wissing")
    page.get_by_label("Kind of organisation").select_option(label="Government")
    # Chromium under Playwright does not keep pages in its back/forward cache; when it does, it
    # shows the page as it was left and then fires this event.
    page.evaluate(
        "() => window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))"
    )
    expect_the_form_to_show_the_ilo_filter_only(page)
