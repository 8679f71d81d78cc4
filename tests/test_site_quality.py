"""The built sample journal, checked as a reader's browser and the standards see it.

Valid HTML (Nu Html Checker), no broken link, every page reachable from the home page,
no reference to another server; and in headless Chromium: no request to another host,
no script error, no sideways scrolling on a phone (axe-core's checks are in
tests/test_accessibility.py). The checkers come from `.ci/run`: without them these tests fail,
except the browser ones, which skip when Chromium itself is missing.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.browser import (
    HOST,
    VNU_JAR,
    Crawl,
    built_site,  # noqa: F401 (fixtures, found by pytest here)
    chromium,  # noqa: F401
    crawl,
    load_page,
    missing_checker,
    nu_errors,
    pages_worth_a_browser,
    site_pages,  # noqa: F401
    site_url,  # noqa: F401
)

# Pages no link is meant to reach: the server shows 404.html for a missing URL.
UNLINKED_BY_DESIGN = {"/404.html"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _fail_without(*files: Path, java: bool = False) -> None:
    problem = missing_checker(*files, java=java)
    if problem:
        pytest.fail(problem, pytrace=False)


# --- without a browser ---------------------------------------------------------------------


def test_every_page_is_valid_html(built_site: Path, site_pages: list[str]):
    _fail_without(VNU_JAR, java=True)
    problems = nu_errors(built_site)
    assert not problems, f"HTML errors in the {len(site_pages)} pages:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def site_crawl(site_url: str) -> Crawl:
    return crawl(site_url)


def test_no_link_is_broken(site_crawl: Crawl, site_url: str):
    broken = [
        f"{url.removeprefix(site_url)} gives {status}; linked from "
        + ", ".join(sorted(r.removeprefix(site_url) for r in site_crawl.referrers.get(url, ())))
        for url, status in sorted(site_crawl.fetched.items())
        if status != 200
    ]
    assert not broken, f"{len(broken)} broken references:\n" + "\n".join(broken)


def test_every_page_is_reachable_from_the_home_page(site_crawl: Crawl, site_pages: list[str]):
    unreached = sorted(set(site_pages) - site_crawl.html_paths - UNLINKED_BY_DESIGN)
    assert not unreached, f"{len(unreached)} of {len(site_pages)} pages no link reaches from /:\n" + "\n".join(
        unreached
    )


def test_every_link_to_a_place_in_a_page_has_its_target(site_crawl: Crawl, site_url: str):
    missing = [
        f"{page.removeprefix(site_url)} links to {target.removeprefix(site_url)}#{fragment}, which has no such id"
        for page, target, fragment in site_crawl.fragments
        if target in site_crawl.ids and fragment != "top" and fragment not in site_crawl.ids[target]
    ]
    assert not missing, "\n".join(sorted(set(missing)))


def test_no_page_loads_anything_from_another_server(site_crawl: Crawl, site_url: str):
    foreign = sorted(
        {
            f"{page.removeprefix(site_url)}: <{link.tag} {link.attribute}={link.value!r}>"
            for page, link in site_crawl.foreign
        }
    )
    assert not foreign, "references to other servers:\n" + "\n".join(foreign)


# --- in headless Chromium ------------------------------------------------------------------


@dataclass
class Visit:
    """What one page did while it loaded in a browser that enforces its CSP."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # script errors, console errors (CSP), failed loads
    overflow: list[str] = field(default_factory=list)  # what sticks out sideways on a phone

    def __repr__(self) -> str:  # short in a failing test's report
        return f"<Visit: {len(self.requests)} requests, {len(self.errors)} errors>"


_OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
        + (e.classList.length ? '.' + [...e.classList].join('.') : '');
    const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 1);
    const outermost = wide.filter(e => !wide.includes(e.parentElement));
    return [`scrollWidth ${document.documentElement.scrollWidth}px > ${width}px`]
        .concat(outermost.slice(0, 5).map(e => `${name(e)} reaches ${Math.round(e.getBoundingClientRect().right)}px`));
}"""


def _console_line(message: Any) -> str:
    source = message.location.get("url") or ""
    return f"console {message.type}: {message.text}" + (f" (from {source})" if source else "")


@pytest.fixture(scope="module")
def visits(chromium: Any, site_url: str, built_site: Path, site_pages: list[str]) -> dict[str, Visit]:
    """Every page worth a browser loaded once at phone size, its CSP enforced, recording what it did."""
    context = chromium.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    current: list[Visit] = []
    context.on("request", lambda request: current[-1].requests.append(request.url))
    page.on("pageerror", lambda error: current[-1].errors.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: (
            current[-1].errors.append(_console_line(message)) if message.type in ("error", "warning") else None
        ),
    )
    page.on(
        "requestfailed",
        lambda request: (
            current[-1].errors.append(f"failed to load {request.url}: {request.failure}")
            if request.failure != "net::ERR_ABORTED"
            else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            current[-1].errors.append(f"{response.url} gave {response.status}") if response.status >= 400 else None
        ),
    )
    result: dict[str, Visit] = {}
    try:
        for path in pages_worth_a_browser(built_site, site_pages):
            current.append(result.setdefault(path, Visit()))
            load_page(page, site_url + path)
            current[-1].overflow = page.evaluate(_OVERFLOW)
    finally:
        context.close()
    return result


@pytest.mark.browser
def test_no_request_leaves_the_site(visits: dict[str, Visit], site_url: str):
    origin = urllib.parse.urlsplit(site_url)
    leaving = [
        f"{path}: {url}"
        for path, visit in visits.items()
        for url in visit.requests
        if not url.startswith(("data:", "blob:")) and urllib.parse.urlsplit(url).hostname != HOST
    ]
    assert origin.hostname == HOST
    assert not leaving, "requests to another host:\n" + "\n".join(leaving)


@pytest.mark.browser
def test_pages_load_without_script_errors_or_blocked_resources(visits: dict[str, Visit]):
    errors = [f"{path}: {error}" for path, visit in visits.items() for error in visit.errors]
    assert not errors, "\n".join(errors)


@pytest.mark.browser
def test_no_page_scrolls_sideways_on_a_phone(visits: dict[str, Visit]):
    wide = [f"{path}: " + "; ".join(visit.overflow) for path, visit in visits.items() if visit.overflow]
    assert not wide, f"pages wider than a {PHONE['width']}px phone:\n" + "\n".join(wide)
