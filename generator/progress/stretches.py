"""Hard stretches: when each began, how long it lasted, and when it passed.

One computation for every page that speaks of hard days (bouncing back on the progress
page, the hard-days page, a review's hardest days), so no two pages disagree.

A hard stretch starts on a low day (the bottom of the scale, as `low_ceiling` says) and
passes on the first later day whose mood reaches the scale's "okay" level: a fixed
reference that does not rise as the person gets better. Its length is the days with a
mood from its first low day until it passed: days without one are unknown, not low, so
they neither lengthen a stretch nor end one. Entries are sorted oldest first, no clock.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import groupby, takewhile

from generator.dates import days_after, month_label
from generator.model import Entry, MoodScale
from generator.progress.days import group_days, low_ceiling
from generator.progress.measures import tally

HELPED_AFTER_DAYS = 2  # what helped: coping written on a low day and on this many days after
WORDS_WEEK = 7  # words from after a dip: the days from the one it passed on
WORDS_PER_STRETCH = 3
WORDS_STRETCHES = 6  # the most recent stretches that passed with words after them


@dataclass(frozen=True)
class Stretch:
    start: dt.date  # the first low day
    last: dt.date  # the last day with a mood before it passed (the start, for one day)
    days: int  # days with a mood from the start to the last, both included
    low_days: int  # of those, days rated low
    passed_on: dt.date | None  # first later day at "okay" or better; None while it goes on


@dataclass(frozen=True)
class MonthStretches:
    label: str  # "March 2026", the month each stretch began in
    stretches: tuple[Stretch, ...]


@dataclass(frozen=True)
class Stretches:
    """Every hard stretch, and what the pages say about those that passed."""

    all: tuple[Stretch, ...]  # oldest first
    passed: tuple[Stretch, ...]
    ongoing: Stretch | None  # the newest, when no day at "okay" or better came after it
    usual: tuple[int, int] | None  # narrowest range of lengths holding more than half of those passed
    longest: Stretch | None  # of those passed, the earlier on a tie
    since: str | None  # month the first one began: "March 2026"
    months: tuple[MonthStretches, ...]  # months a stretch began in, oldest first
    okay: int  # the level a stretch passes at
    okay_label: str


def okay_level(scale: MoodScale) -> int:
    """The scale's middle ("okay" on 1-5), always above the low days."""
    middle = scale.low + (len(scale.labels) - 1) // 2
    return min(max(middle, low_ceiling(scale) + 1), scale.high)


def hard_stretches(entries: Sequence[Entry], scale: MoodScale) -> Stretches:
    ceiling, okay = low_ceiling(scale), okay_level(scale)
    found: list[Stretch] = []
    current: Stretch | None = None
    for day in group_days(entries):
        if day.mood is None:
            continue
        if current is None:
            if day.mood <= ceiling:
                current = Stretch(day.date, day.date, 1, 1, None)
        elif day.mood >= okay:
            found.append(replace(current, passed_on=day.date))
            current = None
        else:
            current = Stretch(current.start, day.date, current.days + 1, current.low_days + (day.mood <= ceiling), None)
    passed = tuple(found)
    every = passed + ((current,) if current else ())
    months = tuple(
        MonthStretches(month_label(*key), tuple(group))
        for key, group in groupby(every, key=lambda s: (s.start.year, s.start.month))
    )
    return Stretches(
        all=every,
        passed=passed,
        ongoing=current,
        usual=usual_range([s.days for s in passed]),
        longest=max(passed, key=lambda s: (s.days, -s.start.toordinal()), default=None),
        since=month_label(every[0].start.year, every[0].start.month) if every else None,
        months=months,
        okay=okay,
        okay_label=scale.label(okay),
    )


def usual_range(lengths: Sequence[int]) -> tuple[int, int] | None:
    """The narrowest (lowest on a tie) range of lengths that holds more than half of them."""
    if not lengths:
        return None
    ordered = sorted(lengths)
    need = len(ordered) // 2 + 1
    spans = [(ordered[i + need - 1] - ordered[i], i) for i in range(len(ordered) - need + 1)]
    _, first = min(spans)
    return ordered[first], ordered[first + need - 1]


def what_helped(entries: Sequence[Entry], scale: MoodScale) -> tuple[tuple[str, int], ...]:
    """`coping` on low days and the HELPED_AFTER_DAYS days after, counted once per day, most first."""
    ceiling = low_ceiling(scale)
    last_low: dt.date | None = None
    lists = []
    for day in group_days(entries):
        if day.mood is not None and day.mood <= ceiling:
            last_low = day.date
        if last_low is not None and (day.date - last_low).days <= HELPED_AFTER_DAYS:
            lists.append([name for e in day.entries for name in e.coping])
    return tally(lists)


@dataclass(frozen=True)
class Words:
    text: str
    kind: str  # "win" or "gratitude"
    entry: Entry


@dataclass(frozen=True)
class WordsAfter:
    stretch: Stretch
    words: tuple[Words, ...]


def words_after(entries: Sequence[Entry], stretches: Stretches) -> tuple[WordsAfter, ...]:
    """Wins and gratitude from the week after each stretch passed, the newest stretch first.

    Entries marked `resurface: false` are left out: their words are never brought back.
    """
    dates = [e.date for e in entries]
    result = []
    for stretch in reversed(stretches.passed):
        assert stretch.passed_on is not None
        end = days_after(stretch.passed_on, WORDS_WEEK)
        words: list[Words] = []
        for index in range(bisect_left(dates, stretch.passed_on), len(entries)):  # no copy of the rest
            entry = entries[index]
            if entry.date >= end or len(words) >= WORDS_PER_STRETCH:
                break
            if entry.resurface:
                words += [Words(w, "win", entry) for w in entry.wins]
                words += [Words(g, "gratitude", entry) for g in entry.gratitude]
        if words:
            result.append(WordsAfter(stretch, tuple(words[:WORDS_PER_STRETCH])))
        if len(result) == WORDS_STRETCHES:
            break
    return tuple(result)


def newest_day_is_low(entries: Sequence[Entry], scale: MoodScale) -> bool:
    """The newest day's mood (the mean of its moods) is low; False when it has no mood."""
    if not entries:
        return False
    newest = entries[-1].date
    day = takewhile(lambda e: e.date == newest, reversed(entries))
    moods = [e.mood for e in day if e.mood is not None]
    return bool(moods) and sum(moods) / len(moods) <= low_ceiling(scale)


def first_url_on(entries: Sequence[Entry], day: dt.date | None) -> str:
    """The URL of the first entry written on a day ("" when there is none)."""
    return next((e.url for e in entries if e.date == day), "")
