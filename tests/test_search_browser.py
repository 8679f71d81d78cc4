"""Search in a real browser: results are dated in the site's own words, read from the index."""

from __future__ import annotations

import pytest

from tests.browser import built_site, chromium, site_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def test_a_result_is_dated_with_the_weekday_and_month_the_site_uses(chromium, site_url):
    page = chromium.new_page()
    try:
        page.goto(site_url + "/search/")
        page.get_by_label("Words to find").fill("First session")
        first = page.locator("#search-results li").first
        first.wait_for()
        assert first.locator("a").inner_text() == "First session"
        # 2026-08-13 was a Thursday: the names come from the index, Monday first.
        assert first.locator(".when").inner_text() == "Thursday 13 August 2026"
    finally:
        page.close()
