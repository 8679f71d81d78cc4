"""Which files under content/ are read, and the date a file's name gives.

Skipped: names that start with `.` or `_` (and editor backups ending in `~`), and
the folders listed in `exclude:`. A date in the name is `2026-11-23` at the start
(`2026-11-23-evening.md`, or `2024-12-5`), or `20261123` anywhere
(`Diary-20261123.md`); `05-01-2021` could be May or January, so it is never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

CONTENT_DIR = "content"
ENTRY_SUFFIXES = (".md", ".markdown")
_PREFIX = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[-_ .]+(.*))?$")
_COMPACT = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")
_DAY_FIRST_OR_MONTH_FIRST = re.compile(r"(?<!\d)(\d{1,2})[-.](\d{1,2})[-.](\d{4})(?!\d)")


@dataclass(frozen=True)
class NameDate:
    date: dt.date | None
    rest: str  # the entry's part of the URL on a shared day: the name after a leading date
    unsure: str = ""  # a date-like part that could be read two ways


def date_in_name(stem: str) -> NameDate:
    prefix = _PREFIX.match(stem)
    if prefix:
        return NameDate(_date(*prefix.groups()[:3]), prefix.group(4) or "")
    compact = _COMPACT.search(stem)
    if compact and _date(*compact.groups()):
        return NameDate(_date(*compact.groups()), stem)  # D-20210101 and 20210101-D stay apart
    unsure = _DAY_FIRST_OR_MONTH_FIRST.search(stem)
    return NameDate(None, stem, unsure.group(0) if unsure else "")


def _date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_entry_files(journal: Path, exclude: tuple[str, ...] = ()) -> list[Path]:
    """Markdown files below content/ (.md or .markdown), but for skipped ones."""
    return [p for p in _files(journal, exclude) if p.suffix in ENTRY_SUFFIXES]


def find_asset_files(journal: Path, exclude: tuple[str, ...] = ()) -> list[Path]:
    """Images and other files beside the entries, copied as they are."""
    return [p for p in _files(journal, exclude) if p.suffix not in ENTRY_SUFFIXES]


def _files(journal: Path, exclude: tuple[str, ...]) -> list[Path]:
    root = journal / CONTENT_DIR
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not _skipped(p.relative_to(root), exclude))


def _skipped(relative: Path, exclude: tuple[str, ...]) -> bool:
    """A name in `exclude:` skips every folder so named; a path (notes/old) that one folder."""
    parts = relative.parts
    if any(part.startswith((".", "_")) or part.endswith("~") for part in parts):
        return True
    folders = ["/".join(parts[: n + 1]) for n in range(len(parts) - 1)]
    return any(item in folders or ("/" not in item and item in parts[:-1]) for item in exclude)
