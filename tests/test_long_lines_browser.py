"""Long lines on a phone: a search result with many tags, a photo under a long title.
Both once ran off a 390 px screen on a ten-year journal (each was kept on one line)."""

from __future__ import annotations

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
    (folder / "2026-03-02.md").write_text("---\nmood: 3\n---\nMorning.\n", encoding="utf-8")
    (folder / "2026-03-02-later.md").write_text("---\nmood: 4\n---\nLater.\n\n![Later](park.jpg)\n", encoding="utf-8")
    build(journal, journal / "site")
    return journal / "site"


def _phone(chromium: Any) -> Any:
    return chromium.new_page(viewport={"width": 390, "height": 844}, color_scheme="dark")


def test_a_search_result_with_many_tags_wraps_on_a_phone(chromium: Any, site: Path):
    page = _phone(chromium)
    try:
        page.goto((site / "search" / "index.html").as_uri())
        page.get_by_label("Words to find").fill("walk")
        page.locator("#search-results li").first.wait_for()
        assert "a-rather-long-tag-11" in page.inner_text("#search-results")
        assert page.evaluate("[document.documentElement.scrollWidth, innerWidth]") == [390, 390]
    finally:
        page.close()


def test_a_photo_s_caption_wraps_under_it_and_names_the_day_once(chromium: Any, site: Path):
    page = _phone(chromium)
    try:
        page.goto((site / "photos" / "index.html").as_uri())
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
    finally:
        page.close()
