"""Long lines: a search result with many tags and a photo under a long title, which once
ran off a 390 px screen on a ten-year journal (each was kept on one line), and the table
of feelings by month, wider than the page, whose newest months were out of view."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from generator.build import build
from tests.browser import chromium  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

TAGS = [f"a-rather-long-tag-{n}" for n in range(12)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    journal = tmp_path_factory.mktemp("long-lines")
    folder = journal / "content" / "2026" / "03"
    folder.mkdir(parents=True)
    Image.new("RGB", (800, 600), (90, 120, 150)).save(folder / "park.jpg")
    (folder / "2026-03-01.md").write_text(
        "---\ntitle: A walk round the whole of the reservoir and back again by the long path\n"
        f"tags: [{', '.join(TAGS)}]\nmood: 3\n---\nA walk in the rain.\n\n![The park](park.jpg)\n",
        encoding="utf-8",
    )
    (folder / "2026-03-02.md").write_text("---\nmood: 3\nwins: [Rang Dan]\n---\nMorning.\n", encoding="utf-8")
    (folder / "2026-03-02-later.md").write_text("---\nmood: 4\n---\nLater.\n\n![Later](park.jpg)\n", encoding="utf-8")
    for month in range(1, 13):  # a year of feelings: twelve months of columns
        day = f"2025-{month:02d}-15"
        (journal / "content" / f"{day}.md").write_text(
            f"---\nemotions: [calm, tired]\nwins: [Made tea]\n---\nA day in {day}.\n"
        )
    build(journal, journal / "site")
    return journal / "site"


@contextmanager
def _opened(chromium: Any, site: Path, page_path: str, width: int = 390) -> Iterator[Any]:
    """One page of the site from file://, at a phone's width and dark unless told."""
    page = chromium.new_page(viewport={"width": width, "height": 900}, color_scheme="dark" if width < 500 else "light")
    try:
        page.goto((site / page_path).as_uri())
        yield page
    finally:
        page.close()


def test_a_search_result_with_many_tags_wraps_on_a_phone(chromium: Any, site: Path):
    with _opened(chromium, site, "search/index.html") as page:
        page.get_by_label("Words to find").fill("walk")
        page.locator("#search-results li").first.wait_for()
        assert "a-rather-long-tag-11" in page.inner_text("#search-results")
        assert page.evaluate("[document.documentElement.scrollWidth, innerWidth]") == [390, 390]


def test_a_photo_s_caption_wraps_under_it_and_names_the_day_once(chromium: Any, site: Path):
    with _opened(chromium, site, "photos/index.html") as page:
        captions = page.locator("ul.photo-grid .when").all_inner_texts()
        assert captions == [
            "Sunday 1 March 2026 · A walk round the whole of the reservoir and back again by the long path",
            "Monday 2 March 2026",  # an untitled entry, the day's second: its day, once
        ]
        assert page.evaluate("[document.documentElement.scrollWidth, innerWidth]") == [390, 390]
        widths = page.evaluate(
            "[...document.querySelectorAll('ul.photo-grid li')].map(li => [li.querySelector('.when').scrollWidth, li.clientWidth])"
        )
        assert all(caption <= item for caption, item in widths)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_feelings_table_opens_on_its_newest_month_beside_the_feelings(chromium: Any, site: Path, width: int):
    with _opened(chromium, site, "emotions/index.html", width) as page:
        box = page.locator(".table-scroll").bounding_box()
        assert page.evaluate(
            "(() => { const s = document.querySelector('.table-scroll'); return s.scrollWidth > s.clientWidth; })()"
        )
        months = page.locator("table.feelings thead th.num")  # the months, then "In all"
        assert months.nth(-2).inner_text() == "Mar"  # March 2026, the newest
        newest = months.nth(-2).bounding_box()
        feeling = page.locator("table.feelings thead th", has_text="Feeling").bounding_box()
        calm = page.get_by_role("link", name="calm").bounding_box()
        group = page.locator("table.feelings tr.group th span").first.bounding_box()
        assert box is not None and newest is not None and feeling is not None and calm is not None and group is not None
        right = box["x"] + box["width"]
        assert box["x"] <= newest["x"] and newest["x"] + newest["width"] <= right + 0.5
        for shown in (feeling, calm, group):  # the names stay at the left while the months scroll
            assert box["x"] <= shown["x"] < box["x"] + 40


@pytest.mark.parametrize(
    ("page_path", "target"), [("timeline/index.html", "year-2025"), ("wins/index.html", "wins-2025-12")]
)
def test_a_long_list_opens_with_a_way_to_each_year(chromium: Any, site: Path, page_path: str, target: str):
    """A ten-year timeline or list of wins is hundreds of screens on a phone: its years are
    linked at the top, each to its newest month."""
    with _opened(chromium, site, page_path) as page:
        years = page.get_by_role("navigation", name="Years")
        assert years.get_by_role("link").all_inner_texts() == ["2026", "2025"]
        years.get_by_role("link", name="2025").click()
        page.wait_for_function(f"() => location.hash === '#{target}'")
        page.wait_for_function(f"() => Math.abs(document.getElementById('{target}').getBoundingClientRect().top) < 2")


_THEN_AND_NOW = """() => {
    const table = document.querySelector('table.then-now');
    const box = r => { const b = r.getBoundingClientRect(); return [Math.round(b.left), Math.round(b.top)]; };
    return {
        sideways: table.parentElement.scrollWidth - table.parentElement.clientWidth,
        spans: [...table.querySelectorAll('thead th[scope=col]')].slice(1).map(th => [th.innerText.split('\\n')[0], box(th)]),
        rows: [...table.querySelectorAll('tbody tr')].map(tr => [
            tr.querySelector('th').innerText, box(tr.querySelector('th')), [...tr.querySelectorAll('td')].map(box)]),
    };
}"""


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_then_and_now_shows_its_three_spans_without_scrolling_sideways(chromium: Any, site: Path, width: int):
    """Now, six months and a year earlier once ran off a phone's screen: on a phone each
    measure is a line of its own with its figures under the spans' names; on a desktop
    the table is as it was, a measure and its figures on one row."""
    with _opened(chromium, site, "progress/index.html", width) as page:
        shown = page.evaluate(_THEN_AND_NOW)
    assert shown["sideways"] == 0
    assert [name for name, _ in shown["spans"]] == ["Now", "6 months earlier", "12 months earlier"]
    lefts = [left for _, (left, _) in shown["spans"]]
    names = [name for name, _, _ in shown["rows"]]
    assert names == ["Mean mood", "Share of low days", "Wins per week", "Days a routine was kept", "Days with an entry"]
    for _, (name_left, name_top), figures in shown["rows"]:
        assert [left for left, _ in figures] == lefts  # each figure under its span's name
        tops = {top for _, top in figures}
        assert len(tops) == 1
        if width < 640:
            assert tops.pop() > name_top and name_left == lefts[0]  # the name on a line above its figures
        else:
            assert tops.pop() == name_top and name_left < lefts[0]  # the name beside them
