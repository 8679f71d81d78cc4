"""On the first day, numbers describe what there is: windows start at the first entry,
routines never kept are left out, then and now waits, and count words agree."""

from __future__ import annotations

import html
import re

import pytest

from generator.build import prepare
from tests.one_entry import write_one_entry_journal


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = write_one_entry_journal(tmp_path_factory.mktemp("first-day"))
    return {name: _text(data) for name, data in prepare(folder).files.items() if name.endswith(".html")}


def _text(data: bytes) -> str:
    """What a reader sees: the page without tags, scripts or repeated spaces."""
    page = re.sub(r"<(script|title|desc)\b.*?</\1>", " ", data.decode(), flags=re.DOTALL)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_a_routine_kept_on_the_first_day_reads_1_of_1_day_so_far(pages: dict[str, str]):
    progress = pages["progress/index.html"]
    assert "Went for a walk 1 of 1 day so far" in progress
    assert "of the last 14" not in progress and "Last 14 days" not in progress


def test_a_routine_never_kept_is_left_out(pages: dict[str, str]):
    assert "Took medication" not in pages["progress/index.html"]


def test_then_and_now_waits_for_14_days(pages: dict[str, str]):
    progress = pages["progress/index.html"]
    assert "Then and now begins once the journal covers 14 days; so far it covers 1 day." in progress
    assert "Share of low days" not in progress and "Wins per week" not in progress


def test_count_words_agree_with_their_numbers(pages: dict[str, str]):
    every_page = " ".join(pages.values())
    for wrong in re.findall(r"\b1 (?:days|entries|wins|feelings|times)\b|\bAll 0\b", every_page):
        pytest.fail(f"found {wrong!r}")
    assert "1 entry on 1 day." in pages["tags/start/index.html"]
    assert "1 day written, 1 small win noted" in pages["index.html"]


def test_look_backs_and_lists_show_the_persons_first_win(pages: dict[str, str]):
    for name in ("index.html", "timeline/index.html", "on-this-day/12-01/index.html", "2026/12/index.html"):
        assert "Wrote this down" in pages[name], name


def test_the_home_page_heading_is_not_the_site_title_again(pages: dict[str, str]):
    home = pages["index.html"]
    assert home.count("First steps") == 2  # the header and the footer, not a heading
    assert " Home " in home


def test_the_feelings_page_groups_pleasant_before_unpleasant(pages: dict[str, str]):
    feelings = pages["emotions/index.html"]
    assert feelings.index("Pleasant feelings") < feelings.index("hopeful") < feelings.index("Unpleasant feelings")
    assert feelings.index("Unpleasant feelings") < feelings.index("tired")


def test_the_first_month_is_not_called_the_best_nor_a_week_the_last_year(pages: dict[str, str]):
    progress = pages["progress/index.html"]
    assert "Only one month so far" in progress and "100% of days" not in progress
    assert "Each week so far" in progress and "over the last year" not in progress
