"""routes: every page's URL and template; two pages writing one file is an error naming both."""

from __future__ import annotations

import datetime as dt
import re

from generator.index import assign_urls, build_journal
from generator.model import Config, Entry, Page
from generator.routes import find_collisions, plan
from tests.conftest import run_cairn, snapshot


def make(source: str, date: str, slug: str = "", tags=()) -> Entry:
    return Entry(source=source, date=dt.date.fromisoformat(date), title=source, slug=slug, tags=tuple(tags))


def planned(entries: list[Entry], config: Config | None = None) -> dict[str, Page]:
    config = config or Config()
    pages, errors = plan(build_journal(assign_urls(entries)), config)
    assert errors == []
    return {p.output: p for p in pages}


def test_the_pages_of_a_small_journal():
    pages = planned(
        [
            make("content/2025-12-31.md", "2025-12-31", tags=["walk"]),
            make("content/2026-01-02.md", "2026-01-02", tags=["Walk", "therapy"]),
            make("content/2026-02-03.md", "2026-02-03"),
        ]
    )
    expected = {
        "index.html": "home.html",
        "timeline/index.html": "timeline.html",
        "tags/index.html": "tags.html",
        "404.html": "404.html",
        "2025/12/31/index.html": "entry.html",
        "2026/01/02/index.html": "entry.html",
        "2026/02/03/index.html": "entry.html",
        "2025/index.html": "year.html",
        "2025/12/index.html": "month.html",
        "2026/index.html": "year.html",
        "2026/01/index.html": "month.html",
        "2026/02/index.html": "month.html",
        "tags/walk/index.html": "tag.html",
        "tags/therapy/index.html": "tag.html",
    }
    assert {output: pages[output].template for output in expected if output in pages} == expected
    # no day page when a day has a single entry, and no month page for an empty month
    assert "2026/01/index.html" in pages and "2026/03/index.html" not in pages
    assert not any(p.template == "day.html" for p in pages.values())


def test_entry_pages_know_their_neighbours():
    pages = planned(
        [make("content/a.md", "2026-01-01"), make("content/b.md", "2026-01-02"), make("content/c.md", "2026-01-03")]
    )
    context = pages["2026/01/02/index.html"].context
    assert (context["entry"].source, context["previous"].source, context["next"].source) == (
        "content/b.md",
        "content/a.md",
        "content/c.md",
    )
    assert pages["2026/01/01/index.html"].context["previous"] is None
    assert pages["2026/01/03/index.html"].context["next"] is None


def test_a_shared_day_has_a_day_page_and_an_entry_page_each():
    pages = planned(
        [
            make("content/2026-11-23-morning.md", "2026-11-23", "morning"),
            make("content/2026-11-23-evening.md", "2026-11-23", "evening"),
        ]
    )
    assert pages["2026/11/23/index.html"].template == "day.html"
    assert [e.source for e in pages["2026/11/23/index.html"].context["entries"]] == [
        "content/2026-11-23-evening.md",
        "content/2026-11-23-morning.md",
    ]
    assert pages["2026/11/23/morning/index.html"].template == "entry.html"
    assert pages["2026/11/23/evening/index.html"].template == "entry.html"


def test_the_home_page_shows_the_newest_entries_first():
    entries = [make(f"content/2026-01-{d:02d}.md", f"2026-01-{d:02d}") for d in range(1, 11)]
    home = planned(entries, Config(home_entries=3))["index.html"]
    assert [e.source for e in home.context["entries"]] == [
        "content/2026-01-10.md",
        "content/2026-01-09.md",
        "content/2026-01-08.md",
    ]


def test_page_output_files():
    assert Page("", "home.html", {}).output == "index.html"
    assert Page("2026/11/23/", "entry.html", {}).output == "2026/11/23/index.html"
    assert Page("404.html", "404.html", {}).output == "404.html"


def test_find_collisions_names_every_file_involved():
    pages = [
        Page("2026/11/23/walk/", "entry.html", {}, "content/a/2026-11-23-walk.md"),
        Page("2026/11/23/walk/", "entry.html", {}, "content/b/2026-11-23-walk.md"),
        Page("2026/11/22/", "entry.html", {}, "content/2026-11-22.md"),
    ]
    errors = find_collisions(pages)
    assert [(e.path, e.message) for e in errors] == [
        (
            "content/a/2026-11-23-walk.md",
            "would write the same page /2026/11/23/walk/index.html as content/b/2026-11-23-walk.md",
        ),
        (
            "content/b/2026-11-23-walk.md",
            "would write the same page /2026/11/23/walk/index.html as content/a/2026-11-23-walk.md",
        ),
    ]


def test_two_entries_that_would_write_one_page_fail_the_build_naming_both(journal):
    folder = journal(
        {
            "content/a/2026-11-23-walk.md": "---\ntitle: One walk\n---\n",
            "content/b/2026-11-23-walk.md": "---\ntitle: Another walk\n---\n",
        }
    )
    assert run_cairn("build", cwd=folder).returncode == 1
    assert not (folder / "site").exists()
    (folder / "content" / "b" / "2026-11-23-walk.md").rename(folder / "content" / "b" / "2026-11-23-run.md")
    assert run_cairn("build", cwd=folder).returncode == 0
    before = snapshot(folder / "site")
    (folder / "content" / "b" / "2026-11-23-run.md").rename(folder / "content" / "b" / "2026-11-23-walk.md")

    result = run_cairn("build", cwd=folder)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    same = "would write the same page /2026/11/23/walk/index.html as"
    assert re.fullmatch(rf"content/a/2026-11-23-walk\.md(:\d+)?: {same} content/b/2026-11-23-walk\.md", lines[0])
    assert re.fullmatch(rf"content/b/2026-11-23-walk\.md(:\d+)?: {same} content/a/2026-11-23-walk\.md", lines[1])
    assert lines[2] == "Nothing was written: 2 problems to fix first."
    assert snapshot(folder / "site") == before
