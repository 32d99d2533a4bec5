"""The hostile texts of tests/test_xss.py in a real browser: nothing runs, nothing is injected."""

import pytest

from tests.test_xss import PAGES, build_hostile

pytestmark = pytest.mark.browser


@pytest.fixture
def hostile_site(live_server, transactional_db):
    return live_server.url, build_hostile()


def test_no_payload_runs_on_any_page(page, hostile_site):
    base, hostile = hostile_site
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for name, path, _ in PAGES:
        response = page.goto(base + path(hostile))
        assert response.status == 200, name
        injected = page.evaluate(
            "() => document.querySelectorAll('img[src=\"x\"], body script').length"
        )
        assert injected == 0, f"markup from the data became elements on {name}"
        assert "<script>alert(1)</script>" in page.locator("main").inner_text(), name
    assert dialogs == []
