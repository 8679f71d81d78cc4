"""The data that flows between the build stages. No I/O here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class MoodScale:
    """Moods are whole numbers from `low` to `low + len(labels) - 1`."""

    low: int = 1
    labels: tuple[str, ...] = ("awful", "low", "okay", "good", "great")

    @property
    def high(self) -> int:
        return self.low + len(self.labels) - 1

    def label(self, mood: int) -> str:
        return self.labels[mood - self.low]

    def describe(self, mood: int) -> str:
        """'3 of 5: okay'."""
        return f"{mood} of {self.high}: {self.label(mood)}"


@dataclass(frozen=True)
class Metric:
    name: str
    label: str
    unit: str = ""
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Habit:
    name: str
    label: str


@dataclass(frozen=True)
class Config:
    title: str = "My journal"
    author: str = ""
    language: str = "en"
    timezone: str = "UTC"
    mood: MoodScale = MoodScale()
    metrics: tuple[Metric, ...] = ()
    habits: tuple[Habit, ...] = ()
    home_entries: int = 7
    private_tags: tuple[str, ...] = ()  # every entry with one of these tags is private
    sessions: tuple[dt.date, ...] = ()  # appointment dates, oldest first
    shares: tuple[ShareSpec, ...] = ()

    def share(self, name: str) -> ShareSpec | None:
        return next((s for s in self.shares if s.name == name), None)

    def metric(self, name: str) -> Metric | None:
        return next((m for m in self.metrics if m.name == name), None)


@dataclass(frozen=True)
class Entry:
    """One journal entry, validated. `source` is relative to the journal folder."""

    source: str
    date: dt.date
    title: str
    slug: str
    body: str = ""
    body_line: int = 1
    time: dt.time | None = None
    has_title: bool = False
    mood: int | None = None
    metrics: tuple[tuple[str, float], ...] = ()
    tags: tuple[str, ...] = ()
    wins: tuple[str, ...] = ()
    gratitude: tuple[str, ...] = ()
    emotions: tuple[str, ...] = ()
    habits: tuple[str, ...] = ()
    coping: tuple[str, ...] = ()
    events: tuple[str, ...] = ()  # `event:` life events on this day, marked on every chart
    for_session: tuple[str, ...] = ()  # topics to raise at the next appointment
    resurface: bool = True
    private: bool = False  # `private: true` or a private tag: never leaves the person's own site
    draft: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)  # key -> line in the file
    html: str = ""
    url: str = ""

    @property
    def metric_values(self) -> dict[str, float]:
        return dict(self.metrics)

    @property
    def sort_key(self) -> tuple:
        # Same day, no times: "2026-05-01.md" before "2026-05-01-evening.md".
        return (self.date, self.time or dt.time(0), self.source.removesuffix(".md"))


@dataclass(frozen=True)
class Page:
    """One file of the site: where it goes, how it is drawn, what it shows."""

    url: str  # relative to the site root: "" for home, "2026/11/23/" for an entry
    template: str
    context: dict[str, Any] = field(compare=False, hash=False)
    source: str = ""  # what made it, named when two pages collide

    @property
    def output(self) -> str:
        return self.url + "index.html" if self.url.endswith("/") or not self.url else self.url


@dataclass(frozen=True)
class Tag:
    name: str  # as first written
    slug: str
    entries: tuple[Entry, ...]  # oldest first


@dataclass(frozen=True)
class Journal:
    """Published entries, sorted oldest first, with the ways pages look them up."""

    entries: tuple[Entry, ...]
    tags: tuple[Tag, ...]  # by name
    years: dict[int, dict[int, tuple[Entry, ...]]] = field(compare=False, hash=False)
    neighbours: dict[str, tuple[Entry | None, Entry | None]] = field(compare=False, hash=False)

    @property
    def newest(self) -> Entry | None:
        return self.entries[-1] if self.entries else None


@dataclass(frozen=True)
class ShareSpec:
    """One edition under `shares:` in journal.yaml: who it is for and what it holds."""

    name: str
    title: str
    line: int  # of its name in journal.yaml
    start: dt.date | None = None  # `from:`
    end: dt.date | None = None  # `to:`
    last_days: int | None = None  # `last: 90 days`, counted back from the newest entry
    show: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    exclude_tags: tuple[str, ...] = ()
