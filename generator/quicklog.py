"""`cairn log`: a mood, a line, a win, added to the day's entry in seconds, without an editor.

The day's file is created when there is none; otherwise what is there stays exactly as it
was and the new things are added (see frontmatter_edit). The result is checked like a build
before anything is written, and written atomically, so nothing is ever lost.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.content import read_entry
from generator.errors import BuildFailed, ContentError, suggest
from generator.frontmatter_edit import CannotEdit, extend_list, set_scalar, yaml_item
from generator.model import Config, Entry
from generator.scaffold import entry_path, find_day_entry
from generator.write import create_new

_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_ATTEMPTS = 5  # another program writing the same file at the same moment: read it again


@dataclass(frozen=True)
class QuickEntry:
    """What one `cairn log` adds. Mood and metrics as typed, so a wrong one is reported as typed."""

    mood: str | None = None
    line: str = ""
    wins: tuple[str, ...] = ()
    coping: tuple[str, ...] = ()
    emotions: tuple[str, ...] = ()
    habits: tuple[str, ...] = ()
    metrics: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Logged:
    path: Path
    created: bool
    changed: bool
    warnings: list[ContentError] = field(default_factory=list)
    another: bool = False  # a second entry for the day, for a mood unlike the first one's


def read_quick_entry(
    words: list[str],
    wins: list[str],
    helped: list[str],
    feelings: list[str],
    habits: list[str],
    metric_pairs: list[str],
    config: Config,
) -> QuickEntry:
    """The command line's words and flags as a QuickEntry. Raises ValueError for a usage mistake."""
    mood = read_mood(words[0], config) if words else None
    line = " ".join(words[1:] if mood is not None else words)
    metrics = []
    for pair in metric_pairs:
        name, _, value = (part.strip() for part in pair.partition("="))
        if not value:
            raise ValueError(f"--metric must look like NAME=N, for example --metric sleep=7.5 (got {pair!r})")
        if config.metric(name) is None:
            names = [m.name for m in config.metrics]
            hint = suggest(name, names)
            declared = f"journal.yaml declares: {', '.join(names)}" if names else "journal.yaml declares none"
            raise ValueError(f"there is no metric called '{name}' ({f'did you mean {hint!r}?' if hint else declared})")
        metrics.append((name, value))
    quick = QuickEntry(mood, line, tuple(wins), tuple(helped), tuple(feelings), tuple(habits), tuple(metrics))
    if quick == QuickEntry():
        raise ValueError(
            'give cairn log something to add: a mood, a line, or --win, --helped, --feeling, --habit (cairn log 3 "a quiet day")'
        )
    return quick


def read_mood(word: str, config: Config) -> str | None:
    """A first word that is a mood: a number (checked later, against the scale), a label or an alias."""
    if _is_number(word):
        return word
    level = config.mood.level_of(word)
    return None if level is None else str(level)


def log_entry(
    journal: Path, config: Config, date: dt.date, quick: QuickEntry, now: dt.datetime | None = None
) -> Logged:
    """Add `quick` to the day's entry. A mood unlike the one the day's entry holds starts the
    day's next entry instead, named by the time (2026-11-23-2130.md): moods change within a
    day, and what is written is never changed. Raises BuildFailed, writing nothing, when the
    result would not build."""
    for _ in range(_ATTEMPTS):
        first = find_day_entry(journal, date, exclude=config.exclude) or entry_path(journal, date)
        path, start = _latest(first), None
        before = path.read_bytes() if path.exists() else None
        try:
            after, warnings = _added(_name(journal, path), before, date, quick, config)
        except _AnotherMood as differs:
            tried = path
            path, start = _next_entry(first, config, date, now)
            if path == tried:  # the day's next entry of this very minute holds another mood too
                raise BuildFailed([ContentError(_name(journal, path), differs.line, str(differs))]) from None
            before = path.read_bytes() if path.exists() else None
            after, warnings = _added(_name(journal, path), before, date, quick, config, start)
        if after == before:
            return Logged(path, False, False, warnings, start is not None)
        if _write(path, before, after):
            return Logged(path, before is None, True, warnings, start is not None)
    raise BuildFailed(
        [ContentError(_name(journal, path), 0, "kept changing while cairn log was adding to it; nothing was written")]
    )


class _AnotherMood(CannotEdit):
    """The entry holds a mood other than the one logged: the day's next entry takes it."""


def _name(journal: Path, path: Path) -> str:
    return path.relative_to(journal).as_posix()


def _latest(first: Path) -> Path:
    """The day's entry that cairn log adds to: the last one it started, or the first."""
    later = sorted(first.parent.glob(f"{first.stem}-[0-2][0-9][0-5][0-9]{first.suffix}"))
    return later[-1] if later else first


