"""jrnl's own text format: `[YYYY-MM-DD HH:MM] Title. Body` blocks, in one file or a folder.

A header is `[date time]` at the start of a line; jrnl 1.9 wrote it without the
brackets after a blank line (`2013-06-10 15:40 Title`). Dates may be little-endian
(`09.06.2013`), times 12-hour with seconds (`11:11:00 AM`). The title is the first
sentence of the header line; a `*` at its end stars the entry. `@tags` anywhere in
the text are tags (an e-mail address is not). A folder journal keeps one file per
day at `YYYY/MM/DD.txt`; other files in it are not part of the journal.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from generator.errors import ContentError
from generator.importers.draft import Draft, Source, converted, identity, kept
from generator.importers.reading import decode

_DATE = r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})"
_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?"
_BRACKETED = re.compile(rf"^\[{_DATE}[ T]{_TIME}\][ \t]?(.*)$")
_LEGACY = re.compile(rf"^{_DATE} {_TIME} (.*)$")
_SOMETHING_IN_BRACKETS = re.compile(r"^\[([^\]\n]{1,60})\][ \t]?(.*)$")
_SENTENCE = re.compile(r"[.?!]+[\"')\]]*(?=\s|$)")
_TAG = re.compile(r"(?<![\w@])@([\w][\w+#/&'-]*[\w+#])|(?<![\w@])@(\w)")
_DAY_FILE = re.compile(r"^\d{4}/\d{2}/\d{2}\.txt$")


def looks_like_text_journal(raw: bytes) -> bool:
    """Whether a file is jrnl's text format rather than its JSON export."""
    return not raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def read_folder(folder: Path, source: Source) -> list[str]:
    """Every `YYYY/MM/DD.txt` below a folder journal; the names of the files left alone."""
    ignored = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if _DAY_FILE.match(relative):
            read_text(path, path.read_bytes(), source)
        elif not relative.startswith("."):
            ignored.append(relative)
    return ignored


def read_text(path: Path, raw: bytes, source: Source) -> None:
    name = str(path)
    text, problem = decode(name, raw)
    if problem or text is None:
        source.reject(problem or ContentError(name, 0, "cannot be read"), 0)
        return
    lines = text.split("\n")
    entries: list[tuple[int, dt.datetime, list[str]]] = []
    preamble: list[int] = []  # lines with text before the first entry
    current: list[str] | None = None
    for number, line in enumerate(lines, 1):
        blank_before = number == 1 or not lines[number - 2].strip()
        header = _BRACKETED.match(line) or (_LEGACY.match(line) if blank_before else None)
        if header:
            try:
                when = _moment(header)
            except ValueError as error:
                source.reject(ContentError(name, number, f"{error}; the entry is left out"))
                current = []  # its lines go with it
                continue
            current = [header.group(6)]
            entries.append((number, when, current))
            continue
        odd = _SOMETHING_IN_BRACKETS.match(line)
        if odd and _looks_like_a_date(odd[1]):
            shown = odd[1][:40]
            message = f"[{shown}] is not a date and time like [2020-08-29 11:11]; the entry is left out"
            source.reject(ContentError(name, number, message))
            current = []
            continue
        if current is None:
            if line.strip():
                preamble.append(number)
            continue
        current.append(line)
    if preamble:
        message = (
            f"{len(preamble)} lines before the first entry have no date, so they are left out "
            "(jrnl starts each entry with a line like [2020-08-29 11:11] Title.)"
        )
        source.reject(ContentError(name, preamble[0], message))
    for _line, when, block in entries:
        source.drafts.append(_draft(when, block))


def _looks_like_a_date(inside: str) -> bool:
    """`[2019-07 14:23]` or `[ashasd7zdskhz7]` were meant as a header; `[1]` or `[see here]` are text."""
    return bool(re.search(r"\d", inside)) and (bool(re.search(r"\d[:\-./]\d", inside)) or len(inside) >= 12)


def _moment(header: re.Match[str]) -> dt.datetime:
    date, hour, minute, second, half = header.group(1, 2, 3, 4, 5)
    if "." in date:
        day, month, year = (int(x) for x in date.split("."))
    else:
        year, month, day = (int(x) for x in date.split("-"))
    hours = int(hour)
    if half:
        if not 1 <= hours <= 12:
            raise ValueError(f"{hour}:{minute} {half.upper()}M is not a time on a 12-hour clock")
        hours = hours % 12 + (12 if half.lower() == "p" else 0)
    try:
        return dt.datetime(year, month, day, hours, int(minute), int(second or 0))
    except ValueError:
        raise ValueError(f"{date} {hour}:{minute} is not a real date and time") from None


def _draft(when: dt.datetime, block: list[str]) -> Draft:
    first, rest = block[0].rstrip(), [line.rstrip() for line in block[1:]]
    starred = first.endswith("*")
    if starred:
        first = first[:-1].rstrip()
    end = _SENTENCE.search(first)
    title, after = (first[: end.end()], first[end.end() :].strip()) if end else (first, "")
    body = "\n".join([after, *rest] if after else rest).strip("\n")
    tags = tags_in(f"{title}\n{body}")
    notes = [kept("title")] + ([kept("body")] if body else []) + ([kept("starred")] if starred else [])
    if tags:
        notes.append(converted("@tags", "to tags, lower case as jrnl counts them; the text keeps them as written"))
    return Draft(
        key=identity("jrnl", when, title.strip(), body.strip()),
        when=when.replace(second=0),
        title=title.strip(),
        tags=tags,
        starred=starred,
        body=body,
        notes=tuple(notes),
    )


def tags_in(text: str) -> tuple[str, ...]:
    """`@idea`, `@C++`, `@OS/2` in the text, lower case, each once; never the end of an e-mail address."""
    found: dict[str, None] = {}
    for match in _TAG.finditer(text):
        found.setdefault((match[1] or match[2]).casefold(), None)
    return tuple(found)
