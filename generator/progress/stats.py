"""`cairn stats`: a short, kind summary of the journal for the terminal."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from generator.dates import month_label
from generator.model import Config, Entry
from generator.progress.days import add_months
from generator.progress.months import month_summaries
from generator.progress.routines import routines
from generator.slugs import tag_slug


@dataclass(frozen=True)
class MonthMood:
    month: str  # "November 2026"
    entries: int
    mean_mood: float | None  # None: no moods that month


@dataclass(frozen=True)
class Stats:
    entries: int
    days: int
    first: str | None  # ISO dates
    last: str | None
    latest_month: MonthMood | None
    previous_month: MonthMood | None
    year_before: MonthMood | None
    wins_latest_month: int
    wins_total: int
    routines: list[tuple[str, int, int]]  # label, days kept, of the last N days
    top_tags: list[tuple[str, int]]

    def as_dict(self) -> dict:
        return asdict(self)


def gather_stats(entries: list[Entry], config: Config, top: int = 5) -> Stats:
    """Figures relative to the newest entry, like the site's progress pages."""
    if not entries:
        return Stats(0, 0, None, None, None, None, None, 0, 0, [], [])
    months = month_summaries(entries, config)
    newest = entries[-1].date

    def mood_of(date) -> MonthMood:
        summary = months.get((date.year, date.month))
        if summary is None:
            return MonthMood(month_label(date.year, date.month), 0, None)
        return MonthMood(summary.label, len(summary.entries), summary.mean_mood)

    latest = months[(newest.year, newest.month)]
    tags: Counter[str] = Counter()
    names: dict[str, str] = {}
    for entry in entries:
        for tag in dict.fromkeys(entry.tags):
            names.setdefault(tag_slug(tag), tag)
            tags[tag_slug(tag)] += 1
    return Stats(
        entries=len(entries),
        days=len({e.date for e in entries}),
        first=entries[0].date.isoformat(),
        last=newest.isoformat(),
        latest_month=mood_of(newest),
        previous_month=mood_of(add_months(newest.replace(day=1), -1)),
        year_before=mood_of(add_months(newest.replace(day=1), -12)),
        wins_latest_month=len(latest.wins),
        wins_total=sum(len(e.wins) for e in entries),
        routines=[(r.habit.label, r.recent, r.window) for r in routines(entries, config)],
        top_tags=[(names[slug], count) for slug, count in sorted(tags.items(), key=lambda t: (-t[1], t[0]))[:top]],
    )


def describe(stats: Stats) -> list[str]:
    """The summary in plain sentences."""
    if not stats.entries:
        return ["No entries yet. `cairn new` starts the first one."]
    plural = "entry" if stats.entries == 1 else "entries"
    days = "day" if stats.days == 1 else "days"
    lines = [f"{stats.entries} {plural} on {stats.days} {days}, from {stats.first} to {stats.last}."]
    latest = stats.latest_month
    if latest and latest.mean_mood is not None:
        others = [_month_words(m) for m in (stats.previous_month, stats.year_before) if m is not None]
        lines.append(f"Mean mood in {latest.month}: {latest.mean_mood:.1f} ({'; '.join(others)}).")
    if latest:
        lines.append(f"Small wins: {stats.wins_latest_month} in {latest.month}, {stats.wins_total} in all.")
    for label, kept, window in stats.routines:
        lines.append(f"{label}: {kept} of the last {window} days.")
    if stats.top_tags:
        lines.append("Most used tags: " + ", ".join(f"{name} ({count})" for name, count in stats.top_tags) + ".")
    return lines


def _month_words(month: MonthMood) -> str:
    if month.mean_mood is not None:
        return f"{month.month}: {month.mean_mood:.1f}"
    return f"{month.month}: {'no moods noted' if month.entries else 'no entries from then yet'}"
