"""Then and now: the last 30 days beside the same span 6 and 12 months earlier.

The same rules as days.py: entries sorted oldest first, time measured from the newest one.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from generator.dates import days_before
from generator.model import Config, Entry, Habit
from generator.progress.days import Day, add_months, group_days, low_ceiling
from generator.progress.measures import mean

SPAN_DAYS = 30  # then and now compares spans this long
COMPARE_DAYS = 14  # then and now waits until the journal covers this many days


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date  # inclusive
    entry_days: int  # days with at least one entry
    mood_days: int
    mean_mood: float | None
    low_days: int
    low_share: float | None  # low days among days with a mood
    wins: int
    wins_per_week: float
    routine_days: int  # days any routine was kept
    habits: tuple[tuple[Habit, int], ...]  # days each configured habit was kept
    days: int = SPAN_DAYS  # days the span covers: SPAN_DAYS, fewer when it starts before the first entry


@dataclass(frozen=True)
class ThenAndNow:
    now: Span  # the SPAN_DAYS days ending at the newest entry (from the first, when fewer)
    six_months: Span | None  # None when that span has no entries
    twelve_months: Span | None


def then_and_now(entries: Sequence[Entry], config: Config) -> ThenAndNow | None:
    """None until the journal covers COMPARE_DAYS days: a first week has nothing to compare."""
    if not entries or (entries[-1].date - entries[0].date).days + 1 < COMPARE_DAYS:
        return None
    days = group_days(entries)
    dates = [day.date for day in days]
    newest = dates[-1]
    # Only "now" starts at the first entry; a span further back is compared whole.
    now, six, twelve = (_span(days, dates, add_months(newest, -m), config, clip=m == 0) for m in (0, 6, 12))
    assert now is not None
    return ThenAndNow(now, six, twelve)


def _span(days: Sequence[Day], dates: list[dt.date], end: dt.date, config: Config, clip: bool) -> Span | None:
    start = days_before(end, SPAN_DAYS - 1)
    start = max(start, dates[0]) if clip else start
    inside = days[bisect_left(dates, start) : bisect_right(dates, end)]
    if not inside:
        return None
    covered = (end - start).days + 1
    moods = [day.mood for day in inside if day.mood is not None]
    low = sum(1 for mood in moods if mood <= low_ceiling(config.mood))
    wins = sum(len(e.wins) for day in inside for e in day.entries)
    kept = [{name for e in day.entries for name in e.habits} for day in inside]
    return Span(
        start=start,
        end=end,
        entry_days=len(inside),
        mood_days=len(moods),
        mean_mood=mean(moods),
        low_days=low,
        low_share=low / len(moods) if moods else None,
        wins=wins,
        wins_per_week=wins * 7 / covered,
        routine_days=sum(1 for names in kept if names),
        days=covered,
        habits=tuple((habit, sum(1 for names in kept if habit.name in names)) for habit in config.habits),
    )
