"""Bring history from another journal app into content/ as ordinary entry files.

Each format module (daylio, dayone, jrnl) reads its export into `Draft`s plus the
problems it found. This module decides what is new, picks file names that are
free, and writes. Nothing that exists is ever overwritten: files are opened with
mode "x", and an entry already imported (same `imported:` value) is skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ContentError
from generator.model import Config

KINDS = ("daylio", "dayone", "jrnl")


class UsageError(ValueError):
    """The import was asked for wrongly: unknown kind, no such file, a bad mood label mapping."""


@dataclass(frozen=True)
class Attachment:
    """A file copied next to its entry; `ref` in the body becomes the copy's name."""

    ref: str
    suffix: str
    read: Callable[[], bytes]


@dataclass(frozen=True)
class Draft:
    """One entry read from an export, not yet given a file name."""

    key: str  # the `imported:` value: source name and the source's own timestamp
    when: dt.datetime  # local date and time of the entry
    all_day: bool = False
    title: str = ""
    mood: int | None = None
    metrics: tuple[tuple[str, float], ...] = ()
    tags: tuple[str, ...] = ()
    habits: tuple[str, ...] = ()
    starred: bool = False
    extra: tuple[tuple[str, Any], ...] = ()  # further front matter, in order
    body: str = ""
    attachments: tuple[Attachment, ...] = ()


@dataclass
class Source:
    """What a format module read: the good entries, and what was wrong with the others.

    `rejected` counts entries left out; an error about the whole file rejects none
    of them by itself, and one error may stand for several entries (one unknown mood).
    """

    drafts: list[Draft] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    rejected: int = 0

    def reject(self, error: ContentError, entries: int = 1) -> None:
        self.errors.append(error)
        self.rejected += entries


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

    def summary(self) -> str:
        """One line in plain words: imported, skipped as duplicates, rejected."""
        words = ("Dry run: would import", "skip", "reject") if self.dry_run else ("Imported", "skipped", "rejected")
        photos = f" and {_count(len(self.copied), 'photo')}" if self.copied else ""
        line = (
            f"{words[0]} {_count(len(self.imported), 'entry')}{photos}, "
            f"{words[1]} {self.duplicates} already imported, {words[2]} {self.rejected_entries}"
        )
        if self.rejected and not self.readable and not self.rejected_entries:
            return line + ": the file could not be read, so nothing was written."
        if self.blocked and self.readable:
            return (
                f"{line}. Nothing was written: fix the problems above, or pass --skip-bad "
                f"to import the {_count(self.readable, 'entry')} that could be read."
            )
        return line + (". Nothing was written." if self.dry_run or self.blocked else ".")


def _count(n: int, word: str) -> str:
    plural = word[:-1] + "ies" if word.endswith("y") else word + "s"
    return f"{n} {word if n == 1 else plural}"


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
    if kind not in KINDS:
        raise UsageError(f"cannot import '{kind}': choose one of {', '.join(KINDS)}")
    if not file.exists():
        raise UsageError(f"{file}: no such file")
    if file.is_dir() and kind != "dayone":
        raise UsageError(f"{file} is a folder; give the export file itself")
    if kind == "daylio":
        from generator.importers import daylio

        source = daylio.read(file, config, mood_labels=mood_labels)
    elif kind == "dayone":
        from generator.importers import dayone

        source = dayone.read(file, config, keep_location=keep_location)
    else:
        from generator.importers import jrnl

        source = jrnl.read(file, config)
    rejected = sorted(source.errors, key=lambda e: (e.path, e.line))
    counts = {"rejected_entries": source.rejected, "readable": len(source.drafts), "dry_run": dry_run}
    if rejected and not skip_bad:
        return ImportReport([], 0, rejected, blocked=True, **counts)
    writer = _Writer(Path(journal_dir), dry_run)
    # Counted, not a set: two entries of one export may share a minute. Both are
    # written the first time, and both skipped when the export comes in again.
    seen = existing_keys(Path(journal_dir))
    duplicates = 0
    for done, draft in enumerate(sorted(source.drafts, key=lambda d: d.when), start=1):
        if tell is not None:
            tell("import", done, len(source.drafts))
        if seen[draft.key] > 0:
            seen[draft.key] -= 1
            duplicates += 1
            continue
        writer.write(draft)
    return ImportReport(writer.entries, duplicates, rejected, copied=writer.copied, **counts)


