"""The fidelity report: what became of each field, shared minutes, and time zones, in plain words."""

from __future__ import annotations

from collections import Counter

from generator.importers.draft import Draft, Note

_FATES = ("kept", "converted", "dropped")


def count(n: int, word: str) -> str:
    plural = word[:-1] + "ies" if word.endswith("y") else word + "s"
    return f"{n} {word if n == 1 else plural}"


def describe(drafts: list[Draft], timezone: str, advice: list[str] | None = None) -> list[str]:
    """Lines for the terminal about the entries that were (or would be) written."""
    if not drafts:
        return []
    lines = [f"What came across, for {count(len(drafts), 'entry')}:"]
    notes: Counter[Note] = Counter(note for draft in drafts for note in dict.fromkeys(draft.notes))
    order = {note: index for index, note in enumerate(dict.fromkeys(n for d in drafts for n in d.notes))}
    for note in sorted(notes, key=lambda n: (_FATES.index(n.fate), order[n])):
        line = f"  {note.field}: {note.fate} in {count(notes[note], 'entry')}"
        line += f" ({note.how})" if note.how else ""
        lines.append(line + (f"; {note.todo}" if note.todo else ""))
    lines += _shared_minutes(drafts) + _zones(drafts, timezone) + [f"  {a}" for a in advice or ()]
    return lines


def _shared_minutes(drafts: list[Draft]) -> list[str]:
    minutes = Counter(d.when.replace(second=0, microsecond=0) for d in drafts if not d.all_day)
    shared = sum(n for n in minutes.values() if n > 1)
    if not shared:
        return []
    return [
        f"  {count(shared, 'entry')} share a date and time with another: each is its own file "
        "(the second of a day is named like 2020-01-01-2.md), nothing was joined"
    ]


def _zones(drafts: list[Draft], timezone: str) -> list[str]:
    zones = Counter(d.zone for d in drafts if d.zone and d.zone != timezone)
    lines = []
    for zone, n in sorted(zones.items()):
        lines.append(
            f"  {count(n, 'entry')} {'was' if n == 1 else 'were'} written in {zone}, not the journal's {timezone}: "
            "each keeps the date and time where it was written; nothing to do"
        )
    return lines
