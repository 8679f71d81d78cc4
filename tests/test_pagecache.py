"""Pages whose inputs did not change are kept, and the site is the same as a full build."""

from __future__ import annotations

import shutil

import pytest

from generator import render, workers
from generator.build import build
from tests.conftest import snapshot, write_files
from tests.golden import FIXTURE


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
