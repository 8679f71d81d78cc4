"""jrnl: its JSON export (`jrnl --format json`) here, its own text format in `jrnl_text`.

`{"tags": {...}, "entries": [{"title", "body", "date": "YYYY-MM-DD", "time": "HH:MM",
"tags": ["@tag"], "starred": bool}]}`; journals kept in Day One add `uuid` and
`creator`, which are not needed. There is no time zone: the time is local.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from generator.errors import ContentError
from generator.importers.draft import Draft, Source, identity, kept
from generator.importers.fidelity import count
from generator.importers.jrnl_text import looks_like_text_journal, read_folder, read_text
from generator.importers.reading import entry_lines, line_of, load_json, one_line, type_name
from generator.importers.registry import Options
from generator.model import Config

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?$")


def read(path: Path, config: Config, options: Options) -> Source:
    name = str(path)
    source = Source()
    if path.is_dir():
        ignored = read_folder(path, source)
        if ignored:
            files = count(len(ignored), "file")
            source.advice.append(
                f"{files} in the folder {'is' if len(ignored) == 1 else 'are'} not named like a jrnl day "
                f"(YYYY/MM/DD.txt) and left alone, for example {ignored[0]}"
            )
        return source
    raw = path.read_bytes()
    if path.suffix.lower() != ".json" and looks_like_text_journal(raw):
        read_text(path, raw, source)
        if not source.drafts and not source.errors:
            source.advice.append(f"{name} holds no entries")
        return source
    data, problem = load_json(name, raw, "a jrnl JSON export")
    if problem:
        source.reject(problem, 0)
        return source
    lines = entry_lines(raw)
    for number, raw in enumerate(data["entries"], 1):
        try:
            source.drafts.append(_draft(raw))
        except ValueError as error:
            source.reject(ContentError(name, line_of(lines, number), f"entry {number}: {error}"))
    return source


def _draft(raw: Any) -> Draft:
    if not isinstance(raw, dict):
        raise ValueError(f"is {type_name(raw)}, not an entry")
    date, time = _text(raw, "date"), _text(raw, "time")
    day = _day(date)
    if day is None:
        raise ValueError(f"date '{date}' is not a date like 2020-06-28")
    match = _TIME.match(time)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"time '{time}' is not a time like 18:22")
    when = dt.datetime.combine(day, dt.time(int(match[1]), int(match[2])))
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError(f"tags must be a list of texts (got {type_name(tags)})")
    starred = raw.get("starred", False)
    if not isinstance(starred, bool):
        raise ValueError(f"starred must be true or false (got {type_name(starred)})")
    names: list[str] = []
    for tag in tags:
        tag = one_line(tag).lstrip("@")
        if tag and tag not in names:
            names.append(tag)
    title = one_line(_text(raw, "title", required=False))
    body = _text(raw, "body", required=False).replace("\r\n", "\n").strip()
    notes = [kept("title")] + [kept(k) for k, v in (("body", body), ("tags", names), ("starred", starred)) if v]
    return Draft(
        key=identity("jrnl", when, title.strip(), body.strip()),
        when=when,
        title=title,
        tags=tuple(names),
        starred=starred,
        body=body,
        notes=tuple(notes),
    )


def _text(raw: dict, key: str, required: bool = True) -> str:
    value = raw.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        got = "nothing" if value is None else type_name(value)
        raise ValueError(f"{key} must be text (got {got})")
    return value.strip()


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if _DATE.match(text) else None
    except ValueError:  # 2020-02-30
        return None
