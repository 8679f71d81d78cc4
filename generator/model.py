"""The data that flows between the build stages. No I/O here.

What each template receives, a `Page`'s context, is typed in contexts.py beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import MISSING, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.contexts import PageContext


def fold_mood_word(word: str) -> str:
    """A mood word or emoji as it is compared: case, spacing and emoji variation selectors ignored."""
    return " ".join(word.replace("\ufe0f", "").replace("\ufe0e", "").split()).casefold()


# The fields an entry has of its own; a metric may not take one of these names.
ENTRY_FIELDS = (
    *("date", "time", "title", "mood", "tags", "wins", "gratitude", "emotions", "habits", "coping"),
    *("resurface", "draft", "published", "private", "event", "for_session"),
)


@dataclass(frozen=True)
class MoodScale:
    """Moods are whole numbers from `low` to `low + len(labels) - 1`.

    `aliases` are the person's own words and emoji for levels (`😀: 5`, `rad: 5`),
    each already folded by `fold_mood_word`, in the order journal.yaml lists them.
    """

    low: int = 1
    labels: tuple[str, ...] = ("awful", "low", "okay", "good", "great")
    aliases: tuple[tuple[str, int], ...] = ()

    @property
    def high(self) -> int:
        return self.low + len(self.labels) - 1

    def level_of(self, word: str) -> int | None:
        """The level a word or emoji stands for: an alias, a label of the scale, or None.

        Case, surrounding spaces and emoji variation selectors do not matter, so
        "Great", " great " and "great" all name the same level.
        """
        folded = fold_mood_word(word)
        for alias, level in self.aliases:
            if alias == folded:
                return level
        for number, label in enumerate(self.labels, self.low):
            if fold_mood_word(label) == folded:
                return number
        return None

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
    day_starts_at: dt.time = dt.time(0)  # entries written before it count for the day before
    mood: MoodScale = MoodScale()
    metrics: tuple[Metric, ...] = ()
    habits: tuple[Habit, ...] = ()
    home_entries: int = 7
    exclude: tuple[str, ...] = ()  # folders below content/ that hold no entries
    lock_after_minutes: float = 30.0  # an encrypted site locks itself after this long unused; 0: never
    private_tags: tuple[str, ...] = ()  # an entry with any of these tags is private
    sessions: tuple[dt.date, ...] = ()  # appointment dates, oldest first
    shares: tuple[ShareSpec, ...] = ()

    def share(self, name: str) -> ShareSpec | None:
        return next((s for s in self.shares if s.name == name), None)

    def is_private(self, entry: Entry) -> bool:
        """`private: true`, or a tag listed in private_tags (case does not matter)."""
        private = {tag.casefold() for tag in self.private_tags}
        return entry.private or any(tag.casefold() in private for tag in entry.tags)

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
    late: bool = False  # written before the journal's day_starts_at, so counted for the day before
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
    draft: bool = False
    private: bool = False  # `private: true` or a private tag: kept out of exports, shares and printed reviews
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)  # key -> line in the file
    html: str = ""
    url: str = ""
    mentioned_in: tuple[tuple[str, str], ...] = ()  # (url, title) of each entry linking here, oldest first

    @property
    def metric_values(self) -> dict[str, float]:
        return dict(self.metrics)

    def but(self, **changes: Any) -> Entry:
        """This entry with some fields changed: dataclasses.replace without running
        __init__ again field by field, seven times quicker (an Entry checks nothing
        when made). Each entry is remade a few times a build, thousands of times."""
        unknown = changes.keys() - _ENTRY_NAMES
        if unknown:
            raise TypeError(f"an Entry has no field {sorted(unknown)[0]!r}")
        made = object.__new__(Entry)
        made.__dict__.update(self.__dict__)
        made.__dict__.update(changes)
        return made

    @staticmethod
    def of(fields: dict[str, Any]) -> Entry:
        """Entry(**fields) without __init__ setting each frozen field in turn, as `but`
        does: a rebuild recalls every entry of the journal from the build's memory
        (records.py). TypeError, as Entry() raises it, for a field unknown or missing."""
        unknown = fields.keys() - _ENTRY_NAMES
        if unknown:
            raise TypeError(f"an Entry has no field {sorted(unknown)[0]!r}")
        missing = _REQUIRED_NAMES - fields.keys()
        if missing:
            raise TypeError(f"an Entry needs the field {sorted(missing)[0]!r}")
        made = object.__new__(Entry)
        made.__dict__.update(_ENTRY_DEFAULTS)
        for name, make in _ENTRY_FACTORIES:
            made.__dict__[name] = make()
        made.__dict__.update(fields)
        return made

    @property
    def sort_key(self) -> tuple:
        # Same day, no times: "2026-05-01.md" before "2026-05-01-evening.md".
        return (self.date, self.late, self.time or dt.time(0), self.source.rsplit(".", 1)[0])


_ENTRY_NAMES = frozenset(Entry.__dataclass_fields__)
_REQUIRED_NAMES = frozenset(
    name
    for name, field in Entry.__dataclass_fields__.items()
    if field.default is MISSING and field.default_factory is MISSING
)
# Every field in order, each with its default (None where it has none, or a factory):
# a dict filled in this order keeps the order Entry() gives its fields.
_ENTRY_DEFAULTS = {
    name: None if field.default is MISSING else field.default for name, field in Entry.__dataclass_fields__.items()
}
_ENTRY_FACTORIES = tuple(
    (name, field.default_factory)
    for name, field in Entry.__dataclass_fields__.items()
    if field.default_factory is not MISSING
)


class Later(Mapping[str, Any]):
    """A page's context, worked out the first time anything reads it. A rebuild after one
    edit works out the contexts of the few pages that show the edited entry and takes
    the rest from the last build's record (shown.py), so planning thousands of pages
    costs only their names until then."""

    __slots__ = ("_made", "_make")

    def __init__(self, make: Callable[[], Mapping[str, Any]]):
        self._make: Callable[[], Mapping[str, Any]] | None = make
        self._made: Mapping[str, Any] | None = None

    def made(self) -> Mapping[str, Any]:
        if self._made is None:
            assert self._make is not None
            self._made, self._make = self._make(), None
        return self._made

    def __getitem__(self, name: str) -> Any:
        return self.made()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.made())

    def __len__(self) -> int:
        return len(self.made())


@dataclass(frozen=True)
class Page:
    """One file of the site: where it goes, how it is drawn, what it shows."""

    url: str  # relative to the site root: "" for home, "2026/11/23/" for an entry
    template: str
    # The TypedDict of its template, or the same worked out when first read.
    context: PageContext | Later = field(compare=False, hash=False)
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
