"""index: entries sorted, given URLs, grouped by tag, year and month, with neighbours."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from generator.dates import long_date
from generator.index import assign_urls, build_journal, entry_url
from generator.model import Entry
from tests.journal_entries import entry as journal_entry


def make(source: str, date: str, *, slug: str = "", time: str | None = None, tags=()) -> Entry:
    return Entry(
        source=source,
        date=dt.date.fromisoformat(date),
        time=dt.time.fromisoformat(time) if time else None,
        title=source,
        slug=slug,
        tags=tuple(tags),
    )


def test_entry_url():
    assert entry_url(dt.date(2026, 1, 5), None) == "2026/01/05/"
    assert entry_url(dt.date(2026, 1, 5), "walk") == "2026/01/05/walk/"


def test_a_position_never_takes_a_name_another_entry_has():
    entries = assign_urls([make("c/2026-11-23.md", "2026-11-23"), make("c/2026-11-23-1.md", "2026-11-23", slug="1")])
    assert [e.url for e in entries] == ["2026/11/23/entry-1/", "2026/11/23/1/"]


def test_one_entry_a_day_lives_at_the_day():
    entries = assign_urls([make("c/b.md", "2026-11-23", slug="b"), make("c/a.md", "2026-11-22", slug="a")])
    assert [(e.source, e.url) for e in entries] == [("c/a.md", "2026/11/22/"), ("c/b.md", "2026/11/23/")]


def test_several_entries_on_a_day_are_ordered_by_time_then_file_and_named_by_slug():
    entries = assign_urls(
        [
            make("c/2026-11-23-evening.md", "2026-11-23", slug="evening", time="21:00"),
            make("c/2026-11-23-morning.md", "2026-11-23", slug="morning", time="08:00"),
            make("c/2026-11-23.md", "2026-11-23"),
            make("c/2026-11-23-lunch.md", "2026-11-23", slug="lunch"),
        ]
    )
    # no time sorts as midnight; then by file name, the bare date first
    assert [e.url for e in entries] == [
        "2026/11/23/1/",  # no slug: its place in the day
        "2026/11/23/lunch/",
        "2026/11/23/morning/",
        "2026/11/23/evening/",
    ]


def test_tags_group_entries_by_slug_keeping_the_first_spelling():
    entries = assign_urls(
        [
            make("c/1.md", "2026-01-01", tags=["Walk", "therapy"]),
            make("c/2.md", "2026-01-02", tags=["walk", "walk"]),
            make("c/3.md", "2026-01-03", tags=["Café"]),
            make("c/4.md", "2026-01-04", tags=["cafe", "<script>"]),
        ]
    )
    journal = build_journal(entries)
    assert [(t.name, t.slug, [e.source for e in t.entries]) for t in journal.tags] == [
        ("<script>", "script", ["c/4.md"]),
        ("Café", "cafe", ["c/3.md", "c/4.md"]),
        ("therapy", "therapy", ["c/1.md"]),
        ("Walk", "walk", ["c/1.md", "c/2.md"]),
    ]


def test_years_months_and_neighbours():
    entries = assign_urls(
        [
            make("c/a.md", "2025-12-31"),
            make("c/b.md", "2026-01-01"),
            make("c/c.md", "2026-01-15"),
            make("c/d.md", "2026-03-02"),
        ]
    )
    journal = build_journal(entries)
    assert {y: {m: [e.source for e in es] for m, es in ms.items()} for y, ms in journal.years.items()} == {
        2025: {12: ["c/a.md"]},
        2026: {1: ["c/b.md", "c/c.md"], 3: ["c/d.md"]},
    }
    assert list(journal.years) == [2025, 2026]
    assert {url: (p and p.source, n and n.source) for url, (p, n) in journal.neighbours.items()} == {
        "2025/12/31/": (None, "c/b.md"),
        "2026/01/01/": ("c/a.md", "c/c.md"),
        "2026/01/15/": ("c/b.md", "c/d.md"),
        "2026/03/02/": ("c/c.md", None),
    }
    assert journal.newest.source == "c/d.md"


def test_an_empty_journal():
    journal = build_journal(assign_urls([]))
    assert (journal.entries, journal.tags, journal.years, journal.neighbours, journal.newest) == ((), (), {}, {}, None)


def test_entries_without_titles_on_a_shared_day_are_told_apart_by_time_or_place():
    entries = assign_urls(
        [
            make("c/2026-11-23.md", "2026-11-23", time="08:00"),
            make("c/2026-11-23-2.md", "2026-11-23", slug="2", time="21:15"),
            make("c/2026-11-23-3.md", "2026-11-23", slug="3"),
            make("c/2026-11-24.md", "2026-11-24", time="09:00"),
        ]
    )
    titled = [replace(e, title="x", has_title=True) for e in entries]
    assert [e.title for e in assign_urls(titled)] == ["x", "x", "x", "x"]  # a title of one's own is kept
    assert [e.title for e in assign_urls([replace(e, title=long_date(e.date)) for e in entries])] == [
        "Monday 23 November 2026, entry 1",
        "Monday 23 November 2026 at 08:00",
        "Monday 23 November 2026 at 21:15",
        "Tuesday 24 November 2026",  # alone on its day: the date is enough
    ]


def test_a_built_timeline_never_shows_the_same_words_for_two_entries_of_a_day(journal):
    import re

    from tests.conftest import run_cairn

    folder = journal(
        {
            "content/2026-11-23.md": "---\ndate: 2026-11-23T08:00\nmood: 3\n---\nMorning.\n",
            "content/2026-11-23-2.md": "---\ndate: 2026-11-23T08:00\nmood: 4\n---\nSame minute.\n",
            "content/2026-11-23-evening.md": "---\ndate: 2026-11-23T21:15\ntitle: Evening\n---\nLater.\n",
        }
    )
    assert run_cairn("build", cwd=folder).returncode == 0
    timeline = (folder / "site/timeline/index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a class="title" href="[^"]*">([^<]*)</a>', timeline) == [
        "Evening",
        "Monday 23 November 2026, entry 2",
        "Monday 23 November 2026, entry 1",
    ]


def test_an_entry_remade_with_changes_is_the_one_replace_makes():
    made = journal_entry("2026-03-01", 3, wins=("Walked",), tags=("walk",))
    assert made.but(url="2026/03/01/", html="<p>x</p>") == replace(made, url="2026/03/01/", html="<p>x</p>")
    assert made.but(url="a/").url == "a/" and made.url == "2026-03-01/"  # the first stays as it was
    with pytest.raises(TypeError, match="an Entry has no field 'colour'"):
        made.but(colour="blue")
