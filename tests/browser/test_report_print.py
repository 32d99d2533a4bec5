"""The 2019 meeting report printed to PDF by Chromium: A4, a sensible number of pages, and the
print stylesheet at work (no navigation, sign-in link or breadcrumbs; the report's headings)."""

import re

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

REPORT = reverse("meetings:report", kwargs={"slug": "5th-meeting-2019-07-17"})
# Measured: 10 A4 pages (8 of the report, then Annex I from a new page: 2); without the print
# stylesheet, 12 (with the menu and breadcrumbs). The handwritten report is about 7.
PAGES = range(7, 12)
PAGE_OBJECT = re.compile(rb"/Type\s*/Page[^s]")
# A4 (210 x 297 mm) in points, as Chromium rounds it: 595.92 x 842.88.
A4_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0 0 595\.\d+ 842\.\d+\s*\]")
TITLE = "5th Meeting of the Global Coordinating Group: meeting report"


def page_count(pdf):
    return len(PAGE_OBJECT.findall(pdf))


def pdf_text_string(text):
    """`text` as Chromium writes it in the PDF's document information: UTF-16, in hex."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode()


def test_the_report_prints_to_a_few_a4_pages(page, site):
    response = page.goto(site + REPORT)
    assert response.status == 200
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) in PAGES, page_count(pdf)
    assert len(A4_MEDIA_BOX.findall(pdf)) == page_count(pdf)
    # The pages' text is drawn in compressed subset fonts (glyph ids, not letters), so it is
    # not read here; the document's title is the page's <title>, kept in the PDF's information.
    assert pdf_text_string(TITLE) in pdf


def test_printed_the_report_shows_no_navigation_only_the_record(page, site):
    page.goto(site + REPORT)
    page.emulate_media(media="print")
    for chrome in (".site-header", ".main-nav", ".breadcrumbs", ".skip-link", ".back-to-top"):
        assert not page.locator(chrome).is_visible(), chrome
    assert not page.get_by_role("link", name="Sign in").is_visible()
    for heading in (
        "5th Meeting of the Global Coordinating Group",
        "Objectives of the meeting",
        "Agenda",
        "1. Welcome and handover to the new Chair",
        "Decisions and follow-ups",
        "Annex I: Participants list",
    ):
        assert page.get_by_role("heading", name=heading, exact=True).is_visible(), heading
    body = "getComputedStyle(document.body)"
    colours = page.evaluate(f"() => [{body}.color, {body}.backgroundColor]")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    page.emulate_media(media="screen")
    assert page.locator(".main-nav").is_visible()


def test_every_page_prints_without_the_filters(page, site):
    page.goto(site + reverse("directory:people"))
    assert page.locator("form.filters").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("form.filters").is_visible()
    assert not page.locator(".site-header").is_visible()
