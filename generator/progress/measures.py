"""The small measures every figure uses: mean, median, a tally of words, each day of a span."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence


def mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def median(ordered: Sequence[float]) -> float:
    """Of values already sorted."""
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def each_day(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    for offset in range((last - first).days + 1):
        yield first + dt.timedelta(days=offset)


def tally(lists: Iterable[Iterable[str]], key=str.casefold) -> tuple[tuple[str, int], ...]:
    """How many lists name each word (once per list), first spelling kept, most first."""
    names: dict[str, str] = {}
    counts: dict[str, int] = defaultdict(int)
    for words in lists:
        for k, word in {key(w): w for w in reversed(tuple(words))}.items():
            names.setdefault(k, word)
            counts[k] += 1
    return tuple(sorted(((names[k], n) for k, n in counts.items()), key=lambda item: (-item[1], item[0].casefold())))
