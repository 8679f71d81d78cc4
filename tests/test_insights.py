"""The numbers behind progress and month pages, on journals small enough to check by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model import Config, Habit, Metric, MoodScale
from generator.progress.days import add_months, group_days, low_ceiling, year_in_pixels
from generator.progress.measures import tally
from generator.progress.months import month_summaries
from generator.progress.routines import routines
from generator.progress.then_and_now import then_and_now
from generator.progress.trends import metric_trends, mood_trend
from generator.progress.wins import win_counts
from tests.journal_entries import date, entry, ten_days

CONFIG = Config(
    habits=(Habit("walk", "Walk"), Habit("meds", "Meds")),
    metrics=(Metric("sleep", "Sleep", "h", 0, 12),),
)


def test_a_days_mood_is_the_mean_of_its_moods():
    days = group_days(ten_days())
    assert [d.date.day for d in days] == [1, 2, 3, 4, 6, 7, 8, 9, 10]
    assert days[2].mood == 1.5 and len(days[2].entries) == 2
    assert group_days([entry("2026-03-01"), entry("2026-03-01", 4, slug="-b")])[0].mood == 4


def test_rolling_means_over_calendar_days():
    trend = mood_trend(ten_days())
    assert trend.statistic == "mean" and (trend.short_days, trend.long_days) == (7, 30)
    assert [p.value for p in trend.points] == [3, 4, 1.5, 3, 1, 4, 4, 2, 5]
    # 7 days ending on the 8th are the 2nd to the 8th (no 5th): 4, 1.5, 3, 1, 4, 4 -> 17.5 / 6
    short = [3, 3.5, 8.5 / 3, 11.5 / 4, 12.5 / 5, 16.5 / 6, 17.5 / 6, 15.5 / 6, 19 / 6]
    assert [p.short for p in trend.points] == pytest.approx(short)
    assert [p.long for p in trend.points] == pytest.approx(
        [3, 3.5, 8.5 / 3, 11.5 / 4, 2.5, 2.75, 20.5 / 7, 22.5 / 8, 27.5 / 9]
    )


def test_the_short_window_forgets_days_older_than_a_week():
    trend = mood_trend([entry("2026-03-01", 1), entry("2026-03-08", 5)])
    assert [p.short for p in trend.points] == [1, 5]
    assert [p.long for p in trend.points] == [1, 3]


def test_one_trend_per_configured_metric_with_daily_means():
    entries = [
        entry("2026-03-01", metrics=(("sleep", 6.0),)),
        entry("2026-03-01", metrics=(("sleep", 8.0), ("energy", 2.0)), slug="-b"),
        entry("2026-03-02", metrics=(("sleep", 5.0),)),
    ]
    (sleep,) = metric_trends(entries, CONFIG)
    assert (sleep.name, sleep.label, sleep.unit) == ("sleep", "Sleep", "h")
    assert [(p.date.day, p.value, p.short) for p in sleep.points] == [(1, 7.0, 7.0), (2, 5.0, 6.0)]


def test_year_in_pixels_has_every_day_of_each_year_with_an_entry():
    entries = [entry("2024-02-29", 2), entry("2024-02-29", 4, slug="-b"), entry("2026-01-01", 5), entry("2026-06-01")]
    leap, year = year_in_pixels(entries)
    assert (leap.year, len(leap.days), year.year, len(year.days)) == (2024, 366, 2026, 365)
    assert leap.days[59] == (date("2024-02-29"), 3.0)
    assert year.days[0] == (date("2026-01-01"), 5) and year.days[151] == (date("2026-06-01"), None)
    assert sum(1 for _, mood in year.days if mood is not None) == 1


def test_wins_per_iso_week_and_month():
    wins = win_counts(ten_days())
    assert wins.total == 7
    assert [(w.key, w.count) for w in wins.weeks] == [("2026-W09", 1), ("2026-W10", 3), ("2026-W11", 3)]
    assert wins.weeks[1].start == date("2026-03-02") and wins.weeks[1].label == "week of 2 March 2026"
    assert [(m.key, m.label, m.count) for m in wins.months] == [("2026-03", "March 2026", 7)]


def routine_journal():
    kept = [1, 2, 5, 7, 8, 10, 11, 12, 14, 15, 18, 20]  # 9 of them on or after the 7th
    march = [entry(f"2026-03-{d:02d}", 3, habits=("walk",) if d in kept else ()) for d in range(1, 21)]
    march.append(entry("2026-03-20", 4, habits=("walk",), slug="-evening"))  # the same day, once
    february = [entry("2026-02-10", habits=("walk",)), entry("2026-02-20", habits=("walk",)), entry("2026-02-28")]
    return february + march


def test_routines_kept_in_the_last_14_days_and_by_month():
    (walk,) = routines(routine_journal(), CONFIG)  # meds, never kept, is left out
    assert (walk.habit.name, walk.recent, walk.window, walk.so_far) == ("walk", 9, 14, False)
    # February counts from the first entry (the 10th): 19 days; March up to the newest (the 20th).
    assert [(m.label, m.kept, m.days) for m in walk.months] == [("February 2026", 2, 19), ("March 2026", 12, 20)]
    assert walk.best is not None and walk.best.label == "March 2026" and walk.best.rate == 0.6
    # the strip of the last 14 days, 7 to 20 March
    assert walk.days == tuple(d in (7, 8, 10, 11, 12, 14, 15, 18, 20) for d in range(7, 21))


def test_routines_of_an_empty_journal():
    assert routines([], CONFIG) == ()


def test_on_the_first_day_a_routine_counts_that_day_so_far():
    (meds,) = routines([entry("2026-03-10", 3, habits=("meds",))], CONFIG)
    assert (meds.recent, meds.window, meds.so_far, meds.days) == (1, 1, True, (True,))
    (walk,) = routines([entry("2026-03-01", habits=("walk",)), entry("2026-03-05")], CONFIG)
    assert (walk.recent, walk.window, walk.so_far) == (1, 5, True)


def test_then_and_now_waits_for_14_days():
    assert then_and_now([entry("2026-03-01", 1), entry("2026-03-13", 2)], CONFIG) is None
    result = then_and_now([entry("2026-03-01", 1, wins=("a", "b")), entry("2026-03-14", 2)], CONFIG)
    assert result is not None
    # the span starts at the first entry: 14 days, not 30, so 2 wins are 1 a week
    assert (result.now.start, result.now.days, result.now.entry_days) == (date("2026-03-01"), 14, 2)
    assert result.now.wins_per_week == pytest.approx(1)


def test_then_and_now_compares_the_same_30_days_6_and_12_months_earlier():
    entries = [
        entry("2025-08-11", 5),  # a day before the span 6 months back
        entry("2025-08-12", 1),
        entry("2025-09-10", 3, habits=("meds",)),
        entry("2026-02-08", 5),  # a day before the last 30 days
        entry("2026-02-09", 2, wins=("a", "b", "c"), habits=("walk",)),
        entry("2026-03-01", 4, habits=("meds",)),
        entry("2026-03-10", 5, wins=("d", "e")),
    ]
    result = then_and_now(entries, CONFIG)
    assert result is not None
    now, six = result.now, result.six_months
    assert (now.start, now.end) == (date("2026-02-09"), date("2026-03-10"))
    assert (now.entry_days, now.mood_days, now.low_days, now.wins, now.routine_days) == (3, 3, 1, 5, 2)
    assert now.mean_mood == pytest.approx(11 / 3) and now.low_share == pytest.approx(1 / 3)
    assert now.wins_per_week == pytest.approx(5 * 7 / 30)
    assert [(h.name, n) for h, n in now.habits] == [("walk", 1), ("meds", 1)]
    assert six is not None and (six.start, six.end) == (date("2025-08-12"), date("2025-09-10"))
    assert (six.entry_days, six.mean_mood, six.low_share, six.wins_per_week) == (2, 2, 0.5, 0)
    assert result.twelve_months is None


def test_then_and_now_of_nothing_is_none():
    assert then_and_now([], CONFIG) is None


def test_a_span_without_moods_has_no_mean():
    result = then_and_now([entry("2026-03-01"), entry("2026-03-20")], CONFIG)
    assert result is not None
    assert (result.now.entry_days, result.now.mean_mood, result.now.low_share) == (2, None, None)


def test_month_summary():
    march = month_summaries(ten_days(), CONFIG)[2026, 3]
    assert march.label == "March 2026" and len(march.entries) == 10 and len(march.days) == 31
    assert march.days[2] == (date("2026-03-03"), 1.5) and march.days[4] == (date("2026-03-05"), None)
    assert march.mean_mood == pytest.approx(27.5 / 9)
    assert [w for w, _ in march.wins][:3] == ["Got up before nine", "Texted Sam back", "Cooked"]
    assert [(h.name, n) for h, n in march.habits] == [("walk", 2), ("meds", 0)]
    assert march.tags == (("walk", 3), ("therapy", 2))
    assert march.emotions == (("tired", 2), ("hopeful", 1))


def test_month_summaries_are_keyed_by_month_in_order():
    entries = [entry("2025-12-31", 2), entry("2026-01-01", 4), entry("2026-01-31")]
    summaries = month_summaries(entries, CONFIG)
    assert list(summaries) == [(2025, 12), (2026, 1)]
    assert summaries[2026, 1].mean_mood == 4 and summaries[2025, 12].habits[0][1] == 0


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [("2026-03-31", -1, "2026-02-28"), ("2024-08-31", -6, "2024-02-29"), ("2026-01-15", -12, "2025-01-15")],
)
def test_add_months_stays_inside_short_months(day, months, expected):
    assert add_months(date(day), months) == date(expected)


def test_low_days_are_the_bottom_two_levels():
    assert low_ceiling(MoodScale()) == 2
    assert low_ceiling(MoodScale(low=0, labels=("a", "b", "c", "d", "e", "f", "g"))) == 1
    assert low_ceiling(MoodScale(labels=("low", "okay", "good"))) == 1


def test_tally_counts_each_word_once_per_list_keeping_the_first_spelling():
    assert tally([["Walk", "walk"], ["walk", "rest"]]) == (("Walk", 2), ("rest", 1))


def test_large_journals_stay_linear():
    # Not a timing test: a quadratic slip here would take minutes instead of a second.
    start = dt.date(1800, 1, 1)
    entries = [
        entry((start + dt.timedelta(days=i)).isoformat(), 1 + i % 5, habits=("walk",) if i % 3 else (), wins=("w",))
        for i in range(30_000)
    ]
    assert len(mood_trend(entries).points) == 30_000
    assert routines(entries, CONFIG)[0].recent == 10
    assert then_and_now(entries, CONFIG) is not None
    assert len(month_summaries(entries, CONFIG)) == 986
