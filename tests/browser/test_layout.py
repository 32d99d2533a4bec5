"""Every main page fits a 390 px phone without sideways scrolling; screenshots saved at 390 px."""

import pytest

from .conftest import PHONE, SCREENSHOTS
from .pages import MAIN_PAGE_NAMES, main_page_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize("name", MAIN_PAGE_NAMES)
def test_no_horizontal_scroll_on_a_phone(page, site, name):
    page.set_viewport_size(PHONE)
    response = page.goto(site + main_page_path(name))
    assert response.status == 200
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{PHONE['width']}.png", full_page=True)

    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{name} is {widths[0]} px wide in a {widths[1]} px window"


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

    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{name} is {widths[0]} px wide in a {widths[1]} px window"


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
