"""Look-back and on this day: nearest entries, and never one marked resurface: false."""

from __future__ import annotations

import datetime as dt

from generator.progress import lookback
from tests.journal_entries import date, entry


def journal():
    return [
        entry("2025-03-06", 3),  # 4 days from a year before 10 March 2026: too far
        entry("2025-09-10", 1, resurface=False),
        entry("2025-09-12", 2),
        entry("2026-02-08", 3),
        entry("2026-02-12", 4),
        entry("2026-03-10", 4),
    ]


def test_echoes_are_the_nearest_entries_within_three_days():
    index = lookback.look_back(journal())
    month, six, year = index.echoes(date("2026-03-10"))
    assert (month.label, month.target) == ("1 month ago", date("2026-02-10"))
    assert [e.date for e in month.entries] == [date("2026-02-08")]  # a tie goes to the earlier day
    assert (six.label, six.target) == ("6 months ago", date("2025-09-10"))
    assert [e.date for e in six.entries] == [date("2025-09-12")]  # the 10th asked not to resurface
    assert (year.label, year.target, year.entries) == ("1 year ago", date("2025-03-10"), ())


def test_near_returns_every_entry_of_that_day():
    index = lookback.look_back([entry("2026-01-01", 2), entry("2026-01-01", 3, slug="-b")])
    assert len(index.near(date("2026-01-03"))) == 2
    assert index.near(date("2026-01-05")) == ()
    assert len(index.near(date("2026-01-05"), within=4)) == 2


def test_resurface_false_never_comes_back():
    hidden = entry("2025-03-10", 1, resurface=False)
    index = lookback.look_back([hidden, entry("2026-03-10", 4)])
    assert all(hidden not in echo.entries for echo in index.echoes(date("2026-03-10")))
    assert hidden not in index.near(date("2025-03-10"))
    assert "03-10" in lookback.on_this_day([hidden, entry("2026-03-10", 4)])
    assert [year for year, _ in lookback.on_this_day([hidden, entry("2026-03-10", 4)])["03-10"].years] == [2026]


def test_on_this_day_groups_by_calendar_day_across_years():
    entries = [
        entry("2024-02-29", 3),
        entry("2024-11-23", 2),
        entry("2025-11-23", 3, resurface=False),
        entry("2026-11-23", 4),
        entry("2026-11-23", 5, slug="-evening"),
    ]
    days = lookback.on_this_day(entries)
    assert list(days) == ["02-29", "11-23"]
    day = days["11-23"]
    assert day.key == "11-23"
    assert [(year, len(group)) for year, group in day.years] == [(2024, 1), (2026, 2)]


def test_the_first_day_of_the_calendar_does_not_overflow():
    index = lookback.look_back([entry("0001-01-02", 3)])
    assert [len(echo.entries) for echo in index.echoes(dt.date(1, 1, 2))] == [1, 1, 1]
