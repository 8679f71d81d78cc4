"""Days: a day's entries and mood, which days count as low, months later, the year in pixels.

Every function takes the published entries sorted oldest first and measures time from the
newest entry's date, never the clock, so a build gives the same numbers tomorrow. Each one
walks the entries once (or sorts small windows), so a 100,000-entry journal stays quick.
A day's mood is the mean of that day's moods; days without a mood are simply left out.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from generator.model import Entry, MoodScale
from generator.progress.measures import each_day, mean


@dataclass(frozen=True)
class Day:
    date: dt.date
    entries: tuple[Entry, ...]
    mood: float | None  # mean of the day's moods


def group_days(entries: Sequence[Entry]) -> tuple[Day, ...]:
    days = []
    for date, group in groupby(entries, key=lambda e: e.date):
        same_day = tuple(group)
        days.append(Day(date, same_day, mean(e.mood for e in same_day if e.mood is not None)))
    return tuple(days)


def low_ceiling(scale: MoodScale) -> int:
    """Low days are the bottom two levels (the bottom one on scales under four levels)."""
    return scale.low + 1 if len(scale.labels) >= 4 else scale.low


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later (or earlier), kept inside short months."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    if year < dt.MINYEAR:
        return dt.date.min
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class YearPixels:
    year: int
    days: tuple[tuple[dt.date, float | None], ...]  # every day, 1 January to 31 December


def year_in_pixels(entries: Sequence[Entry]) -> tuple[YearPixels, ...]:
    """One grid for each year that has an entry."""
    moods = {day.date: day.mood for day in group_days(entries)}
    years = sorted({entry.date.year for entry in entries})
    return tuple(
        YearPixels(year, tuple((d, moods.get(d)) for d in each_day(dt.date(year, 1, 1), dt.date(year, 12, 31))))
        for year in years
    )
