"""On the narrowest phones (320 px) and a common one (390 px), in English, French and Spanish:
no public page is wider than the screen, no element reaches past its edges, the filter panel's
fields included once it is opened; and once a filter is set the panel folds, so the results
come first."""

import re

import pytest
from django.urls import reverse

from partners.models import Organization, Person

from .conftest import audit, describe, screenshot
from .pages import MAIN_PAGES, main_page_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WIDTHS = [320, 390]
PHONE_HEIGHT = 844
LANGUAGES = ["en-gb", "fr", "es"]

# The page's width, and each visible element whose box starts before the window's left edge or
# ends past its right edge (1 px of rounding allowed): at most 20 of them named. What is hidden
# for screen readers only (clipped in a 1 px box) and what a scrolling box holds are left out.
BEYOND_THE_EDGES = """() => {
  const width = window.innerWidth;
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const leftOut = (el) => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      const box = node.getBoundingClientRect();
      if (style.overflow === 'hidden' && box.width <= 1 && box.height <= 1) { return true; }
      if (['auto', 'scroll'].includes(style.overflowX)) { return true; }
    }
    return false;
  };
  const beyond = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) { continue; }
    if (box.left >= -1 && box.right <= width + 1) { continue; }
    if (getComputedStyle(el).visibility === 'hidden' || leftOut(el)) { continue; }
    if (box.width <= 1 && box.height <= 1) { continue; }
    beyond.push(`${describe(el)}: ${Math.round(box.left)} to ${Math.round(box.right)} px`);
    if (beyond.length >= 20) { break; }
  }
  return {width: document.documentElement.scrollWidth, window: width, beyond};
}"""


@pytest.fixture(scope="module")
def profiled_ilo(site):
    """The ILO's page with a profile, its website's address long, committed for the server (the
    record gives none: these are the test's, not facts)."""
    ilo = Organization.objects.get(acronym="ILO")
    ilo.website = "https://www.example.org/a-long-address/that-would-not-fit-a-phone/as-it-is"
    ilo.description = "A description the test writes, long enough to wrap on a phone. " * 3
    ilo.focal_point = Person.objects.get(name="Beate Andrees")
    ilo.save()
    return ilo


def in_language(page, site, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])


def beyond_the_edges(page, label):
    """What of the page is wider than the window, or reaches past its edges: [problem]."""
    measured = page.evaluate(BEYOND_THE_EDGES)
    problems = []
    if measured["width"] > measured["window"]:
        problems.append(f"{label} is {measured['width']} px wide in a {measured['window']} px")
    problems += [f"{label}: {element}" for element in measured["beyond"]]
    return problems


def check_within(page, label):
    problems = beyond_the_edges(page, label)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.usefixtures("profiled_ilo")
def test_every_main_page_fits_the_screen(page, site, width, language):
    """Every main page (each list, one page of each kind), its filter panel opened where it has
    one: the panel's selects carry the longest labels (Spanish's above all)."""
    in_language(page, site, language)
    page.set_viewport_size({"width": width, "height": PHONE_HEIGHT})
    problems = []
    for name, path in MAIN_PAGES:
        response = page.goto(site + path())
        assert response.status == 200, name
        assert page.get_attribute("html", "lang") == language
        problems += beyond_the_edges(page, name)
        summary = page.locator(".filter-disclosure > summary")
        if summary.count():
            summary.click()
            assert page.locator("form.filters select").first.is_visible(), name
            screenshot(page, f"phone-{name}-{language}-{width}-filters.png")
            problems += beyond_the_edges(page, f"{name}, its filters opened")
    assert not problems, f"{language}, {width} px:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_once_filtered_the_results_come_first_on_a_phone(page, site, language):
    """The issue's case: a filter applied on a 390 × 844 phone, the one result started below the
    fold behind the panel, still open."""
    in_language(page, site, language)
    page.set_viewport_size({"width": 390, "height": PHONE_HEIGHT})
    page.goto(site + reverse("directory:people"))
    summary = page.locator(".filter-disclosure > summary")
    summary.click()
    page.locator("form.filters input[name=q]").fill("Andrees")
    page.locator("form.filters [type=submit]").click()
    page.wait_for_url(re.compile(r"q=Andrees"))
    first_row = page.locator("table.table-cards tbody tr").first
    assert first_row.inner_text().startswith("Beate Andrees")
    assert first_row.bounding_box()["y"] < PHONE_HEIGHT
    # The panel folded, saying one filter is set; opened, it shows what was typed.
    assert not page.locator("form.filters input[name=q]").is_visible()
    assert re.fullmatch(r"\D+ \(1\)", summary.inner_text().strip())
    summary.click()
    assert page.locator("form.filters input[name=q]").input_value() == "Andrees"


def test_a_long_chosen_label_wraps_instead_of_being_cut_off(page, site):
    """Spanish's longest kind, chosen, at 320 px: the select grows a line rather than cut it."""
    in_language(page, site, "es")
    page.set_viewport_size({"width": 320, "height": PHONE_HEIGHT})
    page.goto(site + reverse("directory:people") + "?kind=intergovernmental")
    page.locator(".filter-disclosure > summary").click()
    kind = page.locator("form.filters select[name=kind]")
    assert kind.evaluate("s => s.options[s.selectedIndex].text") == (
        "Naciones Unidas y organizaciones intergubernamentales"
    )
    one_line = page.locator("form.filters select[name=country]").bounding_box()["height"]
    assert kind.bounding_box()["height"] > 1.5 * one_line
    assert kind.evaluate("s => s.scrollWidth <= s.clientWidth")
    check_within(page, "the directory's filters, a long kind chosen (es, 320 px)")


def test_the_folded_panel_is_a_button_a_keyboard_opens(page, site):
    page.set_viewport_size({"width": 390, "height": PHONE_HEIGHT})
    page.goto(site + reverse("directory:people") + "?q=Andrees&kind=intergovernmental")
    summary = page.locator(".filter-disclosure > summary")
    assert summary.inner_text().strip() == "Filters (2)"
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("form.filters input[name=q]").is_visible()
    assert page.locator(".filter-disclosure").get_attribute("open") is not None


def test_on_a_wide_screen_the_form_is_shown_whatever_the_filters(page, site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + reverse("directory:people") + "?q=Andrees")
    assert page.locator("form.filters input[name=q]").is_visible()


@pytest.mark.usefixtures("profiled_ilo")
@pytest.mark.parametrize("name", ["organization", "directory"])
def test_no_serious_accessibility_violation_at_320_px(page, site, axe_path, name):
    """The organisation's profile, and the filter panel folded with filters set, then opened
    (its selects drawn as base-select)."""
    in_language(page, site, "es")
    page.set_viewport_size({"width": 320, "height": PHONE_HEIGHT})
    query = "?q=Andrees&kind=intergovernmental" if name == "directory" else ""
    page.goto(site + main_page_path(name) + query)
    blocking = audit(page, axe_path)
    assert not blocking, describe(blocking)
    if name == "directory":
        page.locator(".filter-disclosure > summary").click()
        blocking = audit(page, axe_path)
        assert not blocking, describe(blocking)
    else:
        assert page.locator(".external-link").is_visible()
