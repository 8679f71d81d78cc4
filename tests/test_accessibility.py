"""The built sample journal in headless Chromium, every page worth a browser visited once
(tests/visits.py): axe-core finds nothing at desktop width in light mode, no request goes
to another host, no script error or blocked resource, nothing scrolls sideways on a phone;
and axe-core finds nothing in dark mode on one page of each kind.

The pages are shared out between this file (the first, third, … page) and
tests/test_accessibility_half.py (the second, fourth, …), which runs these same tests on
its half: a test file runs whole on one worker, and all the pages take three minutes.
Without axe-core (from `.ci/run`) these tests fail; without Chromium they skip."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import visits as visiting
from tests.browser import (
    AXE_JS,
    HOST,
    built_site,  # noqa: F401 (fixtures, found by pytest here)
    chromium,  # noqa: F401
    describe_violations,
    load_page,
    missing_checker,
    pages_worth_a_browser,
    representative_pages,
    run_axe,
    site_pages,  # noqa: F401
    site_url,  # noqa: F401
)
from tests.visits import DESKTOP, PHONE, Visit

pytestmark = pytest.mark.browser


def _fail_without(*files: Path) -> None:
    problem = missing_checker(*files)
    if problem:
        pytest.fail(problem, pytrace=False)


@pytest.fixture(scope="module")
def half() -> int:
    """Which half of the pages this file visits: tests/test_accessibility_half.py says 1."""
    return 0


@pytest.fixture(scope="module")
def visits(chromium: Any, site_url: str, built_site: Path, site_pages: list[str], half: int) -> dict[str, Visit]:
    _fail_without(AXE_JS)
    paths = pages_worth_a_browser(built_site, site_pages)[half::2]
    assert len(paths) > 50, f"only {len(paths)} pages to visit"  # the sample journal has about 80 a half
    return visiting.visit_pages(chromium, site_url, paths)


def test_every_page_passes_axe(visits: dict[str, Visit]):
    found = visiting.violations(visits)
    assert not found, "axe-core found accessibility violations:\n" + "\n".join(found)


def test_no_request_leaves_the_site(visits: dict[str, Visit], site_url: str):
    assert site_url.startswith(f"http://{HOST}:")
    leaving = visiting.requests_elsewhere(visits)
    assert not leaving, "requests to another host:\n" + "\n".join(leaving)


def test_pages_load_without_script_errors_or_blocked_resources(visits: dict[str, Visit]):
    found = visiting.errors(visits)
    assert not found, "\n".join(found)


def test_no_page_scrolls_sideways_on_a_phone(visits: dict[str, Visit]):
    wide = visiting.too_wide(visits)
    assert not wide, f"pages wider than a {PHONE['width']}px phone:\n" + "\n".join(wide)


@pytest.fixture
def dark_page(chromium: Any) -> Iterator[Any]:
    _fail_without(AXE_JS)
    context = chromium.new_context(viewport=DESKTOP, color_scheme="dark", service_workers="block")
    context.add_init_script(path=str(AXE_JS))
    try:
        yield context.new_page()
    finally:
        context.close()


def test_pages_pass_axe_in_dark_mode(dark_page: Any, site_url: str, site_pages: list[str]):
    found: list[str] = []
    for path in representative_pages(site_pages):
        load_page(dark_page, site_url + path)
        found += describe_violations(path, run_axe(dark_page))
    assert not found, "axe-core found accessibility violations in dark mode:\n" + "\n".join(found)
