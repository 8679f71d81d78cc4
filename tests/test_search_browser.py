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


def test_words_typed_before_the_index_arrives_are_kept_and_searched(chromium, site_url):
    """On a slow connection, or a sealed site still opening its index, a person may type
    before the search has started: what they typed stays, and is searched."""
    page = chromium.new_page()
    held: list = []
    page.route("**/static/search-index.js", lambda route: held.append(route))
    try:
        page.goto(site_url + "/search/", wait_until="commit")
        words = page.get_by_label("Words to find")
        words.fill("First session")
        for _ in range(100):  # the request is held as soon as the browser makes it
            if held:
                break
            page.wait_for_timeout(50)
        assert held, "the index was not asked for"
        held[0].continue_()
        first = page.locator("#search-results li").first
        first.wait_for()
        assert words.input_value() == "First session"
        assert first.locator("a").inner_text() == "First session"
    finally:
        page.close()
