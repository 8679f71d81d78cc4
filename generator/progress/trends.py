"""Mood and metric trends: each day's value with its rolling short and long means.

The same rules as days.py: entries sorted oldest first, time measured from the newest one.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, insort
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from generator.dates import days_before
from generator.model import Config, Entry
from generator.progress.days import group_days
from generator.progress.measures import median

TREND_STATISTIC = "mean"  # what the rolling lines show (a mean moves smoothly); pages say so in words
SHORT_DAYS, LONG_DAYS = 7, 30  # rolling windows, in calendar days ending on the day


@dataclass(frozen=True)
class TrendPoint:
    date: dt.date
    value: float  # the day's mean
    short: float  # rolling mean of the SHORT_DAYS days ending here
    long: float  # rolling mean of the LONG_DAYS days ending here


@dataclass(frozen=True)
class Trend:
    name: str  # "mood" or a metric's name
    label: str
    unit: str
    points: tuple[TrendPoint, ...]  # one per day with a value, oldest first
    statistic: str = TREND_STATISTIC
    short_days: int = SHORT_DAYS
    long_days: int = LONG_DAYS


def mood_trend(entries: Sequence[Entry]) -> Trend:
    series = [(day.date, day.mood) for day in group_days(entries) if day.mood is not None]
    return Trend("mood", "Mood", "", _rolling(series))


def metric_trends(entries: Sequence[Entry], config: Config) -> tuple[Trend, ...]:
    daily: dict[str, dict[dt.date, list[float]]] = {m.name: {} for m in config.metrics}
    for entry in entries:
        for name, value in entry.metrics:
            if name in daily:
                daily[name].setdefault(entry.date, []).append(value)
    return tuple(
        Trend(m.name, m.label, m.unit, _rolling([(d, sum(v) / len(v)) for d, v in daily[m.name].items()]))
        for m in config.metrics
    )


def _rolling(series: Sequence[tuple[dt.date, float]]) -> tuple[TrendPoint, ...]:
    short, long = DayWindow(SHORT_DAYS), DayWindow(LONG_DAYS)
    points = []
    for date, value in series:
        for window in (short, long):
            window.add(date, value)
            window.drop_before(days_before(date, window.days - 1))
        points.append(TrendPoint(date, value, short.mean(), long.mean()))
    return tuple(points)


class DayWindow:
    """The values of a run of calendar days, kept sorted so the median is one lookup."""

    def __init__(self, days: int) -> None:
        self.days = days
        self.queue: deque[tuple[dt.date, float]] = deque()
        self.ordered: list[float] = []

    def add(self, date: dt.date, value: float) -> None:
        self.queue.append((date, value))
        insort(self.ordered, value)

    def drop_before(self, first: dt.date) -> None:
        while self.queue and self.queue[0][0] < first:
            _, value = self.queue.popleft()
            del self.ordered[bisect_left(self.ordered, value)]

    def __len__(self) -> int:
        return len(self.ordered)

    def median(self) -> float:
        return median(self.ordered)

    def mean(self) -> float:
        return sum(self.ordered) / len(self.ordered)
