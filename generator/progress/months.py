"""Month summaries: what a monthly review shows of one month.

The same rules as days.py: entries sorted oldest first, time measured from the newest one.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from generator.dates import month_label
from generator.model import Config, Entry, Habit
from generator.progress.days import group_days
from generator.progress.measures import each_day, mean, tally
from generator.progress.routines import kept_by_day
from generator.slugs import slugify


@dataclass(frozen=True)
class MonthSummary:
    year: int
    month: int
    entries: tuple[Entry, ...]
    days: tuple[tuple[dt.date, float | None], ...]  # every day of the month with its mood
    mean_mood: float | None  # mean of the day moods
    wins: tuple[tuple[str, Entry], ...]
    habits: tuple[tuple[Habit, int], ...]  # days each configured habit was kept
    tags: tuple[tuple[str, int], ...]  # most used first (entries), at most `top`
    emotions: tuple[tuple[str, int], ...]

    @property
    def label(self) -> str:
        return month_label(self.year, self.month)


def month_summaries(entries: Sequence[Entry], config: Config, top: int = 5) -> dict[tuple[int, int], MonthSummary]:
    """Every month that has an entry, keyed (year, month), in order."""
    return {
        month: summarise_month(month[0], month[1], tuple(group), config, top)
        for month, group in groupby(entries, key=lambda e: (e.date.year, e.date.month))
    }


def summarise_month(year: int, month: int, entries: Sequence[Entry], config: Config, top: int = 5) -> MonthSummary:
    """`entries` are that month's entries (others are ignored)."""
    entries = tuple(e for e in entries if (e.date.year, e.date.month) == (year, month))
    moods = {day.date: day.mood for day in group_days(entries)}
    last = calendar.monthrange(year, month)[1]
    kept = kept_by_day(entries)
    return MonthSummary(
        year=year,
        month=month,
        entries=entries,
        days=tuple((d, moods.get(d)) for d in each_day(dt.date(year, month, 1), dt.date(year, month, last))),
        mean_mood=mean(m for m in moods.values() if m is not None),
        wins=tuple((win, e) for e in entries for win in e.wins),
        habits=tuple((h, sum(1 for names in kept.values() if h.name in names)) for h in config.habits),
        tags=tally((e.tags for e in entries), key=slugify)[:top],
        emotions=tally(e.emotions for e in entries)[:top],
    )
