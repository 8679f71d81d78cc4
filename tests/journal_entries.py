"""Entries built in code for the insight and chart tests: only the fields that matter."""

from __future__ import annotations

import datetime as dt

from generator.model import Entry


def entry(day: str, mood: int | None = None, **fields) -> Entry:
    """entry("2026-03-01", 3, wins=("Walked",)) -> an Entry on that day."""
    date = dt.date.fromisoformat(day)
    slug = fields.pop("slug", "")
    return Entry(source=f"content/{day}{slug}.md", date=date, title=day, slug=slug, mood=mood, url=f"{day}/", **fields)


def date(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


def ten_days() -> list[Entry]:
    """1-10 March 2026, with two entries on the 3rd and none on the 5th.

    Day moods: 3, 4, 1.5, 3, -, 1, 4, 4, 2, 5. Low days (1 or 2 of 5): the 3rd, 6th and 9th.
    """
    return [
        entry("2026-03-01", 3, wins=("Got up before nine",), habits=("walk",), tags=("walk",)),
        entry("2026-03-02", 4, wins=("Texted Sam back", "Cooked"), tags=("Walk", "therapy")),
        entry("2026-03-03", 2, coping=("walk", "called Sam"), emotions=("tired", "hopeful")),
        entry("2026-03-03", 1, coping=("Walk",), slug="-evening"),
        entry("2026-03-04", 3),
        entry("2026-03-06", 1, coping=("walk",)),
        entry("2026-03-07", 4, habits=("walk",), tags=("therapy",)),
        entry("2026-03-08", 4, wins=("Finished the book",), tags=("walk",)),
        entry("2026-03-09", 2, coping=("breathing",), emotions=("Tired",)),
        entry("2026-03-10", 5, wins=("Ran", "Slept", "Laughed")),
    ]
