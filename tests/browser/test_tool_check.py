"""Where Chromium or axe-core is missing, the browser tests skip locally, saying what to install,
and fail on CI (CI=true), where a skip would let the run pass without them. No browser needed."""

import pytest

from .conftest import require


def test_a_missing_browser_tool_skips_locally_and_fails_on_ci(tmp_path):
    missing = tmp_path / "chromium"

    with pytest.raises(pytest.skip.Exception, match="chromium is missing: apt-get install it"):
        require(missing, "apt-get install it", environ={})
    with pytest.raises(pytest.skip.Exception):
        require(missing, "apt-get install it", environ={"CI": "false"})
    with pytest.raises(pytest.fail.Exception, match="chromium is missing: apt-get install it"):
        require(missing, "apt-get install it", environ={"CI": "true"})

    missing.write_text("")
    assert require(missing, "apt-get install it", environ={"CI": "true"}) == missing
