"""What `serve` keeps between saves besides the entries: charts by what they are drawn
from, and each entry's words for search. Kept or not, its pages are a build's pages."""

from __future__ import annotations

import functools
import json
import shutil

import pytest

from generator.build import build
from generator.progress import charts
from generator.serve.live import Preview
from tests.golden import FIXTURE

ENTRY = "content/2026/05/2026-05-03.md"
SUMMARY_PAGES = ("progress/index.html", "2026/05/index.html", "2026/index.html", "static/search-index.js")


@pytest.fixture
def preview(tmp_path):
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    shown = Preview(journal)
    assert not shown.rebuild().errors
    for page in SUMMARY_PAGES:
        shown.site.get(page)  # drawn, as a browser asks for them
    return shown


@pytest.fixture
def drawn_charts(monkeypatch):
    """The names of the chart functions that drew a chart, from now on."""
    names: list[str] = []
    real = charts.LaterChart.__init__

    def counting(self, make, args, kwargs):
        @functools.wraps(make)
        def counted(*a, **k):
            names.append(make.__qualname__)
            return make(*a, **k)

        real(self, counted, args, kwargs)

    monkeypatch.setattr(charts.LaterChart, "__init__", counting)
    return names


def edit(preview: Preview, old: str, new: str) -> None:
    path = preview.journal / ENTRY
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    assert not preview.rebuild().errors


def as_built(preview: Preview, tmp_path) -> dict[str, bytes]:
    out = tmp_path / "built"
    fresh = shutil.copytree(preview.journal, tmp_path / "fresh", ignore=shutil.ignore_patterns(".cairn"))
    build(fresh, out)
    return {page: (out / page).read_bytes() for page in SUMMARY_PAGES}


def test_after_an_edit_of_words_alone_no_chart_is_drawn_again(preview, drawn_charts, tmp_path):
    edit(preview, "A good day.", "A good, long day.")
    served = {page: preview.site.get(page) for page in SUMMARY_PAGES}
    assert drawn_charts == []
    assert served == as_built(preview, tmp_path)


def test_after_a_mood_changed_its_charts_are_drawn_again(preview, drawn_charts, tmp_path):
    edit(preview, "mood: 5", "mood: 1")
    served = {page: preview.site.get(page) for page in SUMMARY_PAGES}
    assert "mood_trend_chart" in drawn_charts
    assert served == as_built(preview, tmp_path)


def test_the_search_index_has_the_new_words(preview, tmp_path):
    edit(preview, "A good day.", "A day of herons.")
    index = preview.site.get("static/search-index.js")
    assert index is not None
    records = json.loads(index.decode().split(" = ", 1)[1].rstrip(";\n"))
    record = next(record for record in records["entries"] if record["u"] == "2026/05/03/")
    assert record["b"] == "A day of herons. I noticed it while it was happening."
