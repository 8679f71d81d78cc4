"""`cairn share NAME --dry-run`: what would go out, and what stays home and why, in words."""

from __future__ import annotations

from typing import Protocol

from generator.model import Entry, Page
from generator.share.pages import page_name
from generator.share.select import Selection, fields_of
from generator.sharespec import FIELDS, PAGES


class _Planned(Protocol):
    @property
    def pages(self) -> list[Page]: ...
    @property
    def selection(self) -> Selection | None: ...
    @property
    def entries(self) -> list[Entry]: ...


class _Edition(Protocol):
    @property
    def salt_file(self) -> str: ...


def describe(planned: _Planned, share: _Edition) -> list[str]:
    selection = planned.selection
    assert selection is not None
    spec = selection.spec
    start = f"{selection.start}" if selection.start else "the first entry"
    end = f"{selection.end}" if selection.end else "the newest entry"
    lines = [
        f"Share '{spec.name}': {spec.title}",
        f"Span: {start} to {end}. Encrypted with its own passphrase and its own salt ({share.salt_file}).",
        "",
        f"Entries that would go out ({len(selection.kept)}), each with only these fields:",
    ]
    originals = {e.source: e for e in selection.originals}
    for entry in planned.entries:
        whole = originals[entry.source]
        title = whole.title + (" (the title stays home)" if whole.has_title and not entry.has_title else "")
        shown = fields_of(entry)
        lines.append(f"  {_when(entry)}  {title}: {', '.join(shown) if shown else 'the date only'}")
    if not planned.entries:
        lines.append("  none")
    groups: dict[str, list[str]] = {}
    for page in planned.pages:
        groups.setdefault(page_name(page.url) or page.url, []).append("/" + page.url)
    lines += ["", "Pages that would go out:"]
    for name, urls in groups.items():
        count = f"{len(urls)} {'page' if len(urls) == 1 else 'pages'}"
        if name == "entry":
            lines.append(f"  entry pages ({count}): one for each entry above")
        else:
            label = "home and not-found" if name == "home" else name
            lines.append(f"  {label} ({count}): {' '.join(urls)}")
    lines += ["", f"Entries left out ({len(selection.left_out)}):"]
    for item in selection.left_out:
        lines.append(f"  {_when(item.entry)}  {item.entry.title}: {item.reason}")
    if not selection.left_out:
        lines.append("  none")
    fields_left = [f for f in FIELDS if f not in spec.show]
    pages_left = [p for p in PAGES if p not in spec.pages]
    lines += [
        "",
        "Left out of every entry (not in show): " + (", ".join(fields_left) or "nothing"),
        "Pages left out (not in pages): " + (", ".join(pages_left) or "none"),
    ]
    return lines


def _when(entry: Entry) -> str:
    """The entry's date, and its time when it has one: two entries of a day read apart."""
    return f"{entry.date} {entry.time:%H:%M}" if entry.time else f"{entry.date}"
