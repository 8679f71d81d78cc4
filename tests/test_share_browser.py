"""A share edition and a session review in Chromium: the therapist share of
tests/share_fixture.py unlocks with its own passphrase (and not with another share's),
shows the chosen pages only, and a review prints on at most two A4 pages; so does the
sample journal's latest review."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.browser import built_site, chromium, serve, site_url  # noqa: F401  (fixtures)
from tests.conftest import run_cairn
from tests.share_fixture import PLANTED, make_journal

pytestmark = pytest.mark.browser

PASSPHRASE = "slow river, steady stones"
FRIEND = "another path for another friend"
LOCK = "#cairn-lock"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def share_url(tmp_path_factory: pytest.TempPathFactory):
    journal = make_journal(tmp_path_factory.mktemp("share-browser") / "journal")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAIRN_")}
    result = run_cairn("--journal", journal, "share", "therapist", env={**env, "CAIRN_SHARE_PASSPHRASE": PASSPHRASE})
    assert result.returncode == 0, result.stderr
    with serve(journal / "shares" / "therapist") as url:
        yield url


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def _unlock(page, passphrase: str) -> None:
    page.get_by_label("Passphrase").fill(passphrase)
    page.get_by_role("button", name="Unlock").click()


def test_the_share_unlocks_with_its_own_passphrase_only_and_shows_the_chosen_pages(chromium, share_url):
    context = chromium.new_context(service_workers="block")
    page = context.new_page()
    try:
        page.goto(share_url + "/")
        _unlock(page, FRIEND)  # another share's passphrase opens nothing here
        page.get_by_role("alert").filter(has_text="does not open").wait_for()
        assert page.locator(LOCK).count() == 0
        _unlock(page, PASSPHRASE)
        page.wait_for_selector(LOCK, timeout=20_000)
        assert page.title().startswith("For my sessions")
        menu = page.get_by_role("navigation", name="Journal").get_by_role("link").all_inner_texts()
        assert menu == ["Home", "Progress", "Wins", "Reviews"]
        seen = [page.content()]
        for name in ("Progress", "Wins", "Reviews"):
            page.get_by_role("navigation", name="Journal").get_by_role("link", name=name).click()
            page.wait_for_selector(LOCK, timeout=20_000)
            seen.append(page.content())
        assert "Started sertraline" in seen[1] and "Made tea" in seen[2]  # chosen figures are there
        page.get_by_role("link", name="1 Sep 2026 to 14 Sep 2026").click()
        page.wait_for_selector(LOCK, timeout=20_000)
        main = page.inner_text("main")
        assert "Entries on 8 of 14 days; the median mood was 3 of 5: okay" in main
        assert "Went for a walk on 6 of 14 days" in main
        seen.append(page.content())
        # Every page the reader opened, as the browser decrypted it: no planted word of
        # anything the share leaves out (tests/share_fixture.py).
        assert [word for word in PLANTED if word in " ".join(seen).casefold()] == []
        page.emulate_media(media="print")
        pages = _pdf_pages(page.pdf(format="A4", print_background=True))
        assert 1 <= pages <= 2, f"the shared review prints on {pages} A4 pages"
    finally:
        context.close()


def test_the_sample_journal_s_latest_review_prints_on_one_or_two_a4_pages(chromium, site_url, built_site):
    reviews = sorted(p.parent.name for p in (built_site / "reviews").glob("*/index.html"))
    assert reviews, "the sample journal lists sessions, so it has reviews"
    page = chromium.new_page()
    try:
        page.goto(f"{site_url}/reviews/{reviews[-1]}/")
        assert page.get_by_role("heading", level=1).inner_text().startswith("Since the last session")
        page.emulate_media(media="print")
        assert not page.locator("header.site nav").is_visible()
        assert page.locator("svg[role=img]").first.is_visible()
        pages = _pdf_pages(page.pdf(format="A4", print_background=True))
    finally:
        page.close()
    assert 1 <= pages <= 2, f"the latest review prints on {pages} A4 pages"


def test_the_sample_journal_s_share_for_maggie_unlocks_and_shows_the_chosen_pages_only(chromium, tmp_path):
    journal = tmp_path / "journal"
    shutil.copytree(REPO / "content", journal / "content")
    shutil.copy(REPO / "journal.yaml", journal / "journal.yaml")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAIRN_")}
    result = run_cairn("--journal", journal, "share", "maggie", env={**env, "CAIRN_SHARE_PASSPHRASE": PASSPHRASE})
    assert result.returncode == 0, result.stderr
    with serve(journal / "shares" / "maggie") as url:
        context = chromium.new_context(service_workers="block")
        page = context.new_page()
        try:
            page.goto(url + "/")
            _unlock(page, PASSPHRASE)
            page.wait_for_selector(LOCK, timeout=20_000)
            assert page.title().startswith("For my sessions with Maggie")
            menu = page.get_by_role("navigation", name="Journal").get_by_role("link").all_inner_texts()
            assert menu == ["Home", "Progress", "Wins", "Reviews"]
            page.get_by_role("navigation", name="Journal").get_by_role("link", name="Progress").click()
            page.wait_for_selector(LOCK, timeout=20_000)
            main = page.inner_text("main")
            assert "Started sertraline" not in main  # 28 July, before the share's span
            assert "First therapy session" in main
            page.get_by_role("navigation", name="Journal").get_by_role("link", name="Wins").click()
            page.wait_for_selector(LOCK, timeout=20_000)
            wins = page.inner_text("main")
            assert "Walked up the hill behind the reservoir with Priya" in wins
            assert "Held a sparkler" not in wins  # 7 November is tagged family: exclude_tags
        finally:
            context.close()
