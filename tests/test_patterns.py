"""Bounce-back, what helped, tags and mood, emotions: small journals checked by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model import Config
from generator.progress import patterns
from tests.journal_entries import date, entry, ten_days

CONFIG = Config()


def test_bounce_back_counts_each_dip_once_from_its_first_low_day():
    result = patterns.bounce_back(ten_days(), CONFIG)
    assert result.low_days == 3  # the 3rd (1.5), 6th (1) and 9th (2)
    first, second = result.dips
    # The 3rd: the median before it is 3.5 (3 and 4); the 7th (4) is the first back there.
    assert (first.low_day, first.baseline, first.back_on, first.days) == (
        date("2026-03-03"),
        3.5,
        date("2026-03-07"),
        4,
    )
    # The 6th is inside that dip. The 9th: median of 3, 4, 1.5, 3, 1, 4, 4 is 3; the 10th (5).
    assert (second.low_day, second.baseline, second.back_on, second.days) == (
        date("2026-03-09"),
        3,
        date("2026-03-10"),
        1,
    )
    (quarter,) = result.quarters
    assert (quarter.label, quarter.dips, quarter.back, quarter.median_days) == ("2026 Q1", 2, 2, 2.5)


def test_what_helped_on_low_days_is_counted_once_per_day():
    result = patterns.bounce_back(ten_days(), CONFIG)
    assert result.coping == (("walk", 2), ("breathing", 1), ("called Sam", 1))


def test_a_dip_still_in_progress_has_no_length():
    entries = [entry("2026-06-20", 4), entry("2026-06-29", 2), entry("2026-07-01", 1), entry("2026-07-02", 3)]
    result = patterns.bounce_back(entries, CONFIG)
    (dip,) = result.dips
    assert (dip.low_day, dip.baseline, dip.back_on, dip.days) == (date("2026-06-29"), 4, None, None)
    assert [(q.label, q.dips, q.back, q.median_days) for q in result.quarters] == [("2026 Q2", 1, 0, None)]


def test_one_entry_back_at_the_baseline_ends_a_dip_even_on_a_mixed_day():
    entries = [
        entry("2026-01-01", 3),
        entry("2026-01-02", 1),
        entry("2026-01-05", 1),
        entry("2026-01-05", 3, slug="-b"),
    ]
    (dip,) = patterns.bounce_back(entries, CONFIG).dips
    assert dip.days == 3


def test_dips_are_grouped_by_quarter_of_their_low_day():
    entries = [
        entry("2026-03-01", 4),
        entry("2026-03-30", 1),
        entry("2026-04-02", 4),  # back after 3 days
        entry("2026-07-01", 2),  # the 90 days before it hold only 2 April (4)
        entry("2026-07-02", 3),
        entry("2026-07-06", 5),  # back after 5 days
    ]
    result = patterns.bounce_back(entries, CONFIG)
    assert [(q.label, q.median_days) for q in result.quarters] == [("2026 Q1", 3), ("2026 Q3", 5)]


def test_a_low_day_with_no_mood_in_the_90_days_before_is_not_a_dip():
    entries = [entry("2026-01-01", 4), entry("2026-04-02", 1), entry("2026-04-03", 4)]
    result = patterns.bounce_back(entries, CONFIG)
    assert (result.low_days, result.dips, result.quarters) == (1, (), ())


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


def test_bounce_back_stays_linear_on_a_long_hard_stretch():
    start = dt.date(1900, 1, 1)
    entries = [entry("1899-12-31", 5)] + [entry((start + dt.timedelta(days=i)).isoformat(), 1) for i in range(30_000)]
    result = patterns.bounce_back(entries, CONFIG)
    assert result.low_days == 30_000 and len(result.dips) == 1 and result.dips[0].back_on is None


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
