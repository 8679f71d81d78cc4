"""The built sample journal, checked as a reader's browser and the standards see it.

Valid HTML (Nu Html Checker), no broken link, every page reachable from the home page,
no reference to another server. What each page does in headless Chromium (requests, script
errors, sideways scrolling on a phone, axe-core) is checked in tests/test_accessibility.py,
one visit a page. The checkers come from `.ci/run`: without them these tests fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import (
    VNU_JAR,
    Crawl,
    built_site,  # noqa: F401 (fixtures, found by pytest here)
    crawl,
    missing_checker,
    nu_errors,
    site_pages,  # noqa: F401
    site_url,  # noqa: F401
)

# Pages no link is meant to reach: the server shows 404.html for a missing URL.
UNLINKED_BY_DESIGN = {"/404.html"}


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
