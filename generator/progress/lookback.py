"""Looking back: entries near 1 month, 6 months and 1 year ago, and on this calendar day.

Entries marked `resurface: false` are never offered here. Both lookups are built once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.model import Entry
from generator.progress.days import add_months

NEAR_DAYS = 3  # an entry this many days either side of the date still counts
LOOK_BACK = ((1, "1 month ago"), (6, "6 months ago"), (12, "1 year ago"))


@dataclass(frozen=True)
class Echo:
    label: str  # "6 months ago"
    target: dt.date
    entries: tuple[Entry, ...]  # the day nearest the target, within NEAR_DAYS; may be empty


@dataclass(frozen=True)
class LookBack:
    """Built once; answers for any date in constant time. Holds only entries that may resurface."""

    by_date: Mapping[dt.date, tuple[Entry, ...]]

    def near(self, target: dt.date, within: int = NEAR_DAYS) -> tuple[Entry, ...]:
        """The entries of the day nearest `target` (the earlier one on a tie)."""
        for distance in range(within + 1):
            for offset in (-distance, distance):
                day = _shift(target, offset)
                if day is not None and day in self.by_date:
                    return self.by_date[day]
        return ()

    def echoes(self, date: dt.date) -> tuple[Echo, ...]:
        """1 month, 6 months and 1 year before `date`."""
        targets = ((label, add_months(date, -months)) for months, label in LOOK_BACK)
        return tuple(Echo(label, target, self.near(target)) for label, target in targets)


def _shift(day: dt.date, days: int) -> dt.date | None:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:  # the first or last representable day
        return None


def look_back(entries: Sequence[Entry]) -> LookBack:
    by_date: dict[dt.date, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.resurface:
            by_date[entry.date].append(entry)
    return LookBack({date: tuple(group) for date, group in by_date.items()})


@dataclass(frozen=True)
class CalendarDay:
    key: str  # "MM-DD"
    years: tuple[tuple[int, tuple[Entry, ...]], ...]  # oldest year first


def on_this_day(entries: Sequence[Entry]) -> dict[str, CalendarDay]:
    """Every calendar day that has an entry that may resurface, keyed "MM-DD", in order."""
    grouped: dict[str, dict[int, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for entry in entries:
        if entry.resurface:
            grouped[f"{entry.date.month:02d}-{entry.date.day:02d}"][entry.date.year].append(entry)
    return {
        key: CalendarDay(key, tuple((year, tuple(group)) for year, group in sorted(years.items())))
        for key, years in sorted(grouped.items())
    }
