"""Session reviews: what the entries of one span show, for someone who helps.

A review always has the same order: the span and the days written in it; three plain
sentences (the pattern, what stood out, what changed since the previous review); the
trends with life events marked; up to three hardest days in the person's own words
with what helped that day and the next; routines kept; a few wins; the topics written
under `for_session:`. It describes and never diagnoses. Private entries are never in
a review: a review is made to be printed and handed over.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from itertools import pairwise

from generator.dates import days_after, days_before
from generator.model import Config, Entry, Habit
from generator.progress.days import Day, group_days, low_ceiling
from generator.progress.measures import median, tally

HARDEST = 3
WINS = 5
WORDS = 280  # characters of a hard day's own words


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date  # inclusive
    since_last: bool = False  # "since the last session": still open, counted "so far"
    chosen: bool = False  # drawn by `cairn review --from --to`, not between two sessions

    @property
    def slug(self) -> str:
        return f"{self.start:%Y-%m-%d}-to-{self.end:%Y-%m-%d}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class HardDay:
    date: dt.date
    mood: float
    url: str
    words: str  # the start of the day's own text
    helped: tuple[str, ...]  # coping that day
    helped_next: tuple[str, ...]  # coping the day after


@dataclass(frozen=True)
class Review:
    span: Span
    entries: tuple[Entry, ...]
    entry_days: int
    mood_days: int
    median_mood: float | None
    sentences: tuple[str, str, str]
    hardest: tuple[HardDay, ...]
    routines: tuple[tuple[Habit, int], ...]  # days each habit was kept
    wins: tuple[tuple[Entry, str], ...]
    topics: tuple[tuple[Entry, str], ...]
    low_ceiling: int


def session_spans(sessions: tuple[dt.date, ...], newest: dt.date | None) -> list[Span]:
    """One span between each two sessions (to the day before the later one), and one
    since the last session, to the newest entry, once there is an entry after it."""
    spans = [Span(a, days_before(b, 1)) for a, b in pairwise(sessions) if b > a]
    if sessions and newest is not None and newest >= sessions[-1]:
        spans.append(Span(sessions[-1], newest, since_last=True))
    return spans


def review(entries: tuple[Entry, ...], span: Span, config: Config, previous: Review | None = None) -> Review:
    inside = tuple(e for e in entries if span.start <= e.date <= span.end and not e.private)
    days = group_days(inside)
    moods = sorted(d.mood for d in days if d.mood is not None)
    middle = median(moods) if moods else None
    ceiling = low_ceiling(config.mood)
    by_date = {d.date: d for d in days}
    kept = tuple((h, sum(1 for d in days if any(h.name in e.habits for e in d.entries))) for h in config.habits)
    wins = tuple((e, w) for e in inside for w in e.wins)[:WINS]
    topics = tuple((e, t) for e in inside for t in e.for_session)
    made = Review(
        span=span,
        entries=inside,
        entry_days=len(days),
        mood_days=len(moods),
        median_mood=middle,
        sentences=("", "", ""),
        hardest=_hardest(days, by_date, ceiling),
        routines=kept,
        wins=wins,
        topics=topics,
        low_ceiling=ceiling,
    )
    sentences = (_pattern(made, config), _stood_out(made, days, config), _changed(made, previous, config))
    return replace(made, sentences=sentences)


def reviews(entries: tuple[Entry, ...], config: Config) -> list[Review]:
    newest = entries[-1].date if entries else None
    made: list[Review] = []
    for span in session_spans(config.sessions, newest):
        made.append(review(entries, span, config, made[-1] if made else None))
    return made


def _hardest(days: tuple[Day, ...], by_date: dict[dt.date, Day], ceiling: int) -> tuple[HardDay, ...]:
    low = sorted((d for d in days if d.mood is not None and d.mood <= ceiling), key=lambda d: (d.mood, d.date))
    hard = []
    for day in sorted(low[:HARDEST], key=lambda d: d.date):
        following = by_date.get(days_after(day.date, 1))
        hard.append(
            HardDay(
                date=day.date,
                mood=day.mood or 0.0,
                url=day.entries[0].url,
                words=_own_words(day.entries),
                helped=_coping(day.entries),
                helped_next=_coping(following.entries) if following else (),
            )
        )
    return tuple(hard)


def _coping(entries: tuple[Entry, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for e in entries for c in e.coping))


def _own_words(entries: tuple[Entry, ...]) -> str:
    text = " ".join(e.body for e in entries)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)|<[^>]+>", " ", text)  # images and tags are not words
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[#*_`>]+", "", text)
    text = " ".join(text.split())
    if len(text) <= WORDS:
        return text
    cut = text[:WORDS].rsplit(" ", 1)[0]
    return cut + " …"


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _pattern(r: Review, config: Config) -> str:
    written = f"Entries on {r.entry_days} of {r.span.days} days{' so far' if r.span.since_last else ''}"
    if not r.entry_days:
        return "No entries from this time yet."
    if r.median_mood is None:
        return f"{written}, none with a mood written down."
    moods = [d for e in r.entries if e.mood is not None for d in (e.mood,)]
    scale = config.mood
    middle = f"{_num(r.median_mood)} of {scale.high}"
    if r.median_mood == int(r.median_mood):
        middle += f": {scale.label(int(r.median_mood))}"
    return (
        f"{written}; the median mood was {middle} over {r.mood_days} "
        f"{'day' if r.mood_days == 1 else 'days'} with a mood, from {min(moods)} to {max(moods)}."
    )


def _stood_out(r: Review, days: tuple[Day, ...], config: Config) -> str:
    if not r.entries:
        return "There is nothing to describe until there are entries."
    feelings = tally(e.emotions for e in r.entries)
    low = sum(1 for d in days if d.mood is not None and d.mood <= r.low_ceiling)
    parts = []
    if feelings:
        name, count = feelings[0]
        parts.append(f"the feeling named most often was {name} ({count} {'entry' if count == 1 else 'entries'})")
    if r.mood_days:
        were = "was" if low == 1 else "were"
        parts.append(
            f"{low} of {r.mood_days} days with a mood {were} at {r.low_ceiling} of {config.mood.high} or lower"
        )
    wins = sum(len(e.wins) for e in r.entries)
    parts.append(f"{wins} {'win was' if wins == 1 else 'wins were'} written down")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def _changed(r: Review, previous: Review | None, config: Config) -> str:
    if previous is None:
        return "This is the first review, so there is no earlier span to set it beside."
    when = f"{_day(previous.span.start)} to {_day(previous.span.end)}"
    beside = f"the {previous.span.days} days before" if r.span.chosen else "the previous review"
    parts = [f"days written {r.entry_days} of {r.span.days}, from {previous.entry_days} of {previous.span.days}"]
    if r.median_mood is not None and previous.median_mood is not None:
        parts.insert(0, f"median mood {_num(r.median_mood)}, from {_num(previous.median_mood)}")
    return f"Beside {beside} ({when}): " + "; ".join(parts) + "."


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"
