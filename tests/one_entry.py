"""A journal on its first day: one entry, two routines declared, one of them kept.

The pages of a one-day journal are where numbers could judge most easily ("1 of the last
14 days", "100% low days"), so tests build it as well as the sample journal.
"""

from __future__ import annotations

from pathlib import Path

FILES = {
    "journal.yaml": (
        "title: First steps\n"
        "habits:\n"
        "  walk: Went for a walk\n"
        "  meds: Took medication\n"
        "metrics:\n"
        "  sleep: {label: Sleep, unit: hours, min: 0, max: 14}\n"
    ),
    "content/2026/12/2026-12-01.md": (
        "---\n"
        "mood: 2\n"
        "sleep: 6\n"
        "wins: [Wrote this down]\n"
        "emotions: [tired, hopeful]\n"
        "habits: [walk]\n"
        "tags: [start]\n"
        "---\n"
        "A first entry. The rest can wait until tomorrow.\n"
    ),
}


def write_one_entry_journal(root: Path) -> Path:
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
