"""Entry summaries in lists are drawn once and kept between builds (generator/summaries.py):
every change a summary shows still reaches every list, at every depth."""

from __future__ import annotations

import shutil

import jinja2
import pytest
from jinja2 import nodes

from generator import summaries, workers
from generator.build import build
from generator.render import builtin_theme
from tests.conftest import snapshot, write_files
from tests.golden import FIXTURE
from tests.test_pagecache import full_build

ENTRY = "content/2026/05/2026-05-03.md"


@pytest.fixture
def fixture_copy(tmp_path):
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    build(journal, journal / "site")
    return journal


def test_the_built_in_summary_reads_of_an_entry_only_what_its_summary_is_known_by():
    """A field the partial shows but the key leaves out would leave an old summary in place."""
    source = (builtin_theme() / summaries.PARTIAL).read_text(encoding="utf-8")
    tree = jinja2.Environment().parse(source)
    read = {
        node.attr
        for node in tree.find_all(nodes.Getattr)
        if isinstance(node.node, nodes.Name) and node.node.name == "entry"
    }
    filtered = {
        node.name
        for node in tree.find_all(nodes.Filter)
        if isinstance(node.node, nodes.Name) and node.node.name == "entry"
    }
    assert read <= set(summaries.READS)
    assert filtered == {"first_words"}  # reads wins, resurface and html: in the key too
    names = {node.name for node in tree.find_all(nodes.Name) if node.ctx == "load"}
    assert names <= {"entry", "thumbs", "shown", "words", "url", "config", "none"}


WINS = "wins: [Walked the long way round, Cooked a real meal]\n"


@pytest.mark.parametrize(
    "edits, shown",
    [
        ({"mood: 5": "mood: 5\ntitle: The long way round"}, "The long way round"),
        ({"mood: 5": "mood: 2"}, "mood mood-2"),
        ({WINS: "wins: [Slept well]\n"}, "Slept well"),
        ({WINS: "", "A good day. I noticed": "A slow day. I noticed"}, "A slow day."),
    ],
    ids=["title", "mood", "wins", "words"],
)
def test_a_change_an_entrys_summary_shows_reaches_every_list(fixture_copy, tmp_path, edits, shown):
    entry = fixture_copy / ENTRY
    text = entry.read_text()
    for old, new in edits.items():
        assert old in text
        text = text.replace(old, new)
    entry.write_text(text)
    build(fixture_copy, fixture_copy / "site")
    site = snapshot(fixture_copy / "site")
    assert site == full_build(fixture_copy, tmp_path)
    for page in ("timeline/index.html", "tags/walk/index.html", "2026/05/index.html"):
        assert shown in site[page].decode()


def test_a_summary_links_from_the_page_it_is_on(fixture_copy):
    site = snapshot(fixture_copy / "site")
    link = 'class="title" href="{}2026/05/03/index.html"'
    assert link.format("../") in site["timeline/index.html"].decode()
    assert link.format("../../") in site["tags/walk/index.html"].decode()
    assert link.format("../../") in site["2026/05/index.html"].decode()
    assert "<cairn-root>" not in "".join(data.decode(errors="replace") for data in site.values())


def test_a_title_spelled_like_the_mark_is_shown_as_written(fixture_copy):
    entry = fixture_copy / ENTRY
    entry.write_text(entry.read_text().replace("mood: 5", "mood: 5\ntitle: '<cairn-root>'"))
    build(fixture_copy, fixture_copy / "site")
    timeline = (fixture_copy / "site/timeline/index.html").read_text()
    assert '">&lt;cairn-root&gt;</a>' in timeline


def test_after_one_edit_only_that_entrys_summary_is_drawn_again(tmp_path, monkeypatch):
    """The first build draws its summaries in worker processes; they come back and are kept."""
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    monkeypatch.setattr(workers, "cores", lambda: 2)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    build(journal, journal / "site")
    monkeypatch.setattr(workers, "PARALLEL_FROM", 10**9)  # the rebuild draws here, where it can be watched
    drawn: list[str] = []
    real = summaries.Summaries.draw

    def watched(self, template, entry, shown):
        key = summaries.summary_key(self.salt, entry, shown, self._known.get(id(entry)))
        if key not in self.known and (self.memory is None or self.memory.get(key) is None):
            drawn.append(entry.title)
        return real(self, template, entry, shown)

    monkeypatch.setattr(summaries.Summaries, "draw", watched)
    entry = journal / ENTRY
    entry.write_text(entry.read_text().replace("mood: 5", "mood: 5\ntitle: Edited"))
    build(journal, journal / "site")
    assert set(drawn) == {"Edited"}


def test_a_journals_own_summary_partial_sees_the_page_and_is_drawn_each_time(fixture_copy, tmp_path):
    write_files(
        fixture_copy,
        {
            "templates/partials/entry_summary.html": "<p class=own>{{ entry.title }} {{ entry.tags | join(',') }} on {{ page_url }}</p>\n"
        },
    )
    build(fixture_copy, fixture_copy / "site")
    entry = fixture_copy / ENTRY
    entry.write_text(entry.read_text().replace("tags: [walk, <script>]", "tags: [walk, sea]"))
    build(fixture_copy, fixture_copy / "site")
    site = snapshot(fixture_copy / "site")
    assert site == full_build(fixture_copy, tmp_path)
    assert "<p class=own>Sunday 3 May 2026 walk,sea on timeline/</p>" in site["timeline/index.html"].decode()
    assert "walk,sea on tags/walk/</p>" in site["tags/walk/index.html"].decode()
