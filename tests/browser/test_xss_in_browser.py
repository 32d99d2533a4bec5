"""S13 in a real browser: the hostile texts of tests/security/test_s13_xss.py run nothing and
become no element on any page that shows them; the visitor reads them as the text they are."""

import pytest

from tests.security.test_s13_xss import HOSTILE, PAGES, build_hostile

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def hostile(live_site):
    """The live server's base URL, and one of each thing a visitor can name, carrying payloads."""
    return live_site, build_hostile()


def test_no_payload_runs_on_any_page(page, hostile):
    base, built = hostile
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    assert PAGES, "no page to visit"
    for name, path, shown in PAGES:
        response = page.goto(base + path(built))
        assert response.status == 200, name
        injected = page.evaluate(
            "() => document.querySelectorAll('img[src=\"x\"], body script').length"
        )
        assert injected == 0, f"markup from the data became elements on {name}"
        text = page.locator("main").inner_text()
        assert shown, name
        for prefix in shown:
            assert f"{prefix} {HOSTILE}" in text, f"{prefix} on {name}"
    assert dialogs == []
