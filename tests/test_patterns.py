"""Tags and mood, emotions: small journals checked by hand (hard stretches: test_stretches.py)."""

from __future__ import annotations

import pytest

from generator.model import Config
from generator.progress import patterns
from tests.journal_entries import date, entry, ten_days

CONFIG = Config()


def test_tags_used_on_five_days_are_set_beside_the_overall_mood():
    entries = [entry(f"2026-03-0{d}", d % 5 + 1, tags=("walk",) if d <= 5 else ("Friend",)) for d in range(1, 10)]
    entries.insert(5, entry("2026-03-05", None, tags=("Walk",), slug="-b"))  # a day walk already has
    result = patterns.tag_moods(entries)
    assert [(t.name, t.slug, t.days) for t in result.tags] == [("walk", "walk", 5)]  # friend: 4 days
    walk = result.get("walk")
    assert walk is not None and walk.mood_days == 5 and walk.mean_mood == pytest.approx((2 + 3 + 4 + 5 + 1) / 5)
    assert result.overall == pytest.approx(sum(d % 5 + 1 for d in range(1, 10)) / 9)
    assert result.get("friend") is None


def test_a_fifth_day_lists_the_tag():
    entries = [entry(f"2026-03-0{d}", 3, tags=("friend",)) for d in range(1, 6)]
    (friend,) = patterns.tag_moods(entries).tags
    assert (friend.name, friend.days, friend.mean_mood) == ("friend", 5, 3)


def test_tag_mood_days_without_a_mood():
    entries = [entry(f"2026-03-0{d}", tags=("rest",)) for d in range(1, 6)]
    result = patterns.tag_moods(entries)
    assert (result.overall, result.tags[0].mood_days, result.tags[0].mean_mood) == (None, 0, None)


def test_emotions_with_count_first_date_and_entries():
    named = patterns.emotions(ten_days())
    assert [(e.name, e.count, e.first) for e in named] == [
        ("tired", 2, date("2026-03-03")),
        ("hopeful", 1, date("2026-03-03")),
    ]
    assert [e.date for e in named[0].entries] == [date("2026-03-03"), date("2026-03-09")]


def test_an_emotion_named_twice_in_one_entry_counts_once():
    (calm,) = patterns.emotions([entry("2026-03-01", emotions=("calm", "Calm"))])
    assert calm.count == 1


def test_feelings_that_differ_only_by_accent_are_one_feeling_named_as_first_written():
    entries = [entry("2026-03-01", emotions=("Café",)), entry("2026-03-02", emotions=("cafe", "calm"))]
    named = patterns.emotions(entries)
    assert [(e.name, e.count, e.source) for e in named] == [
        ("Café", 2, "content/2026-03-01.md"),
        ("calm", 1, "content/2026-03-02.md"),
    ]


def test_check_passes_with_accented_and_plain_feelings(journal):
    from tests.conftest import run_cairn

    folder = journal(
        {
            "content/2026-03-01.md": "---\nemotions: [Café]\n---\n",
            "content/2026-03-02.md": "---\nemotions: [cafe]\n---\n",
        }
    )
    result = run_cairn("build", cwd=folder)
    assert (result.returncode, result.stderr) == (0, "")
    feelings = sorted(p.name for p in (folder / "site/emotions").iterdir() if p.is_dir())
    assert feelings == ["cafe"]


def test_the_progress_page_lists_the_15_tags_used_most_and_links_to_all_of_them(journal, tmp_path):
    """A ten-year journal has hundreds of tags: the progress page shows the ones used on most
    days (equal counts in the order of their names), the tags page every one of them."""
    import re

    from generator.build import build

    counts = {f"tag-{chr(97 + n)}": 5 + n for n in range(17)}  # tag-a on 5 days ... tag-q on 21
    counts["tag-b"] = 21  # as many days as tag-q: the two by name
    files = {}
    for day in range(1, 22):
        tags = [name for name, days in counts.items() if day <= days]
        files[f"content/2026/03/2026-03-{day:02d}.md"] = f"---\nmood: 3\ntags: [{', '.join(tags)}]\n---\nA day.\n"
    folder = journal(files)
    build(folder, tmp_path / "site")
    progress = (tmp_path / "site/progress/index.html").read_text(encoding="utf-8")
    section = progress[progress.index('<section id="tags"') :]
    listed = re.findall(r'<th scope="row"><a href="../tags/([^/]+)/index.html">', section)
    most_used = ["tag-b", "tag-q", "tag-p", "tag-o", "tag-n", "tag-m", "tag-l", "tag-k", "tag-j", "tag-i", "tag-h"]
    assert listed == [*most_used, "tag-g", "tag-f", "tag-e", "tag-d"]  # tag-c (7 days) and tag-a (5): not here
    assert "<caption>Mean mood on days with each of the 15 tags used on most days (overall 3.0)</caption>" in section
    assert '<p class="see-also"><a href="../tags/index.html">All 17 tags and their moods</a></p>' in section
    tags = (tmp_path / "site/tags/index.html").read_text(encoding="utf-8")
    assert "<caption>Mean mood on days with each tag (overall 3.0)</caption>" in tags
    every = re.findall(r'<th scope="row"><a href="../tags/([^/]+)/index.html">', tags)
    assert every == sorted(counts)
    assert "tags and their moods" not in tags
