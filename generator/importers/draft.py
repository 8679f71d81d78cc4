"""What a format module hands back: entries read from an export, and what was wrong."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.errors import ContentError


class UsageError(ValueError):
    """The import was asked for wrongly: unknown kind, no such file, a bad mood label mapping."""


@dataclass(frozen=True)
class Attachment:
    """A file copied next to its entry; `ref` in the body becomes the copy's name."""

    ref: str
    suffix: str
    read: Callable[[], bytes]


@dataclass(frozen=True)
class Note:
    """What became of one field of one entry, for the fidelity report.

    `fate` is "kept", "converted" or "dropped"; `how` says in a few words what was
    done, and `todo` what the person can do about it (empty when nothing is needed).
    """

    field: str
    fate: str
    how: str = ""
    todo: str = ""


def kept(name: str) -> Note:
    return Note(name, "kept")


def converted(name: str, how: str, todo: str = "") -> Note:
    return Note(name, "converted", how, todo)


def dropped(name: str, how: str, todo: str = "") -> Note:
    return Note(name, "dropped", how, todo)


@dataclass(frozen=True)
class Draft:
    """One entry read from an export, not yet given a file name.

    `key` becomes the `imported:` value: where it came from, its own timestamp and a
    digest of what it says, so two entries at one minute are two entries, and the
    same entry exported twice is one.
    """

    key: str
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
    notes: tuple[Note, ...] = ()
    zone: str = ""  # the time zone the entry was written in, when the export says
    path_hint: str = ""  # a file name below content/ to use when it is free (Cairn's own export)


def identity(app: str, when: dt.datetime | str, *said: object) -> str:
    """The `imported:` value: `jrnl 2020-01-01 08:00 3f2a9c1e`, from the time and what the entry says."""
    stamp = when if isinstance(when, str) else f"{when.year:04d}-{when:%m-%d %H:%M}"
    digest = hashlib.sha256("\x1f".join(str(part) for part in said).encode("utf-8")).hexdigest()[:8]
    return f"{app} {stamp} {digest}"


@dataclass
class Source:
    """What a format module read: the good entries, and what was wrong with the others.

    `rejected` counts entries left out; an error about the whole file rejects none
    of them by itself, and one error may stand for several entries (one unknown mood).
    """

    drafts: list[Draft] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    rejected: int = 0
    advice: list[str] = field(default_factory=list)  # said once after the report, e.g. what to declare

    def reject(self, error: ContentError, entries: int = 1) -> None:
        self.errors.append(error)
        self.rejected += entries
