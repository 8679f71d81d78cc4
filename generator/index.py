"""Sort entries, give each its URL, and group them by tag, year and month."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import groupby

from generator.dates import long_date
from generator.model import Entry, Journal, Tag
from generator.slugs import tag_slug


def entry_url(date, name: str | None) -> str:
    """/YYYY/MM/DD/, or /YYYY/MM/DD/<name>/ when the day has several entries."""
    day = f"{date:%Y/%m/%d}/"
    return f"{day}{name}/" if name else day


def _names(day: list[Entry]) -> list[str | None]:
    """Each entry's part of the URL on a shared day: its slug, or its position when it
    has none (never a position another entry's slug already uses)."""
    if len(day) == 1:
        return [None]
    taken = {e.slug for e in day if e.slug}
    names: list[str | None] = []
    for position, entry in enumerate(day, start=1):
        name = entry.slug or str(position)
        if not entry.slug and name in taken:
            name = f"entry-{position}"
        names.append(name)
    return names


def _titles(day: list[Entry]) -> list[str]:
    """Each entry's title on its day. Where a day has several, one without a title of its
    own is named by its time, or by its place in the day when no time tells it apart,
    so that no list shows the same date twice for two entries."""
    if len(day) == 1:
        return [day[0].title]
    times = Counter(e.time for e in day if not e.has_title)
    titles = []
    for position, entry in enumerate(day, start=1):
        if entry.has_title:
            titles.append(entry.title)
        elif entry.time is not None and times[entry.time] == 1:
            titles.append(f"{long_date(entry.date)} at {entry.time:%H:%M}")
        else:
            titles.append(f"{long_date(entry.date)}, entry {position}")
    return titles


def assign_urls(entries: list[Entry]) -> list[Entry]:
    """Entries sorted oldest first, each with its URL."""
    ordered = sorted(entries, key=lambda e: e.sort_key)
    with_urls: list[Entry] = []
    for _, same_day in groupby(ordered, key=lambda e: e.date):
        day = list(same_day)
        for entry, name, title in zip(day, _names(day), _titles(day), strict=True):
            with_urls.append(entry.but(url=entry_url(entry.date, name), title=title))
    return with_urls


def build_journal(with_urls: list[Entry]) -> Journal:
    """Group entries that already have URLs (see assign_urls), in that order."""

    by_tag: dict[str, list[Entry]] = defaultdict(list)
    names: dict[str, str] = {}
    years: dict[int, dict[int, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for entry in with_urls:
        for tag in dict.fromkeys(entry.tags):
            slug = tag_slug(tag)
            names.setdefault(slug, tag)  # "Walk" and "walk" are one tag
            if not by_tag[slug] or by_tag[slug][-1] is not entry:
                by_tag[slug].append(entry)
        years[entry.date.year][entry.date.month].append(entry)

    tags = tuple(
        sorted((Tag(names[s], s, tuple(es)) for s, es in by_tag.items()), key=lambda t: (t.name.lower(), t.slug))
    )
    neighbours = {
        e.url: (with_urls[i - 1] if i else None, with_urls[i + 1] if i + 1 < len(with_urls) else None)
        for i, e in enumerate(with_urls)
    }
    return Journal(
        entries=tuple(with_urls),
        tags=tags,
        years={y: {m: tuple(es) for m, es in sorted(ms.items())} for y, ms in sorted(years.items())},
        neighbours=neighbours,
    )
