"""Life events (`event:` on an entry) and the quiet figures around them.

Around each event: the median mood and the median of each metric over the 30 days
before it and the 30 days after it (the day itself in neither), each with the number
of days behind it. A figure is given only when both sides have at least 7 such days.
It sets before beside after; it never says one made the other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.dates import days_after, days_before
from generator.model import Config, Entry
from generator.progress.days import group_days
from generator.progress.measures import median

AROUND_DAYS = 30
FEWEST_DAYS = 7


@dataclass(frozen=True)
class Side:
    median: float
    days: int  # days with a value behind the median


@dataclass(frozen=True)
class Figure:
    name: str  # "mood" or a metric's name
    label: str
    unit: str
    before: Side
    after: Side


@dataclass(frozen=True)
class LifeEvent:
    date: dt.date
    text: str
    url: str  # the entry that names it
    figures: tuple[Figure, ...]  # only those with FEWEST_DAYS on both sides


def life_events(entries: tuple[Entry, ...] | list[Entry], config: Config) -> tuple[LifeEvent, ...]:
    """Every event, oldest first, with its before-and-after figures."""
    named = [(e.date, text, e.url) for e in entries for text in e.events]
    if not named:
        return ()
    series = _daily(entries, config)
    return tuple(LifeEvent(day, text, url, _figures(day, series, config)) for day, text, url in named)


def marks(events: tuple[LifeEvent, ...]) -> list[tuple[dt.date, str]]:
    """What a chart marks: each event's day and words."""
    return [(event.date, event.text) for event in events]


def _daily(entries, config: Config) -> dict[str, dict[dt.date, float]]:
    """For mood and each metric: the day's mean, on each day that has one."""
    days = group_days(entries)
    series: dict[str, dict[dt.date, float]] = {"mood": {d.date: d.mood for d in days if d.mood is not None}}
    for metric in config.metrics:
        values: dict[dt.date, list[float]] = {}
        for entry in entries:
            if metric.name in entry.metric_values:
                values.setdefault(entry.date, []).append(entry.metric_values[metric.name])
        series[metric.name] = {day: sum(v) / len(v) for day, v in values.items()}
    return series


def _figures(day: dt.date, series: dict[str, dict[dt.date, float]], config: Config) -> tuple[Figure, ...]:
    figures = []
    labels = {"mood": ("Mood", "")} | {m.name: (m.label, m.unit) for m in config.metrics}
    for name, values in series.items():
        before = _side(values, days_before(day, AROUND_DAYS), days_before(day, 1))
        after = _side(values, days_after(day, 1), days_after(day, AROUND_DAYS))
        if before and after:
            figures.append(Figure(name, *labels[name], before, after))
    return tuple(figures)


def _side(values: dict[dt.date, float], first: dt.date, last: dt.date) -> Side | None:
    inside = sorted(v for d, v in values.items() if first <= d <= last)
    return Side(median(inside), len(inside)) if len(inside) >= FEWEST_DAYS else None
