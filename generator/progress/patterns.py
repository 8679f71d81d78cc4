"""Patterns across the journal: tags and mood, feelings named (hard stretches: stretches.py).

Same rules as days.py: entries sorted oldest first, one walk over them, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from generator.model import Entry
from generator.progress.days import group_days
from generator.progress.measures import mean
from generator.slugs import tag_slug

MIN_TAG_DAYS = 5  # a tag is set beside the overall mood once it is used on this many days


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
