"""/on-this-day/ opens today's page in a real browser, when today has entries."""

from __future__ import annotations

import pytest

from tests.browser import built_site, chromium, site_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def open_on(chromium, url: str, when: str) -> str:
    page = chromium.new_page()
    try:
        page.clock.set_fixed_time(when)
        page.goto(url)
        page.wait_for_load_state("load")
        page.wait_for_timeout(200)
        return page.url
    finally:
        page.close()


def test_a_day_with_entries_opens_its_page(chromium, site_url):
    # 12 September has two entries in the sample journal.
    assert open_on(chromium, site_url + "/on-this-day/", "2027-09-12T10:00:00").endswith(
        "/on-this-day/09-12/index.html"
    )


def test_a_day_without_entries_stays_on_the_list(chromium, site_url):
    assert open_on(chromium, site_url + "/on-this-day/", "2027-03-01T10:00:00").endswith("/on-this-day/")


def test_a_day_without_entries_says_so(chromium, site_url):
    page = chromium.new_page()
    try:
        page.clock.set_fixed_time("2027-03-01T10:00:00")
        page.goto(site_url + "/on-this-day/", wait_until="load")
        assert page.locator("#on-this-day-today").inner_text() == "Nothing from 1 March yet."
    finally:
        page.close()


def test_in_the_small_hours_it_opens_the_day_before_when_the_journal_says_so(chromium, journal):
    """day_starts_at: "04:00": at 01:30 on 24 November it is still the 23rd for the person."""
    from tests.conftest import run_cairn

    folder = journal(
        {
            "journal.yaml": 'day_starts_at: "04:00"\n',
            "content/2025-11-23.md": "---\nmood: 3\n---\nA year ago.\n",
        }
    )
    assert run_cairn("build", cwd=folder).returncode == 0
    index = (folder / "site/on-this-day/index.html").as_uri()
    assert open_on(chromium, index, "2026-11-24T01:30:00").endswith("/on-this-day/11-23/index.html")
    assert open_on(chromium, index, "2026-11-24T04:00:00") == index
