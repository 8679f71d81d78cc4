"""An encrypted build, and search, as a reader's browser sees them (headless Chromium).

The fixture journal is built, sealed with a passphrase and served on 127.0.0.1 (and
opened from file://): unlock with the right passphrase, see an entry, follow links
without unlocking again, search, see a photo, lock; a wrong passphrase says so. The
shells and the unlocked pages pass the Nu Html Checker and axe-core.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from generator.build import prepare
from generator.crypt.keys import derive_key, load_or_create_salt
from generator.crypt.shell import site_names
from generator.write import write_site
from tests.browser import (
    AXE_JS,
    HOST,
    VNU_JAR,
    build_site,
    describe_violations,
    missing_checker,
    run_axe,
    serve,
    shared_chromium,
)

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixture"
PASSPHRASE = "four quiet words, then more"
PHOTO_ENTRY = "2026/05/01/cafe-quotes/index.html"  # shows park.png
LOCK = "#cairn-lock"


# --- the sites -----------------------------------------------------------------------


def site_files(journal: Path) -> dict[str, bytes]:
    """The built plain site in memory: every page, the search page and its index."""
    files = {path: data for path, data in prepare(journal).files.items() if data is not None}
    assert "search/index.html" in files and "static/search-index.js" in files
    return files


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("encrypted") / "journal"
    shutil.copytree(FIXTURE, folder)
    return folder


@pytest.fixture(scope="module")
def plain_files(journal: Path) -> dict[str, bytes]:
    return site_files(journal)


@pytest.fixture(scope="module")
def names(journal: Path, plain_files: dict[str, bytes]) -> dict[str, str]:
    """Where each page of the plain site is in the sealed one."""
    key = derive_key(PASSPHRASE, load_or_create_salt(journal))
    return site_names(plain_files, key)


@pytest.fixture(scope="module")
def sealed_site(
    journal: Path, plain_files: dict[str, bytes], names: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    out = tmp_path_factory.mktemp("sealed-site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAIRN_PASSPHRASE", PASSPHRASE)
        build_site(journal, out, "--encrypt")
    assert (out / names["search/index.html"]).is_file(), "the sealed site has no search page"
    return out


@pytest.fixture(scope="module")
def plain_site(plain_files: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plain-site")
    write_site(out, dict[str, bytes | None](plain_files))
    return out


@pytest.fixture(scope="module")
def base_url(sealed_site: Path) -> Iterator[str]:
    with serve(sealed_site) as base:
        yield base


# --- a browser that records what pages do ------------------------------------------------


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest) -> Any:
    return shared_chromium(request)


@dataclass
class Record:
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@contextlib.contextmanager
def browsing(browser: Any, **options: Any) -> Iterator[tuple[Any, Record]]:
    """A fresh browser context (its own sessionStorage) and one page in it."""
    context = browser.new_context(service_workers="block", **options)
    record = Record()
    page = context.new_page()
    context.on("request", lambda request: record.requests.append(request.url))
    page.on("pageerror", lambda error: record.problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: (
            record.problems.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "warning")
            else None
        ),
    )
    # A load the page gave up on because it navigated away (net::ERR_ABORTED) is no fault; any other is.
    page.on(
        "requestfailed",
        lambda request: (
            record.problems.append(f"failed to load {request.url}: {request.failure}")
            if request.failure != "net::ERR_ABORTED"
            else None
        ),
    )
    try:
        yield page, record
    finally:
        context.close()


def unlock(page: Any, passphrase: str = PASSPHRASE) -> None:
    page.get_by_label("Passphrase").fill(passphrase)
    page.get_by_role("button", name="Unlock").click()


def wait_open(page: Any) -> None:
    page.wait_for_selector(LOCK, timeout=20_000)


def follow(page: Any, link: Any) -> None:
    """Click a link on an open page and wait for the next page to open. Waiting for the
    lock button alone would find the one of the page still showing."""
    before = page.url
    link.click()
    page.wait_for_url(lambda url: url != before)
    wait_open(page)


def _off_site(record: Record) -> list[str]:
    return [
        url
        for url in record.requests
        if not url.startswith(("data:", "blob:", "file:")) and urllib.parse.urlsplit(url).hostname != HOST
    ]


# --- the reader's path -----------------------------------------------------------------


def test_unlock_read_follow_links_search_see_a_photo_and_lock(browser: Any, base_url: str, names: dict[str, str]):
    with browsing(browser) as (page, record):
        page.goto(base_url + "/")
        assert page.title() == "Locked journal"
        assert page.get_by_role("heading", level=1).inner_text() == "This journal is locked"
        unlock(page)
        wait_open(page)
        assert page.title() == "Fixture journal"
        page.wait_for_function("() => document.activeElement.tagName === 'H1'")  # where a screen reader goes on

        # An entry, by a link: no second unlock, ever.
        follow(page, page.get_by_role("link", name="Café & “quotes”").first)
        assert page.get_by_role("heading", level=1).inner_text() == "Café & “quotes”"
        assert "Rain on the window" in page.inner_text("main")
        assert page.url == f"{base_url}/{names[PHOTO_ENTRY]}"
        assert page.locator("#cairn-passphrase").count() == 0

        # Its photo, decrypted into a blob: URL.
        page.wait_for_function("""() => { const img = document.querySelector('main img');
            return img && img.complete && img.naturalWidth > 0 && img.currentSrc.startsWith('blob:'); }""")
        assert page.get_by_role("img", name="The park in the rain").is_visible()

        follow(page, page.get_by_role("link", name="walk", exact=True).first)
        assert "walk" in page.get_by_role("heading", level=1).inner_text()

        # Search, in the sealed index.
        follow(page, page.get_by_role("link", name="Search").first)
        page.get_by_label("Words to find").fill("rain window")
        result = page.locator("#search-results li")
        result.first.wait_for()
        assert result.count() == 1
        assert page.locator("#search-results mark").all_inner_texts() == ["Rain", "window"]
        assert "1 entry" in page.inner_text("#search-status")
        assert not page.is_visible("#search-needs-script")
        follow(page, page.locator("#search-results a").first)
        assert page.url == f"{base_url}/{names[PHOTO_ENTRY]}"

        # Lock: the key is forgotten, on this page and the next.
        page.get_by_role("button", name="Lock").click()
        page.wait_for_selector("#cairn-passphrase")
        assert page.title() == "Locked journal"
        assert page.evaluate("sessionStorage.length") == 0
        page.goto(f"{base_url}/{names['tags/index.html']}")
        page.wait_for_selector("#cairn-passphrase")
        assert page.locator(LOCK).count() == 0
        assert "Sam" not in page.inner_text("body")
        page.go_back()  # the page that was open, from the browser's memory or not: locked
        page.wait_for_selector("#cairn-passphrase")
        assert "Rain on the window" not in page.inner_text("body")

        assert record.problems == []
        assert _off_site(record) == []


def test_a_wrong_passphrase_says_so_and_opens_nothing(browser: Any, base_url: str):
    with browsing(browser) as (page, record):
        page.goto(base_url + "/")
        unlock(page, "not the passphrase at all")
        error = page.get_by_role("alert")
        error.filter(has_text="does not open").wait_for()
        assert error.inner_text() == (
            "That passphrase does not open this journal. Check it (capital letters count) and try again."
        )
        field_ = page.get_by_label("Passphrase")
        assert field_.get_attribute("aria-invalid") == "true"
        # Focus moves once the unlock script has run; a busy machine may take a moment.
        page.wait_for_function("() => document.activeElement && document.activeElement.id === 'cairn-passphrase'")
        assert page.evaluate("sessionStorage.length") == 0
        assert page.locator(LOCK).count() == 0
        unlock(page)  # and the right one still works after it
        wait_open(page)
        assert record.problems == []


def test_the_keyboard_alone_unlocks(browser: Any, base_url: str):
    with browsing(browser) as (page, _):
        page.goto(base_url + "/")
        # Focus moves once the unlock script has run; a busy machine may take a moment.
        page.wait_for_function("() => document.activeElement && document.activeElement.id === 'cairn-passphrase'")
        page.keyboard.type(PASSPHRASE)
        page.keyboard.press("Enter")
        wait_open(page)


def test_the_sealed_site_works_from_files_on_disk(browser: Any, sealed_site: Path, names: dict[str, str]):
    with browsing(browser) as (page, record):
        page.goto(sealed_site.as_uri() + "/index.html")
        unlock(page)
        wait_open(page)
        page.goto(f"{sealed_site.as_uri()}/{names['search/index.html']}")
        wait_open(page)  # the key carried over
        page.get_by_label("Words to find").fill("bakery")
        page.locator("#search-results li").first.wait_for()
        follow(page, page.locator("#search-results a").first)
        assert "the bakery" in page.inner_text("main")
        assert record.problems == []


def test_search_works_from_files_on_disk_and_filters(browser: Any, plain_site: Path):
    with browsing(browser) as (page, record):
        page.goto(plain_site.as_uri() + "/search/index.html")
        results = page.locator("#search-results li")
        page.get_by_label("Words to find").fill("walk")
        results.first.wait_for()
        assert page.locator("#search-results mark").first.inner_text().lower() == "walk"
        walks = results.count()
        assert walks >= 2
        # Title and tag hits first, then newest first.
        dates = page.eval_on_selector_all("#search-results a", "links => links.map(a => a.getAttribute('href'))")
        assert dates[0] > dates[-1]
        page.get_by_label("with mood").select_option("5")
        page.wait_for_function(f"() => document.querySelectorAll('#search-results li').length < {walks}")
        assert results.count() == 1
        page.get_by_label("with mood").select_option("")
        page.get_by_label("from").select_option("2025")
        page.get_by_label("Words to find").fill("")
        page.get_by_label("tagged").select_option("work")
        page.wait_for_function("() => document.querySelectorAll('#search-results li').length === 1")
        page.get_by_label("Words to find").fill("nothing-like-this")
        page.get_by_text("No entries").wait_for()
        # File folders do not open their index.html by themselves: results link to it.
        page.get_by_label("Words to find").fill("tired")
        page.get_by_label("tagged").select_option("")
        results.first.wait_for()
        assert page.locator("#search-results a").first.get_attribute("href").endswith("/index.html")
        assert record.problems == []


# --- standards: Nu Html Checker and axe-core ---------------------------------------------


def _unlocked_pages(browser: Any, base_url: str, names: dict[str, str]) -> dict[str, str]:
    """The DOM of some pages after unlocking, as HTML, by the plain site's path."""
    snapshots = {}
    with browsing(browser) as (page, record):
        page.goto(base_url + "/")
        unlock(page)
        wait_open(page)
        for path in ("index.html", PHOTO_ENTRY, "tags/index.html", "search/index.html"):
            page.goto(f"{base_url}/{names[path]}" + ("?q=walk" if path.startswith("search") else ""))
            wait_open(page)
            if path == PHOTO_ENTRY:
                page.wait_for_function("() => document.querySelector('main img').currentSrc.startsWith('blob:')")
            if path.startswith("search"):
                page.locator("#search-results li").first.wait_for()
            snapshots[path] = "<!DOCTYPE html>\n" + page.evaluate("document.documentElement.outerHTML")
        assert record.problems == []
    return snapshots