def _next_entry(first: Path, config: Config, date: dt.date, now: dt.datetime | None) -> tuple[Path, str]:
    """The day's next entry, named by the clock in the journal's time zone, and how it starts.
    After midnight, still counted for the day before, it carries the day alone: its own
    date and time would say another day."""
    here = (now or dt.datetime.now(dt.UTC)).astimezone(ZoneInfo(config.timezone))
    path = first.with_name(f"{first.stem}-{here:%H%M}{first.suffix}")
    written = f"{date.isoformat()} {here:%H:%M}" if here.date() == date else date.isoformat()
    return path, f"---\ndate: {written}\n---\n"


def _added(
    name: str, before: bytes | None, date: dt.date, quick: QuickEntry, config: Config, start: str | None = None
) -> tuple[bytes, list[ContentError]]:
    raw = before if before is not None else (start or f"---\ndate: {date.isoformat()}\n---\n").encode()
    entry, problems = read_entry(name, raw, config)
    errors = [p for p in problems if not p.warning]
    if errors or entry is None:
        raise BuildFailed(errors or [ContentError(name, 1, "cannot be read as an entry")])
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    try:
        text = _add_to_text(text, entry, quick, config)
    except _AnotherMood:
        raise
    except CannotEdit as error:
        raise BuildFailed([ContentError(name, error.line, str(error))]) from None
    if crlf:
        text = text.replace("\n", "\r\n")
    after = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    if after == raw and before is not None:
        return before, []
    _, new_problems = read_entry(name, after, config)
    errors = [p for p in new_problems if not p.warning]
    if errors:
        raise BuildFailed(errors)
    known = {p.message for p in problems}
    return after, [p for p in new_problems if p.message not in known]


def _add_to_text(text: str, entry: Entry, quick: QuickEntry, config: Config) -> str:
    if text.startswith("+++"):
        raise CannotEdit(1, "has TOML front matter (+++), which cairn log does not edit; add to it by hand")
    text_alone = not text.startswith("---\n")
    if text_alone:
        text = "---\n---\n" + text  # gains front matter if something goes there; its date stays in its name
    closing = _CLOSING.search(text, 4)
    assert closing is not None  # read_entry has checked the front matter is closed
    front, rest = text[4 : closing.start()], text[closing.start() :]
    if quick.mood is not None:
        front = _set_once(front, "mood", quick.mood, entry.mood, entry.lines.get("mood", 0), _AnotherMood)
    values = entry.metric_values
    for name, typed in quick.metrics:
        front = _set_once(front, name, typed, values.get(name), entry.lines.get(name, 0))
    declared = {habit.name.casefold(): habit.name for habit in config.habits}
    habits = tuple(declared.get(h.casefold(), h) for h in _split(quick.habits))
    for key, items, present in (
        ("wins", quick.wins, entry.wins),
        ("emotions", _split(quick.emotions), entry.emotions),
        ("habits", habits, entry.habits),
        ("coping", quick.coping, entry.coping),
    ):
        front = extend_list(front, key, list(items), present)
    text = rest.removeprefix("---\n") if text_alone and not front else text[:4] + front + rest
    if quick.line.strip():
        body = text if text_alone and not front else text[4 + len(front) :].partition("\n")[2]
        text += "" if not body or text.endswith("\n\n") else "\n" if text.endswith("\n") else "\n\n"
        text += quick.line.strip() + "\n"
    return text


def _split(items: tuple[str, ...]) -> tuple[str, ...]:
    """`--feeling "tired, hopeful"` is two feelings, as `emotions: tired, hopeful` is."""
    return tuple(part.strip() for item in items for part in item.split(",") if part.strip())


def _set_once(
    front: str, key: str, typed: str, present: float | None, line: int, refused: type[CannotEdit] = CannotEdit
) -> str:
    """Fill in a number the entry does not have yet; never change one already written."""
    if present is None:
        return set_scalar(front, key, typed if _is_number(typed) else yaml_item(typed))
    if _is_number(typed) and float(typed) == present:
        return front
    shown = f"{present:g}" if isinstance(present, float) else str(present)
    raise refused(
        line, f"{key} is already {shown} here, and cairn log never changes what is written; edit the file to change it"
    )


def _is_number(text: str) -> bool:
    return re.fullmatch(r"[-+]?\d+(?:\.\d+)?", text) is not None


def _write(path: Path, before: bytes | None, after: bytes) -> bool:
    """Write atomically. False when the file changed (or appeared) since it was read."""
    if before is None:
        return create_new(path, after)  # never over a file made meanwhile, never half a file
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(after)
            out.flush()
            os.fsync(out.fileno())
        if path.read_bytes() != before:
            return False
        shutil.copymode(path, temporary)
        os.replace(temporary, path)
        return True
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
