"""Every page fits a 390 px phone: no sideways scrolling of the page or of any element, each
table's last column in view (tables read as cards), the menu and the filters behind disclosures
that need no JavaScript; with SCREENSHOTS=1, screenshots saved at 390 px."""

import pytest
from django.urls import reverse

from .conftest import DESKTOP, PHONE, screenshot, sign_in
from .pages import MAIN_PAGE_NAMES, main_page_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# The sign-in and password pages, and the page that is not there, beside the main pages.
OTHER_PAGES = {
    "password-reset": (lambda: reverse("password_reset"), 200),
    "password-reset-done": (lambda: reverse("password_reset_done"), 200),
    "password-reset-confirm": (
        lambda: reverse("password_reset_confirm", kwargs={"uidb64": "x", "token": "y"}),
        200,
    ),
    "password-reset-complete": (lambda: reverse("password_reset_complete"), 200),
    "not-found": (lambda: "/no-such-page/", 404),
}
# Pages a signed-in member sees otherwise: with e-mail addresses, or only when signed in.
MEMBER_PAGES = {
    "directory-signed-in": lambda: main_page_path("directory"),
    "meeting-report-signed-in": lambda: main_page_path("meeting-report"),
    "password-change": lambda: reverse("password_change"),
    "password-change-done": lambda: reverse("password_change_done"),
}

# Each element whose content is wider than its box (1 px of rounding allowed), and each table row
# whose last cell ends beyond the window's right edge. What is hidden for screen readers only (in a
# 1 px box that clips it, as a card table's column headings) is no one's to scroll.
MEASURE = """() => {
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const visuallyHidden = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const box = node.getBoundingClientRect();
      if (getComputedStyle(node).overflow === 'hidden' && box.width <= 1 && box.height <= 1) {
        return true;
      }
    }
    return false;
  };
  const overflowing = [];
  for (const el of document.querySelectorAll('*')) {
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && !visuallyHidden(el)) {
      overflowing.push(`${describe(el)}: ${el.scrollWidth} px in ${el.clientWidth} px`);
    }
  }
  const cutOff = [];
  for (const row of document.querySelectorAll('table tr')) {
    const last = row.cells[row.cells.length - 1];
    if (!last || last.getClientRects().length === 0) { continue; }
    const box = last.getBoundingClientRect();
    if (box.right > window.innerWidth + 1 || box.left < -1) {
      const table = describe(row.closest('table'));
      cutOff.push(`${table} row ${row.rowIndex}: last cell ends at ${Math.round(box.right)} px`);
    }
  }
  return {
    page: [document.documentElement.scrollWidth, window.innerWidth],
    overflowing, cutOff,
    tables: document.querySelectorAll('table').length,
  };
}"""


def check_fits(page, name):
    screenshot(page, f"{name}-{PHONE['width']}.png")
    measured = page.evaluate(MEASURE)
    width, window = measured["page"]
    assert width <= window, f"{name} is {width} px wide in a {window} px window"
    assert not measured["overflowing"], f"{name}: " + "; ".join(measured["overflowing"])
    assert not measured["cutOff"], f"{name}: " + "; ".join(measured["cutOff"])
    return measured


@pytest.mark.parametrize("name", MAIN_PAGE_NAMES)
def test_no_horizontal_scroll_on_a_phone(page, site, name):
    page.set_viewport_size(PHONE)
    response = page.goto(site + main_page_path(name))
    assert response.status == 200
    check_fits(page, name)


@pytest.mark.parametrize("name", list(OTHER_PAGES))
def test_the_sign_in_password_and_missing_pages_fit_a_phone(page, site, name):
    path, status = OTHER_PAGES[name]
    page.set_viewport_size(PHONE)
    response = page.goto(site + path())
    assert response.status == status
    check_fits(page, name)


@pytest.mark.parametrize("name", list(MEMBER_PAGES))
def test_a_members_pages_fit_a_phone(page, site, member_account, name):
    page.set_viewport_size(PHONE)
    sign_in(page, site, member_account)
    response = page.goto(site + MEMBER_PAGES[name]())
    assert response.status == 200
    check_fits(page, name)


