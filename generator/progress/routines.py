"""Routines kept: each habit's recent days, its months, and its best month.

The same rules as days.py: entries sorted oldest first, time measured from the newest one.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.dates import days_before, month_label
from generator.model import Config, Entry, Habit
from generator.progress.measures import each_day

RECENT_DAYS = 14  # "kept on 9 of the last 14 days"


@dataclass(frozen=True)
class MonthRate:
    year: int
    month: int
    kept: int  # days the habit was kept
    days: int  # days of the month the journal covers

    @property
    def rate(self) -> float:
        return self.kept / self.days

    @property
    def label(self) -> str:
        return month_label(self.year, self.month)


@dataclass(frozen=True)
class Routine:
    habit: Habit
    recent: int  # days kept among the last `window` days, ending at the newest entry
    window: int  # RECENT_DAYS, or fewer while the journal is younger: it starts at the first entry
    months: tuple[MonthRate, ...]  # every month that has an entry
    best: MonthRate | None  # highest rate (the later month on a tie); None if never kept
    days: tuple[bool, ...] = ()  # each day of the window, oldest first: kept or not

    @property
    def so_far(self) -> bool:
        """The window is the whole journal, shorter than RECENT_DAYS."""
        return self.window < RECENT_DAYS


def routines(entries: Sequence[Entry], config: Config) -> tuple[Routine, ...]:
    """Per configured habit that has been kept at least once. A month counts from the
    first entry to the newest one; so does the recent window while the journal is young."""
    if not entries:
        return ()
    first, newest = entries[0].date, entries[-1].date
    kept = kept_by_day(entries)
    window = min(RECENT_DAYS, (newest - first).days + 1)
    recent_from = days_before(newest, window - 1)
    months = sorted({(e.date.year, e.date.month) for e in entries})
    result = []
    for habit in config.habits:
        if not any(habit.name in names for names in kept.values()):
            continue  # never kept yet: nothing to show, and nothing to hold against anyone
        per_month: dict[tuple[int, int], int] = defaultdict(int)
        for date, names in kept.items():
            if habit.name in names:
                per_month[date.year, date.month] += 1
        rates = tuple(MonthRate(y, m, per_month[y, m], _covered(y, m, first, newest)) for y, m in months)
        recent = sum(1 for date, names in kept.items() if date >= recent_from and habit.name in names)
        best = max((r for r in rates if r.kept), key=lambda r: (r.rate, r.year, r.month), default=None)
        strip = tuple(habit.name in kept.get(day, ()) for day in each_day(recent_from, newest))
        result.append(Routine(habit, recent, window, rates, best, strip))
    return tuple(result)


def kept_by_day(entries: Iterable[Entry]) -> dict[dt.date, set[str]]:
    kept: dict[dt.date, set[str]] = defaultdict(set)
    for entry in entries:
        kept[entry.date].update(entry.habits)
    return kept


def _covered(year: int, month: int, first: dt.date, newest: dt.date) -> int:
    start = max(dt.date(year, month, 1), first)
    end = min(dt.date(year, month, calendar.monthrange(year, month)[1]), newest)
    return (end - start).days + 1
