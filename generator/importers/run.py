"""Bring history from another journal app into content/ as ordinary entry files.

Each format in `registry.FORMATS` reads its export into `Draft`s plus the problems it
found. This module decides what is new, and `writing` picks file names that are
free and writes. Nothing that exists is ever overwritten: files are opened with
mode "x". An entry is already there when an entry file carries its `imported:`
value, which names the app, the entry's time and a digest of what it says.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ContentError
from generator.importers.draft import Attachment, Draft, Note, Source, UsageError, identity
from generator.importers.fidelity import count, describe
from generator.importers.registry import FORMATS, Options, find_format
from generator.importers.writing import Writer, existing_keys, render_entry, yaml_list, yaml_scalar
from generator.model import Config

__all__ = [
    "FORMATS",
    "Attachment",
    "Draft",
    "ImportReport",
    "ImportStopped",
    "Note",
    "Source",
    "UsageError",
    "identity",
    "render_entry",
    "run_import",
    "yaml_list",
    "yaml_scalar",
]


@dataclass(frozen=True)
class ImportReport:
    imported: list[str]  # entry files written (or, in a dry run, that would be)
    duplicates: int  # entries skipped because they were imported before
    rejected: list[ContentError]  # what could not be read, as `path:line: message`
    rejected_entries: int = 0  # how many entries those problems left out
    readable: int = 0  # entries read without a problem
    copied: list[str] = field(default_factory=list)  # photos copied beside entries
    dry_run: bool = False
    blocked: bool = False  # problems stopped the import (no --skip-bad): nothing was written
    fidelity: list[str] = field(default_factory=list)  # what became of each field, in plain lines

    def summary(self) -> str:
        """One line in plain words: imported, skipped as duplicates, rejected."""
        words = ("Dry run: would import", "skip", "reject") if self.dry_run else ("Imported", "skipped", "rejected")
        photos = f" and {count(len(self.copied), 'photo')}" if self.copied else ""
        line = (
            f"{words[0]} {count(len(self.imported), 'entry')}{photos}, "
            f"{words[1]} {self.duplicates} already imported, {words[2]} {self.rejected_entries}"
        )
        if self.rejected and not self.readable and not self.rejected_entries:
            return line + ": the file could not be read, so nothing was written."
        if self.blocked and self.readable:
            return (
                f"{line}. Nothing was written: fix the problems above, or pass --skip-bad "
                f"to import the {count(self.readable, 'entry')} that could be read."
            )
        return line + (". Nothing was written." if self.dry_run or self.blocked else ".")


class ImportStopped(Exception):
    """Writing stopped part way (a full disk): `written` are the entry files already
    there, each whole; importing again adds only the rest."""

    def __init__(self, error: OSError, written: list[str]) -> None:
        super().__init__(error)
        self.error, self.written = error, written


def run_import(
    kind: str,
    file: Path,
    journal_dir: Path,
    config: Config,
    *,
    dry_run: bool = False,
    skip_bad: bool = False,
    keep_location: bool = False,
    mood_labels: dict[str, int] | None = None,
    tell: Callable[[str, int, int], None] | None = None,
) -> ImportReport:
    """Read `file` as a `kind` export and write its new entries below journal_dir/content.
    `tell("import", done, of)` hears how far writing them is."""
    file = Path(file)
    chosen = find_format(kind)
    if chosen is None:
        raise UsageError(f"cannot import '{kind}': choose one of {', '.join(f.name for f in FORMATS)}")
    if not file.exists():
        raise UsageError(f"{file}: no such file")
    if file.is_dir() and not chosen.folders:
        raise UsageError(f"{file} is a folder; give the export file itself")
    source = chosen.read(file, config, Options(mood_labels=mood_labels, keep_location=keep_location))
    rejected = sorted((_shown(e) for e in source.errors), key=lambda e: (e.path, e.line))
    left_out, readable = source.rejected, len(source.drafts)
    if rejected and not skip_bad:
        return ImportReport([], 0, rejected, left_out, readable, dry_run=dry_run, blocked=True)
    writer = Writer(Path(journal_dir), dry_run)
    seen = existing_keys(Path(journal_dir))
    duplicates, written = 0, []
    for done, draft in enumerate(sorted(source.drafts, key=lambda d: d.when), start=1):
        if tell is not None:
            tell("import", done, len(source.drafts))
        if _already_there(draft.key, seen):
            duplicates += 1
            continue
        try:
            writer.write(draft)
        except OSError as error:
            raise ImportStopped(error, list(writer.entries)) from None
        written.append(draft)
    fidelity = [_clean(line) for line in describe(written, config.timezone, source.advice)]
    return ImportReport(
        writer.entries, duplicates, rejected, left_out, readable, writer.copied, dry_run=dry_run, fidelity=fidelity
    )


def _already_there(key: str, seen: Counter[str]) -> bool:
    """Whether an entry file already holds this `imported:` value, using it up if so.

    Counted, not a set: an export may hold the same entry twice (same time, same
    words); both are written the first time and both skipped the next. An older
    key without a digest (`jrnl 2020-01-01 08:00`) stands for one entry at that time.
    """
    for candidate in (key, key.rsplit(" ", 1)[0]):
        if seen[candidate] > 0:
            seen[candidate] -= 1
            return True
    return False


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LONGEST = 400


def _clean(text: str) -> str:
    """Text safe to print: control characters shown as `\\x1b`, never sent; at most a few hundred characters."""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"


def _shown(error: ContentError) -> ContentError:
    return ContentError(_clean(error.path), error.line, _clean(error.message), error.warning)