def _vnu(folder: Path) -> list[str]:
    problem = missing_checker(VNU_JAR, java=True)
    if problem:
        pytest.fail(problem, pytrace=False)
    command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json", str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    messages = json.loads(done.stderr or done.stdout)["messages"]
    return [
        f"{urllib.parse.unquote(m.get('url', '')).rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
    ]


def test_shells_and_unlocked_pages_are_valid_html(
    browser: Any, base_url: str, names: dict[str, str], sealed_site: Path, tmp_path: Path
):
    shells = tmp_path / "shells"
    shells.mkdir()
    for page in sealed_site.glob("*.html"):
        shutil.copy(page, shells / page.name)
    assert _vnu(shells) == []
    unlocked = tmp_path / "unlocked"
    unlocked.mkdir()
    for path, html in _unlocked_pages(browser, base_url, names).items():
        (unlocked / (path.replace("/", "-"))).write_text(html, encoding="utf-8")
    assert _vnu(unlocked) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_shell_and_unlocked_pages_pass_axe(browser: Any, base_url: str, names: dict[str, str], scheme: str):
    problem = missing_checker(AXE_JS)
    if problem:
        pytest.fail(problem, pytrace=False)
    lines: list[str] = []
    with browsing(browser, bypass_csp=True, color_scheme=scheme) as (page, _):
        page.goto(base_url + "/")
        lines += describe_violations("the unlock shell", run_axe(page))
        unlock(page, "not the passphrase at all")
        page.get_by_role("alert").filter(has_text="does not open").wait_for()
        lines += describe_violations("the unlock shell, after a wrong passphrase", run_axe(page))
        unlock(page)
        wait_open(page)
        lines += describe_violations("/ unlocked", run_axe(page))
        for path in (PHOTO_ENTRY, "search/index.html"):
            page.goto(f"{base_url}/{names[path]}" + ("?q=walk" if path.startswith("search") else ""))
            wait_open(page)
            if path.startswith("search"):
                page.locator("#search-results li").first.wait_for()
            lines += describe_violations(f"/{path} unlocked", run_axe(page))
    assert not lines, "axe-core found accessibility violations:\n" + "\n".join(lines)


def test_the_second_build_writes_nothing(journal: Path, sealed_site: Path):
    env = {**os.environ, "CAIRN_PASSPHRASE": PASSPHRASE, "NO_COLOR": "1"}
    command = ["build", "--journal", str(journal), "--out", str(sealed_site), "--encrypt"]
    done = subprocess.run(
        [sys.executable, "-m", "generator", *command],
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert " 0 written" in done.stdout, done.stdout
