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