def test_on_a_phone_the_directory_shows_each_address_on_its_card_with_its_label(
    page, site, member_account
):
    page.set_viewport_size(PHONE)
    sign_in(page, site, member_account)
    page.goto(site + main_page_path("directory"))
    address = page.locator("a[href='mailto:andrees@ilo.org']")
    assert address.is_visible()
    box = address.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
    cell = address.locator("xpath=ancestor::td")
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert "E-mail" in label
    # On a wide screen the same table is a table again, its column headed, no label in the cell.
    page.set_viewport_size(DESKTOP)
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") == "none"
    assert cell.evaluate("td => getComputedStyle(td).display") == "table-cell"


def test_on_a_phone_the_menu_is_a_button_that_opens_without_javascript(browser, site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site + main_page_path("home"))
        nav = page.get_by_role("navigation", name="Main")
        directory = nav.get_by_role("link", name="Directory")
        assert not directory.is_visible()
        page.locator(".nav-menu > summary").click()
        assert directory.is_visible()
        directory.click()
        page.wait_for_url("**/directory/")
    finally:
        context.close()


def test_on_a_wide_screen_the_menu_is_one_row_of_links_with_no_button(page, site):
    page.set_viewport_size(DESKTOP)
    page.goto(site + main_page_path("home"))
    links = page.get_by_role("navigation", name="Main").get_by_role("link")
    assert links.count() == 9
    tops = {round(box["y"]) for box in (link.bounding_box() for link in links.all())}
    assert len(tops) == 1, tops
    assert not page.locator(".nav-menu > summary").is_visible()


def test_on_a_phone_the_filters_wait_behind_a_closed_filter_disclosure(browser, site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site + main_page_path("directory"))
        organisation = page.get_by_label("Organisation", exact=True)
        assert not organisation.is_visible()
        page.locator(".filter-disclosure > summary").click()
        assert organisation.is_visible()
    finally:
        context.close()


def test_on_a_phone_the_filters_fold_once_one_is_set(page, site):
    """The results come first (issue 23); the summary counts the filters set."""
    page.set_viewport_size(PHONE)
    page.goto(site + main_page_path("directory") + "?kind=intergovernmental&sort=family")
    assert not page.get_by_label("Kind of organisation").is_visible()
    assert page.locator(".filter-disclosure > summary").inner_text().strip() == "Filters (1)"
    # The sort order alone sets no filter.
    page.goto(site + main_page_path("directory") + "?sort=first")
    assert page.locator(".filter-disclosure > summary").inner_text().strip() == "Filter"


def test_on_a_wide_screen_the_filters_are_shown_with_no_disclosure_to_open(browser, site):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site + main_page_path("directory"))
        assert page.get_by_label("Organisation", exact=True).is_visible()
        assert not page.locator(".filter-disclosure > summary").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("language", ["fr", "es"])
@pytest.mark.parametrize("name", MAIN_PAGE_NAMES)
def test_no_horizontal_scroll_on_a_phone_in_french_and_spanish(page, site, name, language):
    """French and Spanish run longer than English: the header with its language switcher, the
    filters and the tables still fit."""
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    page.set_viewport_size(PHONE)
    response = page.goto(site + main_page_path(name))
    assert response.status == 200
    assert page.get_attribute("html", "lang") == language

    check_fits(page, f"{name}-{language}")


def test_the_language_switcher_works_on_a_phone_without_javascript(browser, site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site + main_page_path("meetings") + "?page=1")

        page.get_by_label("Language").select_option("es")
        page.get_by_role("button", name="Change language").click()

        assert page.url == site + main_page_path("meetings") + "?page=1"
        assert page.get_attribute("html", "lang") == "es"
        assert page.get_by_role("heading", level=1).inner_text() == (
            "Reuniones del Grupo de Coordinación Mundial"
        )
        assert page.get_by_label("Idioma").input_value() == "es"
    finally:
        context.close()


def test_the_headers_links_and_buttons_are_targets_at_least_24_px_high(page, site, member_account):
    """WCAG 2.2's minimum target size (2.5.8), signed in (My page, Sign out) and not."""
    sizes = {}
    for signed_in in (False, True):
        if signed_in:
            sign_in(page, site, member_account)
        page.set_viewport_size(DESKTOP)
        page.goto(site + main_page_path("home"))
        for target in page.locator(".account a, .account button").all():
            box = target.bounding_box()
            sizes[target.inner_text().strip()] = (round(box["width"], 1), round(box["height"], 1))
    assert {"Sign in", "My page", "Sign out"} <= set(sizes)
    small = {name: size for name, size in sizes.items() if min(size) < 24}
    assert small == {}
