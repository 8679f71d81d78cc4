"""Pages whose inputs did not change are kept, and the site is the same as a full build."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
import sys

import pytest
from markupsafe import Markup

from generator import kept_pages, render, workers
from generator.build import build
from generator.fingerprints import Fingerprints
from generator.model import Page
from generator.progress import calendars
from generator.shown import SHOW_GLIMPSES, SHOW_NO_WORDS
from tests.conftest import snapshot, write_files
from tests.golden import FIXTURE
from tests.journal_entries import entry


@pytest.fixture
def fixture_copy(tmp_path):
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    build(journal, journal / "site")
    return journal


@pytest.fixture
def drawn(monkeypatch):
    """The pages drawn by the next build."""
    pages: list[str] = []
    monkeypatch.setattr(workers, "PARALLEL_FROM", 10**9)  # drawn here, so counted here, not in worker processes
    real = render.render_page

    def counting(env, page):
        pages.append(page.output)
        return real(env, page)

    monkeypatch.setattr(render, "render_page", counting)
    return pages


def full_build(journal, tmp_path) -> dict[str, bytes]:
    out = tmp_path / "full"
    fresh = tmp_path / "fresh-journal"
    shutil.copytree(journal, fresh, ignore=shutil.ignore_patterns(".cairn", "site"))
    build(fresh, out)
    return snapshot(out)


def test_editing_an_entrys_words_draws_only_the_pages_that_show_them(fixture_copy, drawn, tmp_path):
    entry = fixture_copy / "content/2026/05/2026-05-03.md"
    entry.write_text(entry.read_text().replace("A good day.", "A very good day."))
    build(fixture_copy, fixture_copy / "site")
    # Its own page, and the pages that carry its whole entry (with the HTML of its body).
    assert "2026/05/03/index.html" in drawn
    assert "2026/04/28/index.html" not in drawn
    assert len(drawn) < 40
    assert snapshot(fixture_copy / "site") == full_build(fixture_copy, tmp_path)


def test_a_new_mood_redraws_every_page_that_counts_it(fixture_copy, drawn, tmp_path):
    entry = fixture_copy / "content/2026/05/2026-05-03.md"
    entry.write_text(entry.read_text().replace("mood: 5", "mood: 4"))
    build(fixture_copy, fixture_copy / "site")
    assert {"progress/index.html", "2026/05/index.html", "index.html"} <= set(drawn)
    assert snapshot(fixture_copy / "site") == full_build(fixture_copy, tmp_path)


def test_a_template_change_draws_every_page(fixture_copy, drawn):
    write_files(
        fixture_copy,
        {"templates/partials/entry_summary.html": '<a href="{{ url(entry.url) }}">{{ entry.title }}</a>\n'},
    )
    report = build(fixture_copy, fixture_copy / "site")
    assert len(drawn) == report.pages


def test_a_page_changed_by_hand_in_the_site_is_drawn_again(fixture_copy, drawn):
    page = fixture_copy / "site/tags/walk/index.html"
    page.write_text("scribbled")
    write_files(
        fixture_copy,
        {"content/2026/05/2026-05-03.md": (fixture_copy / "content/2026/05/2026-05-03.md").read_text() + "\nMore.\n"},
    )
    build(fixture_copy, fixture_copy / "site")
    assert "tags/walk/index.html" in drawn
    assert "scribbled" not in page.read_text()


def test_a_chart_is_drawn_only_for_a_page_that_is_drawn(fixture_copy, drawn, monkeypatch, tmp_path):
    charts_drawn: list[str] = []  # the years whose pixels were drawn
    real = calendars.draw_svg

    def counting(prefix, *args, **kwargs):
        if prefix.startswith("pixels-") and not prefix.endswith("-narrow"):
            charts_drawn.append(prefix.removeprefix("pixels-"))
        return real(prefix, *args, **kwargs)

    monkeypatch.setattr(calendars, "draw_svg", counting)
    entry = fixture_copy / "content/2025/11/2025-11-20.md"
    entry.write_text(entry.read_text() + "\nA line added later.\n")
    build(fixture_copy, fixture_copy / "site")
    # Its words are on no chart, and its year's page, which counts it, shows no words: the
    # year pages and the progress page (every year's pixels) are kept, charts and all.
    assert {"progress/index.html", "2025/index.html", "2026/index.html"}.isdisjoint(drawn)
    assert "2025/11/20/index.html" in drawn
    assert charts_drawn == []
    charts_drawn.clear()
    entry.write_text(entry.read_text().replace("mood: 2", "mood: 4"))
    build(fixture_copy, fixture_copy / "site")
    assert sorted(charts_drawn) == ["2025", "2025", "2026"]  # its year, and each year on the progress page
    assert snapshot(fixture_copy / "site") == full_build(fixture_copy, tmp_path)


def test_fingerprints_are_the_same_in_every_process(fixture_copy):
    """A page's fingerprint never depends on the order of a set (which changes with each
    process's hash seed): were it so, every build would draw every page again."""
    script = "import json, sys; from pathlib import Path; from generator.build import prepare; p = prepare(Path(sys.argv[1])).prints; print(json.dumps([p.fingerprints, p.planned_from.shape]))"
    runs = [
        subprocess.run(
            [sys.executable, "-c", script, str(fixture_copy)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1]
    assert len(json.loads(runs[0])[0]) > 50


def test_a_first_build_that_draws_its_pages_in_workers_leaves_fingerprints_a_rebuild_agrees_with(
    tmp_path, monkeypatch, drawn
):
    """A first build fingerprints each page in the worker process that draws it; a new mood
    makes the next build work out every page's fingerprint again, in this process. Were
    they not the same, it would draw every page again."""
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)  # the first build's pages go to worker processes
    first = build(journal, journal / "site")
    assert drawn == []  # drawn in the workers, where the counting render_page does not see them
    monkeypatch.setattr(workers, "PARALLEL_FROM", 10**9)
    entry = journal / "content/2026/05/2026-05-03.md"
    entry.write_text(entry.read_text().replace("mood: 5", "mood: 4"))
    build(journal, journal / "site")
    assert {"2026/05/03/index.html", "progress/index.html"} <= set(drawn)
    assert "2026/04/04/index.html" not in drawn and len(drawn) < first.pages / 2
    assert snapshot(journal / "site") == full_build(journal, tmp_path)


def test_an_encrypted_build_works_out_no_fingerprints(fixture_copy, monkeypatch):
    """Its pages are never kept from one build to the next (kept_pages.save_prints)."""
    monkeypatch.setattr(workers, "PARALLEL_FROM", 10**9)
    printed: list[str] = []
    real = Fingerprints.of

    def counting(self, page):
        printed.append(page.output)
        return real(self, page)

    monkeypatch.setattr(Fingerprints, "of", counting)
    sealed = fixture_copy / "sealed"
    build(fixture_copy, sealed, passphrase="correct horse battery staple")
    assert (sealed / "index.html").is_file() and printed == []
    build(fixture_copy, fixture_copy / "site")  # a plain one does, for the next build
    assert printed


@dataclasses.dataclass(frozen=True)
class _Nothing:
    pass


@dataclasses.dataclass(frozen=True)
class _One:
    value: object


@dataclasses.dataclass(frozen=True)
class _Two:
    first: object
    second: object


def _print(context) -> str:
    return Fingerprints("salt").of(Page("x/", "x.html", context))


def test_a_fingerprint_tells_apart_every_change_a_page_could_show():
    monday, tuesday = entry("2026-11-23", 3), entry("2026-11-24", 4)
    contexts = [
        {"entries": [monday, tuesday]},
        {"entries": [tuesday, monday]},  # the order is shown
        {"entries": [monday, dataclasses.replace(tuesday, html="<p>Changed.</p>")]},
        {"entries": [monday]},
        {"entries": (monday,)},  # a tuple and a list draw alike, and print alike
        {"entries": [monday, "tuesday"]},
        {"one": _One(1)},
        {"one": _One("1")},
        {"one": _One(Markup("1"))},  # Markup is drawn as it is, text escaped
        {"one": _One((1, "a"))},
        {"one": _Two(1, None)},
        {"one": _Nothing()},
        {"days": [(dt.date(2026, 11, 23), 3.0), (dt.date(2026, 11, 24), None)]},
        {"days": [(dt.date(2026, 11, 23), 3.0), (dt.date(2026, 11, 24), 4.0)]},
        {"days": [(dt.date(2026, 11, 23), 3), (dt.date(2026, 11, 24), None)]},
    ]
    prints = [_print(context) for context in contexts]
    assert prints[3] == prints[4]
    del prints[4]
    assert len(set(prints)) == len(prints)
    assert _print({"one": _Two(monday, [tuesday])}) == _print({"one": _Two(monday, [tuesday])})


@pytest.fixture
def worked_out(monkeypatch):
    """The pages whose contexts the next build works out and fingerprints."""
    pages: list[str] = []
    real = kept_pages.fingerprints_of

    def counting(todo, drawn_by, known):
        pages.extend(page.output for page in todo)
        return real(todo, drawn_by, known)

    monkeypatch.setattr(kept_pages, "fingerprints_of", counting)
    return pages


def test_an_edit_to_an_entrys_words_works_out_only_the_pages_that_show_it(fixture_copy, worked_out, tmp_path):
    report = build(fixture_copy, fixture_copy / "site")  # nothing changed: nothing to work out
    assert worked_out == [] and report.written == 0
    entry = fixture_copy / "content/2026/05/2026-05-03.md"
    entry.write_text(entry.read_text() + "\nA line added later.\n")
    build(fixture_copy, fixture_copy / "site")
    # Its page and its neighbours', the reviews (they quote words); not the rest, nor the
    # pages that hold it but show no words (shown.SHOW_NO_WORDS), nor the lists that show
    # only its glimpse, its first win, which did not change (shown.SHOW_GLIMPSES).
    assert {"2026/05/03/index.html", "2026/05/01/evening/index.html"} <= set(worked_out)
    assert {"2026/04/04/index.html", "2025/11/index.html", "wins/index.html"}.isdisjoint(worked_out)
    assert {"tags/index.html", "search/index.html", "2026/index.html"}.isdisjoint(worked_out)
    assert {"2026/05/index.html", "timeline/index.html", "tags/walk/index.html", "index.html"}.isdisjoint(worked_out)
    assert len(worked_out) < report.pages / 2
    assert snapshot(fixture_copy / "site") == full_build(fixture_copy, tmp_path)


def test_an_edit_to_an_entrys_first_sentence_works_out_the_lists_that_show_it(fixture_copy, worked_out, tmp_path):
    entry = fixture_copy / "content/2026/04/2026-04-30.md"  # no wins: its first sentence is its glimpse
    entry.write_text(entry.read_text().replace("with no front matter at all", "Quieter than I thought"))
    build(fixture_copy, fixture_copy / "site")
    assert {"2026/04/index.html", "timeline/index.html", "2026/04/30/index.html"} <= set(worked_out)
    assert b"Quieter than I thought" in (fixture_copy / "site/timeline/index.html").read_bytes()
    assert snapshot(fixture_copy / "site") == full_build(fixture_copy, tmp_path)


@pytest.mark.parametrize(
    "change",
    [
        (
            "content/2026/05/2026-05-03.md",
            "A good day.",
            "A good day, a link to [the first](../../2025/11/2025-11-02.md).",
        ),
        ("content/2026/05/2026-05-03.md", "A good day.", "A good day.\n\n![The park again](park.png)"),
        ("content/2026/05/2026-05-03.md", "mood: 5", "mood: 5\ntitle: A new title"),
        ("content/2026/05/2026-05-03.md", "wins: [Walked", "wins: [Rested, Walked"),
        ("content/2026/05/2026-05-01.md", "Later I read", "Later I did not read"),
        ("content/2026/05/2026-05-03.md", None, None),  # deleted
        ("content/2026/05/2026-05-05.md", None, "---\nmood: 2\n---\nA new day.\n"),  # added
        ("plan.md", None, "# My plan\n\n- Breathe.\n"),
        ("content/2026/05/2026-05-03.md", "wins: [Walked the long way round, ", "wins: ["),
        ("content/2026/04/2026-04-30.md", "with no front matter at all", "with nothing above it"),
        ("content/2026/04/2026-04-30.md", " Just a line.", "\n\n- Just a line."),
    ],
    ids=[
        *("a link", "a photo", "a title", "a win", "words beside a link", "deleted", "added", "a plan"),
        *("the first win", "the first sentence", "words after it"),
    ],
)
def test_after_any_edit_the_site_is_the_one_a_full_build_makes(fixture_copy, change, tmp_path):
    """Each edit once on its own, then the same words again: a rebuild that works out
    only some pages leaves the same site as a build from nothing."""
    name, old, new = change
    path = fixture_copy / name
    if old is not None:
        path.write_text(path.read_text().replace(old, new))
    elif new is None:
        path.unlink()
    else:
        path.write_text(new)
    build(fixture_copy, fixture_copy / "site")
    assert snapshot(fixture_copy / "site") == full_build(fixture_copy, tmp_path)
    for neighbour in ("content/2026/05/2026-05-04.md", "content/2025/11/2025-11-20.md"):
        other = fixture_copy / neighbour
        other.write_text(other.read_text() + "\nAnd then some more words.\n")
    build(fixture_copy, fixture_copy / "site")
    shutil.rmtree(tmp_path / "full")
    shutil.rmtree(tmp_path / "fresh-journal")
    assert snapshot(fixture_copy / "site") == full_build(fixture_copy, tmp_path)


WORDLESS = {
    "tags/index.html": "tags.html",
    "emotions/index.html": "emotions.html",
    "on-this-day/index.html": "on_this_day_index.html",
    "search/index.html": "search.html",
    "2025/index.html": "year.html",
    "2026/index.html": "year.html",
}


def test_the_pages_said_to_show_no_words_are_the_same_whatever_the_words(fixture_copy, tmp_path):
    """What lets a rebuild skip them (shown.SHOW_NO_WORDS): every entry's words changed,
    and a build from nothing draws each of these pages byte for byte as before."""
    assert set(WORDLESS.values()) == set(SHOW_NO_WORDS)
    before = snapshot(fixture_copy / "site")
    for path in sorted((fixture_copy / "content").rglob("*.md")):
        front, mark, body = path.read_text().rpartition("---\n")  # no front matter: all body
        path.write_text(f"{front}{mark}Other words, *other* [links](https://example.org/).\n\n{body}")
    after = full_build(fixture_copy, tmp_path)
    assert b"Other words" in after["2026/05/03/index.html"] and b"Other words" in after["timeline/index.html"]
    for page in WORDLESS:
        assert after[page] == before[page], page


GLIMPSED = {
    "timeline/index.html": "timeline.html",
    "tags/walk/index.html": "tag.html",
    "emotions/tired/index.html": "emotion.html",
    "2026/05/01/index.html": "day.html",
    "on-this-day/05-03/index.html": "on_this_day.html",
    "2026/04/index.html": "month.html",
    "index.html": "home.html",
}


def test_the_lists_said_to_show_only_glimpses_are_the_same_whatever_the_words_after_them(fixture_copy, tmp_path):
    """What lets a rebuild skip them (shown.SHOW_GLIMPSES): every entry's words changed but
    its first win or first sentence, and a build from nothing draws each of these lists
    byte for byte as before."""
    assert set(GLIMPSED.values()) == set(SHOW_GLIMPSES)
    before = snapshot(fixture_copy / "site")
    for path in sorted((fixture_copy / "content").rglob("*.md")):
        text = path.read_text()
        path.write_text(f"{text}\n\n## Other words\n\nOther words, *other* [links](https://example.org/).\n")
    after = full_build(fixture_copy, tmp_path)
    assert b"Other words" in after["2026/05/03/index.html"] and b"Other words" in after["2026/04/30/index.html"]
    for page in GLIMPSED:
        assert after[page] == before[page], page


def test_a_journal_that_replaces_one_of_them_gets_those_pages_worked_out(fixture_copy, worked_out, tmp_path):
    write_files(
        fixture_copy,
        {
            "templates/partials/tag_moods.html": "<p>{{ tag_moods.tags[0].name }}</p>\n",
            "templates/emotions.html": (
                '{% extends "builtin/emotions.html" %}{% block main %}{{ super() }}'
                "{% for e in emotions %}<p>{{ e.entries[0].body }}</p>{% endfor %}{% endblock %}\n"
            ),
        },
    )
    build(fixture_copy, fixture_copy / "site")
    worked_out.clear()
    entry = fixture_copy / "content/2026/05/2026-05-03.md"
    entry.write_text(entry.read_text() + "\nA line added later.\n")
    build(fixture_copy, fixture_copy / "site")
    assert {"tags/index.html", "emotions/index.html"} <= set(worked_out)  # what they draw on is the journal's
    assert {"search/index.html", "2026/index.html"}.isdisjoint(worked_out)
    assert snapshot(fixture_copy / "site") == full_build(fixture_copy, tmp_path)


def test_which_entries_each_page_shows_is_written_only_when_it_changes(fixture_copy, worked_out, tmp_path):
    shown = fixture_copy / ".cairn" / kept_pages.SHOWN
    os.utime(shown, ns=(1, 1))
    entry = fixture_copy / "content/2026/05/2026-05-03.md"
    entry.write_text(entry.read_text() + "\nA line added later.\n")
    build(fixture_copy, fixture_copy / "site")
    assert worked_out and shown.stat().st_mtime_ns == 1  # words alone: the same entries on the same pages
    entry.write_text(entry.read_text().replace("tags: [walk, ", "tags: [walk, rain, "))
    build(fixture_copy, fixture_copy / "site")
    assert shown.stat().st_mtime_ns != 1
    assert "tags/rain/index.html" in json.loads(shown.read_text())["pages"]


@pytest.mark.parametrize("damage", ["", "{}", '{"drawn_by": "another", "shape": "plan", "pages": {}}'])
def test_what_pages_showed_is_not_trusted_from_another_plan(fixture_copy, worked_out, tmp_path, damage):
    (fixture_copy / ".cairn" / kept_pages.SHOWN).write_text(damage)
    entry = fixture_copy / "content/2026/05/2026-05-03.md"
    entry.write_text(entry.read_text() + "\nA line added later.\n")
    report = build(fixture_copy, fixture_copy / "site")
    assert len(worked_out) == report.pages  # every page worked out afresh
    assert report.written < 40  # and only the ones that changed written
    assert snapshot(fixture_copy / "site") == full_build(fixture_copy, tmp_path)


def test_a_journal_whose_templates_are_the_built_in_theme_replaces_none(fixture_copy, worked_out):
    """As Cairn's own sample journal is: its templates/ is the theme itself."""
    (fixture_copy / "templates").symlink_to(render.builtin_theme(), target_is_directory=True)
    build(fixture_copy, fixture_copy / "site")
    worked_out.clear()
    entry = fixture_copy / "content/2026/05/2026-05-03.md"
    entry.write_text(entry.read_text() + "\nA line added later.\n")
    build(fixture_copy, fixture_copy / "site")
    assert "2026/05/03/index.html" in worked_out
    assert {"tags/index.html", "emotions/index.html", "2026/index.html"}.isdisjoint(worked_out)


def test_a_journal_with_its_own_summary_gets_the_lists_worked_out(fixture_copy, worked_out, tmp_path):
    write_files(
        fixture_copy,
        {"templates/partials/entry_summary.html": '<a href="{{ url(entry.url) }}">{{ entry.body[-30:] }}</a>\n'},
    )
    build(fixture_copy, fixture_copy / "site")
    worked_out.clear()
    entry = fixture_copy / "content/2026/05/2026-05-03.md"
    entry.write_text(entry.read_text() + "\nA line added later.\n")
    build(fixture_copy, fixture_copy / "site")
    assert {"timeline/index.html", "2026/05/index.html", "tags/walk/index.html"} <= set(worked_out)
    assert b"A line added later." in (fixture_copy / "site/timeline/index.html").read_bytes()
    assert snapshot(fixture_copy / "site") == full_build(fixture_copy, tmp_path)
