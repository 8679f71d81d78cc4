"""A monthly review prints cleanly: one or two A4 pages, no navigation."""

from __future__ import annotations

import re

import pytest

from tests.browser import built_site, chromium, site_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

MONTHS = ["/2026/08/", "/2026/09/", "/2026/10/", "/2026/11/"]


@pytest.mark.parametrize("month", MONTHS)
def test_a_monthly_review_prints_on_one_or_two_a4_pages(chromium, site_url, month):
    page = chromium.new_page()
    try:
        page.goto(site_url + month)
        page.emulate_media(media="print")
        assert not page.locator("header.site nav").is_visible()
        assert not page.locator("footer.site").is_visible()
        assert page.locator("svg[role=img]").first.is_visible()  # the calendar prints
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        page.close()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"{month} prints on {pages} A4 pages"
