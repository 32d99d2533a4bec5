"""axe-core on every main page: no serious or critical violation. Also screenshots at 1280 px."""

import pytest

from .conftest import DESKTOP, SCREENSHOTS
from .pages import MAIN_PAGE_NAMES, main_page_path

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}: {node['html'][:160]}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", MAIN_PAGE_NAMES)
def test_no_serious_accessibility_violation(page, site, axe_path, name):
    page.set_viewport_size(DESKTOP)
    response = page.goto(site + main_page_path(name))
    assert response.status == 200
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{DESKTOP['width']}.png", full_page=True)

    page.add_script_tag(path=axe_path)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe on {name}:\n{describe(blocking)}"
