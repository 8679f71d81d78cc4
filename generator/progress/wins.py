"""Wins counted per ISO week and per month.

The same rules as days.py: entries sorted oldest first, time measured from the newest one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from generator.dates import days_before, month_label
from generator.model import Entry


@dataclass(frozen=True)
class PeriodCount:
    key: str  # "2026-W07" or "2026-03"
    label: str  # "week of 9 February 2026" or "March 2026"
    start: dt.date
    count: int


@dataclass(frozen=True)
class WonOn:
    """An entry as the wins page shows it: its wins and gratitude, without its words, so
    that editing an entry's text does not draw the page of every win again."""

    url: str
    date: dt.date
    title: str
    wins: tuple[str, ...]
    gratitude: tuple[str, ...]


def won_on(entry: Entry) -> WonOn:
    return WonOn(entry.url, entry.date, entry.title, entry.wins, entry.gratitude)


@dataclass(frozen=True)
class WinCounts:
    total: int
    weeks: tuple[PeriodCount, ...]  # ISO weeks that have an entry, oldest first
    months: tuple[PeriodCount, ...]  # months that have an entry, oldest first
    years: tuple[PeriodCount, ...]  # years that have an entry, oldest first


def win_counts(entries: Sequence[Entry]) -> WinCounts:
    weeks: dict[dt.date, int] = {}
    months: dict[dt.date, int] = {}
    years: dict[dt.date, int] = {}
    for entry in entries:
        monday = days_before(entry.date, entry.date.weekday())
        weeks[monday] = weeks.get(monday, 0) + len(entry.wins)
        first = entry.date.replace(day=1)
        months[first] = months.get(first, 0) + len(entry.wins)
        new_year = first.replace(month=1)
        years[new_year] = years.get(new_year, 0) + len(entry.wins)
    return WinCounts(
        total=sum(len(entry.wins) for entry in entries),
        weeks=tuple(
            PeriodCount(_week_key(d), f"week of {d.day} {month_label(d.year, d.month)}", d, n)
            for d, n in sorted(weeks.items())
        ),
        months=tuple(
            PeriodCount(f"{d.year:04d}-{d.month:02d}", month_label(d.year, d.month), d, n)
            for d, n in sorted(months.items())
        ),
        years=tuple(PeriodCount(f"{d.year:04d}", f"{d.year}", d, n) for d, n in sorted(years.items())),
    )


def _week_key(monday: dt.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"
