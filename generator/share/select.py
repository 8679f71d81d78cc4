"""Which entries and which of their fields go out in a share, and why the rest stays home."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from generator.dates import long_date
from generator.model import Config, Entry, ShareSpec

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>", re.I)


@dataclass(frozen=True)
class LeftOut:
    entry: Entry
    reason: str


@dataclass(frozen=True)
class Selection:
    spec: ShareSpec
    start: dt.date | None
    end: dt.date | None
    kept: tuple[Entry, ...]  # as they go out: only the chosen fields
    originals: tuple[Entry, ...]  # the same entries, whole
    left_out: tuple[LeftOut, ...]


def span_of(spec: ShareSpec, entries: list[Entry]) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of the share; `last: N days` ends at the newest entry."""
    if spec.last_days is not None:
        newest = max((e.date for e in entries), default=None)
        if newest is None:
            return None, spec.end
        return newest - dt.timedelta(days=spec.last_days - 1), spec.end
    return spec.start, spec.end


def select(spec: ShareSpec, entries: list[Entry], config: Config) -> Selection:
    start, end = span_of(spec, entries)
    excluded = {t.casefold(): t for t in spec.exclude_tags}
    private_tags = {t.casefold() for t in config.private_tags}
    kept, originals, left = [], [], []
    for entry in sorted(entries, key=lambda e: e.sort_key):
        reason = _reason(entry, start, end, excluded, private_tags)
        if reason:
            left.append(LeftOut(entry, reason))
        else:
            originals.append(entry)
            kept.append(strip(entry, spec.show))
    return Selection(spec, start, end, tuple(kept), tuple(originals), tuple(left))


def _reason(
    entry: Entry, start: dt.date | None, end: dt.date | None, excluded: dict[str, str], private_tags: set[str]
) -> str:
    if entry.private:
        tag = next((t for t in entry.tags if t.casefold() in private_tags), None)
        return f"private (tag '{tag}')" if tag else "private"
    tag = next((t for t in entry.tags if t.casefold() in excluded), None)
    if tag:
        return f"tagged '{tag}' (exclude_tags)"
    if start is not None and entry.date < start:
        return f"before the share's span (from {start})"
    if end is not None and entry.date > end:
        return f"after the share's span (to {end})"
    return ""


def strip(entry: Entry, show: tuple[str, ...]) -> Entry:
    """The entry with only the fields `show` names; the rest are emptied."""
    shown = set(show)
    body = entry.body if "body" in shown else ""
    if "photos" not in shown:
        body = _IMAGE.sub("", body)
    extra = {"photos": entry.extra["photos"]} if "photos" in shown and "photos" in entry.extra else {}
    titled = "title" in shown
    return replace(
        entry,
        # An entry without a title of its own is named by its date (and time, on a shared day): nothing to hide.
        title=entry.title if titled or not entry.has_title else long_date(entry.date),
        has_title=entry.has_title and titled,
        slug=entry.slug if titled else "",
        body=body,
        mood=entry.mood if "mood" in shown else None,
        metrics=entry.metrics if "metrics" in shown else (),
        tags=entry.tags if "tags" in shown else (),
        wins=entry.wins if "wins" in shown else (),
        gratitude=entry.gratitude if "gratitude" in shown else (),
        emotions=entry.emotions if "emotions" in shown else (),
        habits=entry.habits if "habits" in shown else (),
        coping=entry.coping if "coping" in shown else (),
        events=entry.events if "events" in shown else (),
        for_session=entry.for_session if "for_session" in shown else (),
        extra=extra,
    )


def fields_of(entry: Entry) -> list[str]:
    """The fields an entry (as it goes out) has, in words for --dry-run."""
    found = ["title"] if entry.has_title else []
    if entry.body.strip():
        found.append("body")
    if entry.mood is not None:
        found.append("mood")
    if entry.metrics:
        found.append("metrics (" + ", ".join(name for name, _ in entry.metrics) + ")")
    for name in ("tags", "wins", "gratitude", "emotions", "habits", "coping", "events", "for_session"):
        values = getattr(entry, name)
        if values:
            found.append(f"{name} ({len(values)})")
    if "photos" in entry.extra or _IMAGE.search(entry.body):
        found.append("photos")
    return found
