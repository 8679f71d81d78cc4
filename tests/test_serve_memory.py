"""What `serve` keeps between saves besides the entries: charts by what they are drawn
from, and each entry's words for search. Kept or not, its pages are a build's pages."""

from __future__ import annotations

import functools
import json
import shutil

import pytest

from generator.build import build
from generator.progress import charts, facts
from generator.serve import Server
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


def test_once_a_save_is_served_the_next_quick_step_works_out_nothing_the_pages_share(preview, monkeypatch):
    """Every entry's page shows entries from a month, six months and a year before: a
    lookup of the whole journal by date, made after each re-plan is served (Preview.settle),
    not in the quick step of the next save, where it took 90 ms at 100,000 entries."""
    server = Server(preview, 0, lambda outcome: None)
    try:
        path = preview.journal / ENTRY
        path.write_text(path.read_text().replace("A good day.", "A good, long day."))
        server.apply({path})  # the quick step, then the re-plan, served
        made: list[int] = []
        real = facts.look_back
        monkeypatch.setattr(facts, "look_back", lambda entries: made.append(len(entries)) or real(entries))
        path.write_text(path.read_text().replace("A good, long day.", "A good, long, quiet day."))
        outcome = preview.quick([path])
    finally:
        server.httpd.server_close()
    assert outcome is not None and outcome.changed == ("2026/05/03/index.html",)
    assert made == []
    page = preview.site.get("2026/05/03/index.html")
    assert page is not None and b"A good, long, quiet day." in page and b"1 month ago" in page
