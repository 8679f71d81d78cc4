"""Which files under content/ are read, and the date a file's name gives.

Skipped: names that start with `.` or `_` (and editor backups ending in `~`), and
the folders listed in `exclude:`. A date in the name is `2026-11-23` at the start
(`2026-11-23-evening.md`, or `2024-12-5`), or `20261123` anywhere
(`Diary-20261123.md`). Day and month first (`23-11-2026`, `05.01.2021`) are never read:
`05-01-2021` could be May or January, and `01-01-2021` beside `01.01.2021` would be two
entries of one name; the warning names the date to start the file name with instead.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ContentError

CONTENT_DIR = "content"
PLAN_FILE = "plan.md"  # the person's plan for hard days, at the journal's root
ENTRY_SUFFIXES = (".md", ".markdown")
_PREFIX = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[-_ .]+(.*))?$")
_COMPACT = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")
_DAY_FIRST_OR_MONTH_FIRST = re.compile(r"(?<!\d)(\d{1,2})[-.](\d{1,2})[-.](\d{4})(?!\d)")


@dataclass(frozen=True)
class NameDate:
    date: dt.date | None
    rest: str  # the entry's part of the URL on a shared day: the name after a leading date
    day_first: str = ""  # a part of the name with the year last ("05-01-2021"), not read
    readings: tuple[dt.date, ...] = ()  # the dates it could be, day first then month first


def date_in_name(stem: str) -> NameDate:
    prefix = _PREFIX.match(stem)
    if prefix:
        return NameDate(_date(*prefix.groups()[:3]), prefix.group(4) or "")
    compact = _COMPACT.search(stem)
    if compact and _date(*compact.groups()):
        return NameDate(_date(*compact.groups()), stem)  # D-20210101 and 20210101-D stay apart
    either = _DAY_FIRST_OR_MONTH_FIRST.search(stem)
    if either is None:
        return NameDate(None, stem)
    first, second, year = either.groups()
    readings = (_date(year, second, first), _date(year, first, second))
    return NameDate(None, stem, either.group(0), tuple(dict.fromkeys(d for d in readings if d is not None)))


def not_an_entry(named: NameDate) -> str:
    """Why a file with no date is no entry, and how to make it one."""
    if not named.readings:
        return (
            "has no date, so it is not an entry: to make it one, add `date: YYYY-MM-DD` "
            "to its front matter or start its file name with the date"
        )
    written = f"has {named.day_first} in its name"
    if len(named.readings) == 1:
        iso = named.readings[0].isoformat()
        return (
            f"{written}, but a date in a name is read year first, so it is not an entry: "
            f"to make it one, start its file name with {iso} or add `date: {iso}` to its front matter"
        )
    one, other = named.readings
    return (
        f"{written}, which could be {one.day} {one:%B} or {other.day} {other:%B %Y}, so it is not an entry: "
        f"to make it one, start its file name with {one.isoformat()} or {other.isoformat()}, whichever it is"
    )


def _date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_entry_files(journal: Path, exclude: tuple[str, ...] = ()) -> list[Path]:
    """Markdown files below content/ (.md or .markdown), but for skipped ones."""
    return content_files(journal, exclude)[0]


def content_files(journal: Path, exclude: tuple[str, ...] = ()) -> tuple[list[Path], list[Path]]:
    """find_entry_files and find_asset_files from one walk of content/ (a build needs both,
    and walking ten years of entries costs some 30 ms)."""
    entries: list[Path] = []
    assets: list[Path] = []
    for parts, path in _walk(journal, exclude):
        (entries if _is_entry_name(parts[-1]) else assets).append(Path(path))
    return entries, assets


def content_names(journal: Path, exclude: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """content_files as names relative to the journal, in posix text ("content/2026/11/
    2026-11-23.md"), as a build names them: a Path for each of ten years of files costs
    three times what the walk does."""
    entries: list[str] = []
    assets: list[str] = []
    for parts, _ in _walk(journal, exclude):
        (entries if _is_entry_name(parts[-1]) else assets).append("/".join((CONTENT_DIR, *parts)))
    return entries, assets


def _is_entry_name(name: str) -> bool:
    return name.endswith(ENTRY_SUFFIXES)  # as Path(name).suffix, for names not hidden


def dangling_entries(journal: Path, exclude: tuple[str, ...] = ()) -> list[ContentError]:
    """A warning for each entry name below content/ that is a symbolic link to nothing:
    no entry can be read from it, and leaving it out without a word would lose it silently."""
    return [
        ContentError(
            link.relative_to(journal).as_posix(),
            0,
            f"is a symbolic link to {os.readlink(link)}, which is not there; no entry was read from it",
            warning=True,
        )
        for link in _files(journal, exclude, dangling=True)
        if link.suffix in ENTRY_SUFFIXES
    ]


def find_asset_files(journal: Path, exclude: tuple[str, ...] = ()) -> list[Path]:
    """Images and other files beside the entries, copied as they are."""
    return content_files(journal, exclude)[1]


def _files(journal: Path, exclude: tuple[str, ...], *, dangling: bool = False) -> list[Path]:
    return [Path(path) for _, path in _walk(journal, exclude, dangling=dangling)]


def _walk(journal: Path, exclude: tuple[str, ...], *, dangling: bool = False) -> list[tuple[tuple[str, ...], str]]:
    """Every file below content/ that is not skipped (or, `dangling`, every symbolic link
    to nothing), as its names below content/ and its path, in path order. Walked with
    os.scandir: a skipped folder is never entered, and nothing is looked at twice."""
    root = journal / CONTENT_DIR
    found: list[tuple[tuple[str, ...], str]] = []
    folders: list[tuple[tuple[str, ...], str]] = [((), str(root))] if root.is_dir() else []
    while folders:
        parts, folder = folders.pop()
        try:
            listing = list(os.scandir(folder))
        except OSError:
            continue
        for item in listing:
            inner = (*parts, item.name)
            if _skipped_name(item.name):
                continue
            try:
                if item.is_dir(follow_symlinks=False):
                    if not _excluded(inner, exclude):
                        folders.append((inner, item.path))
                elif _dangling(item) if dangling else item.is_file():
                    found.append((inner, item.path))
            except OSError:
                continue
    return sorted(found)


def relative_name(path: Path, journal: Path) -> str:
    """The path relative to the journal, as posix text (as pathlib's relative_to, faster)."""
    text, root = str(path), str(journal)
    if os.sep == "/" and text.startswith(root + "/"):
        return text[len(root) + 1 :]
    return path.relative_to(journal).as_posix()


def _dangling(item: os.DirEntry) -> bool:
    return item.is_symlink() and not os.path.exists(item.path)


def _skipped_name(name: str) -> bool:
    return name.startswith((".", "_")) or name.endswith("~")


def _excluded(folder: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    """A name in `exclude:` skips every folder so named; a path (notes/old) that one folder."""
    return any(item == "/".join(folder) or item == folder[-1] for item in exclude)
