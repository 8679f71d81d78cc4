"""Patterns across the journal: how hard days pass, what helps, tags and mood, feelings named.

Same rules as insights.py: entries sorted oldest first, one walk over them, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from generator.model import Config, Entry
from generator.progress.insights import (
    Day,
    DayWindow,
    group_days,
    low_ceiling,
    mean,
    median,
    tally,
)
from generator.slugs import tag_slug

BASELINE_DAYS = 90  # bounce-back: the personal median over this many days before a low day
MIN_TAG_DAYS = 5  # a tag is set beside the overall mood once it is used on this many days


# Bounce-back
@dataclass(frozen=True)
class Dip:
    """A hard stretch, counted once from its first low day."""

    low_day: dt.date
    baseline: float  # median day mood of the BASELINE_DAYS days before the low day
    back_on: dt.date | None  # first later entry at or above the baseline; None while in progress

    @property
    def days(self) -> int | None:
        return (self.back_on - self.low_day).days if self.back_on else None


@dataclass(frozen=True)
class QuarterBounce:
    label: str  # "2026 Q3"
    dips: int
    back: int  # dips that have ended
    median_days: float | None  # of the dips that have ended


@dataclass(frozen=True)
class BounceBack:
    low_days: int
    dips: tuple[Dip, ...]
    quarters: tuple[QuarterBounce, ...]  # quarters with a dip, oldest first
    coping: tuple[tuple[str, int], ...]  # what helped: on how many low days each was written


def bounce_back(entries: Sequence[Entry], config: Config) -> BounceBack:
    """Dips and how long each took to pass, by quarter, and what helped on low days.

    A dip starts on a low day that comes after the previous dip ended, if some mood was
    written in the BASELINE_DAYS days before it (the baseline needs something to stand on).
    """
    days = group_days(entries)
    ceiling = low_ceiling(config.mood)
    window = DayWindow(BASELINE_DAYS)
    lows: list[Day] = []
    dips: list[Dip] = []
    for i, day in enumerate(days):
        window.drop_before(day.date - dt.timedelta(days=BASELINE_DAYS))
        if day.mood is not None and day.mood <= ceiling:
            lows.append(day)
            ended = not dips or (dips[-1].back_on is not None and day.date > dips[-1].back_on)
            if len(window) and ended:
                baseline = window.median()
                dips.append(Dip(day.date, baseline, _back_on(days, i + 1, baseline)))
        if day.mood is not None:
            window.add(day.date, day.mood)
    quarters = []
    for label, group in groupby(dips, key=_quarter):
        in_quarter = list(group)
        lengths = sorted(d.days for d in in_quarter if d.days is not None)
        quarters.append(QuarterBounce(label, len(in_quarter), len(lengths), median(lengths) if lengths else None))
    coping = tally([name for e in day.entries for name in e.coping] for day in lows)  # once per day
    return BounceBack(len(lows), tuple(dips), tuple(quarters), coping)


def _quarter(dip: Dip) -> str:
    return f"{dip.low_day.year} Q{(dip.low_day.month - 1) // 3 + 1}"


def _back_on(days: Sequence[Day], start: int, baseline: float) -> dt.date | None:
    # Dips never overlap, so these scans together visit each day at most once or twice.
    for index in range(start, len(days)):  # not a slice: that would copy the rest each time
        day = days[index]
        if any(e.mood is not None and e.mood >= baseline for e in day.entries):
            return day.date
    return None


# Tags and mood
@dataclass(frozen=True)
class TagMood:
    name: str  # as first written
    slug: str
    days: int  # days the tag was used
    mood_days: int
    mean_mood: float | None  # mean day mood on those days


@dataclass(frozen=True)
class TagMoods:
    overall: float | None  # mean day mood over the whole journal
    tags: tuple[TagMood, ...]  # tags used on at least MIN_TAG_DAYS days, by name
    by_slug: Mapping[str, TagMood] = field(default_factory=dict, compare=False, hash=False)

    def get(self, slug: str) -> TagMood | None:
        return self.by_slug.get(slug)


def tag_moods(entries: Sequence[Entry]) -> TagMoods:
    """Tags are one tag when their slugs match ("Walk" and "walk"), as on the tag pages."""
    names: dict[str, str] = {}
    moods: dict[str, list[float | None]] = defaultdict(list)
    days = group_days(entries)
    for day in days:
        for entry in day.entries:
            for tag in entry.tags:
                names.setdefault(tag_slug(tag), tag)
        for slug in dict.fromkeys(tag_slug(tag) for entry in day.entries for tag in entry.tags):
            moods[slug].append(day.mood)
    tags = [
        TagMood(names[slug], slug, len(values), len(known), mean(known))
        for slug, values in moods.items()
        if len(values) >= MIN_TAG_DAYS
        for known in [[v for v in values if v is not None]]
    ]
    overall = mean(day.mood for day in days if day.mood is not None)
    ordered = tuple(sorted(tags, key=lambda t: (t.name.casefold(), t.slug)))
    return TagMoods(overall, ordered, {tag.slug: tag for tag in ordered})


# Emotions
@dataclass(frozen=True)
class Emotion:
    name: str  # as first written
    count: int  # entries naming it
    first: dt.date
    entries: tuple[Entry, ...]

    @property
    def source(self) -> str:
        """The file that first names it: where a problem with its page is reported."""
        return self.entries[0].source


def emotions(entries: Sequence[Entry]) -> tuple[Emotion, ...]:
    """Every emotion named, most often named first."""
    names: dict[str, str] = {}
    found: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        for emotion in entry.emotions:
            key = tag_slug(emotion)  # "Café" and "cafe" are one feeling, as they would be one page
            names.setdefault(key, emotion)
            if not found[key] or found[key][-1] is not entry:
                found[key].append(entry)
    named = [Emotion(names[key], len(group), group[0].date, tuple(group)) for key, group in found.items()]
    return tuple(sorted(named, key=lambda e: (-e.count, e.name.casefold())))