_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$", re.S | re.M)
_IMPORTED = re.compile(r"^imported:[ \t]*(\S.*?)[ \t]*\r?$", re.M)


def existing_keys(journal_dir: Path) -> Counter[str]:
    """How often each `imported:` value occurs in the journal's entries."""
    keys: Counter[str] = Counter()
    root = journal_dir / "content"
    if not root.is_dir():
        return keys
    for path in root.rglob("*.md"):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        front = _FRONT.match(text)
        for raw in _IMPORTED.findall(front.group(1)) if front else ():
            try:
                value = yaml.load(raw, Loader=yaml.BaseLoader)
            except yaml.YAMLError:
                continue
            if isinstance(value, str):
                keys[value] += 1
    return keys


class _Writer:
    """Picks free names and writes entry files (and their photos), never replacing a file."""

    def __init__(self, journal_dir: Path, dry_run: bool):
        self.root, self.dry_run = journal_dir, dry_run
        self.entries: list[str] = []
        self.copied: list[str] = []
        self._taken: set[str] = set()

    def write(self, draft: Draft) -> None:
        folder = f"content/{draft.when:%Y}/{draft.when:%m}"
        entry = self._free(folder, f"{draft.when:%Y-%m-%d}", ".md")
        body = draft.body
        for number, attachment in enumerate(draft.attachments, 1):
            name = self._free(folder, f"{entry[:-3]}-photo-{number}", f".{attachment.suffix}")
            self._create(f"{folder}/{name}", attachment.read)
            self.copied.append(f"{folder}/{name}")
            body = body.replace(attachment.ref, name)
        self._create(f"{folder}/{entry}", lambda: render_entry(draft, body).encode("utf-8"))
        self.entries.append(f"{folder}/{entry}")

    def _free(self, folder: str, stem: str, suffix: str) -> str:
        """The first of `stem`, `stem-2`, `stem-3`, ... that no file has and this run has not used."""
        number = 1
        while True:
            name = f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}"
            relative = f"{folder}/{name}"
            if relative not in self._taken and not (self.root / relative).exists():
                self._taken.add(relative)
                return name
            number += 1

    def _create(self, relative: str, data: Callable[[], bytes]) -> None:
        if self.dry_run:
            return
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as out:  # "x": fails rather than replace a file made meanwhile
            out.write(data())


def render_entry(draft: Draft, body: str) -> str:
    """The entry file: YAML front matter a person might have written, then the body."""
    when = f"{draft.when:%Y-%m-%d}" if draft.all_day else f"{draft.when:%Y-%m-%d %H:%M}"
    lines = ["---", f"date: {when}"]
    if draft.title:
        lines.append(f"title: {yaml_scalar(draft.title)}")
    if draft.mood is not None:
        lines.append(f"mood: {draft.mood}")
    lines += [f"{name}: {value:g}" for name, value in draft.metrics]
    if draft.tags:
        lines.append(f"tags: {yaml_list(draft.tags)}")
    if draft.habits:
        lines.append(f"habits: {yaml_list(draft.habits)}")
    if draft.starred:
        lines.append("starred: true")
    for key, value in draft.extra:
        dumped = yaml.safe_dump(
            {key: value}, default_flow_style=False, sort_keys=False, allow_unicode=True, width=_WIDE
        )
        lines.append(dumped.rstrip("\n"))
    lines += [f"imported: {yaml_scalar(draft.key)}", "---"]
    text = "\n".join(lines) + "\n"
    body = body.strip("\n")
    return text + body + "\n" if body else text


_WIDE = 1_000_000
# Plain scalars the journal's own YAML reading would take for a number or a date.
_LOOKS_TYPED = re.compile(r"[-+.~\d]")


def yaml_scalar(text: str) -> str:
    """`text` as a one-line YAML value, quoted only when it has to be."""
    dumped = yaml.safe_dump(text, default_flow_style=True, allow_unicode=True, width=_WIDE)
    plain = dumped.removesuffix("\n").removesuffix("\n...")
    return _quote(text) if plain == text and _LOOKS_TYPED.match(text) else plain


def yaml_list(items: tuple[str, ...]) -> str:
    """`[a, b]`, each item quoted only when it has to be."""
    out = []
    for item in items:
        plain = yaml.safe_dump([item], default_flow_style=True, allow_unicode=True, width=_WIDE).strip()[1:-1]
        out.append(_quote(item) if plain == item and _LOOKS_TYPED.match(item) else plain)
    return "[" + ", ".join(out) + "]"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
