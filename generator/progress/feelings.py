"""The feelings page: each feeling named, how often month by month, pleasant and unpleasant
feelings apart, the calmer ones first in each group. Words Cairn does not know are shown
as they are, under "Other feelings": a word list never decides what a person felt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.dates import MONTHS, month_label
from generator.model import Entry
from generator.progress.patterns import Emotion

RECENT_MONTHS = 12  # the month columns; the count "in all" covers every month

# Common feeling words, each group from calmer to more stirred up. Order matters: it is the
# order within a group, after which feelings named equally calm are sorted by how often.
PLEASANT = [
    "calm",
    "peaceful",
    "relaxed",
    "serene",
    "content",
    "safe",
    "comfortable",
    "settled",
    "rested",
    "relieved",
    "grateful",
    "thankful",
    "tender",
    "loved",
    "cared",
    "for",
    "connected",
    "okay",
    "fine",
    "hopeful",
    "curious",
    "interested",
    "confident",
    "capable",
    "proud",
    "amused",
    "playful",
    "cheerful",
    "glad",
    "happy",
    "joyful",
    "excited",
    "energised",
    "energized",
    "enthusiastic",
    "elated",
]
UNPLEASANT = [
    "tired",
    "exhausted",
    "drained",
    "numb",
    "empty",
    "hollow",
    "flat",
    "bored",
    "low",
    "down",
    "sad",
    "lonely",
    "hurt",
    "disappointed",
    "ashamed",
    "guilty",
    "embarrassed",
    "insecure",
    "worried",
    "uneasy",
    "nervous",
    "anxious",
    "tense",
    "stressed",
    "restless",
    "irritable",
    "frustrated",
    "jealous",
    "scared",
    "afraid",
    "panicky",
    "overwhelmed",
    "angry",
    "furious",
]
_RANK = {word: ("pleasant", i) for i, word in enumerate(PLEASANT)} | {
    word: ("unpleasant", i) for i, word in enumerate(UNPLEASANT)
}
GROUPS = (("pleasant", "Pleasant feelings"), ("unpleasant", "Unpleasant feelings"), ("other", "Other feelings"))


@dataclass(frozen=True)
class FeelingRow:
    emotion: Emotion
    months: tuple[int, ...]  # entries naming it in each month of FeelingTable.months
    levels: tuple[int, ...]  # 0 to 4: how full each month's cell is drawn, against the busiest cell


@dataclass(frozen=True)
class FeelingTable:
    months: tuple[tuple[int, int], ...]  # (year, month), oldest first
    month_labels: tuple[str, ...]  # "Jul", or "Jan 2027" where a year starts
    groups: tuple[tuple[str, tuple[FeelingRow, ...]], ...]  # (heading, rows); groups without rows left out

    @property
    def span(self) -> str:
        """ "July 2026 to November 2026", or "" for a single month."""
        if len(self.months) < 2:
            return ""
        return f"{month_label(*self.months[0])} to {month_label(*self.months[-1])}"


def feeling_table(named: Sequence[Emotion], entries: Sequence[Entry]) -> FeelingTable:
    months = tuple(sorted({(e.date.year, e.date.month) for e in entries}))[-RECENT_MONTHS:]
    column = {month: i for i, month in enumerate(months)}
    counts: dict[str, list[int]] = {}
    for emotion in named:
        per_month = [0] * len(months)
        for entry in emotion.entries:
            index = column.get((entry.date.year, entry.date.month))
            if index is not None:
                per_month[index] += 1
        counts[emotion.name] = per_month
    busiest = max((n for row in counts.values() for n in row), default=0)
    groups = []
    for key, heading in GROUPS:
        members = [e for e in named if _RANK.get(e.name.casefold(), ("other", 0))[0] == key]
        members.sort(key=lambda e: (_RANK.get(e.name.casefold(), ("", 0))[1], -e.count, e.name.casefold()))
        rows = tuple(
            FeelingRow(e, tuple(counts[e.name]), tuple(_level(n, busiest) for n in counts[e.name])) for e in members
        )
        if rows:
            groups.append((heading, rows))
    labels = tuple(MONTHS[m - 1][:3] + (f" {y}" if i == 0 or m == 1 else "") for i, (y, m) in enumerate(months))
    return FeelingTable(months, labels, tuple(groups))


def _level(n: int, busiest: int) -> int:
    return 0 if not n else max(1, round(4 * n / busiest))
