"""The built sample journal checked by axe-core in headless Chromium: every page worth a
browser in light mode at desktop width, one page of each kind in dark mode. Apart from
tests/test_site_quality.py so that the long browser runs can go to different workers;
every other page is checked in tests/test_accessibility_half.py, for the same reason
(a test file runs whole on one worker, and all the pages take two minutes).
Without axe-core (from `.ci/run`) these tests fail; without Chromium they skip."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import (
    AXE_JS,
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

DESKTOP = {"width": 1280, "height": 900}


def _fail_without(*files: Path) -> None:
    problem = missing_checker(*files)
    if problem:
        pytest.fail(problem, pytrace=False)


@pytest.fixture
def axe_page(chromium: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A page to run axe-core in: the pages' CSP allows only 'self', so it is bypassed for axe."""
    _fail_without(AXE_JS)
    scheme = getattr(request, "param", "light")
    context = chromium.new_context(viewport=DESKTOP, color_scheme=scheme, bypass_csp=True, service_workers="block")
    # Loaded with each page rather than by add_script_tag afterwards: 0.2 s less a page.
    context.add_init_script(path=str(AXE_JS))
    try:
        yield context.new_page()
    finally:
        context.close()


def _axe_violations(page: Any, site_url: str, paths: list[str]) -> list[str]:
    lines: list[str] = []
    for path in paths:
        load_page(page, site_url + path)
        lines += describe_violations(path, run_axe(page))
    return lines


def every_other_page(built_site: Path, site_pages: list[str], half: int) -> list[str]:
    """Half of the pages worth a browser: the first, third, … (0) or the second, fourth, … (1)."""
    return pages_worth_a_browser(built_site, site_pages)[half::2]


def check_half(page: Any, site_url: str, built_site: Path, site_pages: list[str], half: int) -> None:
    paths = every_other_page(built_site, site_pages, half)
    assert len(paths) > 50, f"only {len(paths)} pages to check"  # the sample journal has about 80 a half
    violations = _axe_violations(page, site_url, paths)
    assert not violations, "axe-core found accessibility violations:\n" + "\n".join(violations)


@pytest.mark.browser
def test_every_other_page_passes_axe(axe_page: Any, site_url: str, built_site: Path, site_pages: list[str]):
    check_half(axe_page, site_url, built_site, site_pages, 0)


@pytest.mark.browser
@pytest.mark.parametrize("axe_page", ["dark"], indirect=True)
def test_pages_pass_axe_in_dark_mode(axe_page: Any, site_url: str, site_pages: list[str]):
    violations = _axe_violations(axe_page, site_url, representative_pages(site_pages))
    assert not violations, "axe-core found accessibility violations in dark mode:\n" + "\n".join(violations)
