"""jrnl's JSON export (`jrnl --format json`).

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
from generator.importers import Draft, Source
from generator.importers.reading import load_json, one_line, type_name
from generator.model import Config

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?$")


def read(path: Path, config: Config) -> Source:
    name = str(path)
    source = Source()
    data, problem = load_json(name, path.read_bytes(), "a jrnl JSON export")
    if problem:
        source.reject(problem, 0)
        return source
    for number, raw in enumerate(data["entries"], 1):
        try:
            source.drafts.append(_draft(raw))
        except ValueError as error:
            source.reject(ContentError(name, 0, f"entry {number}: {error}"))
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
    return Draft(
        key=f"jrnl {when:%Y-%m-%d %H:%M}",
        when=when,
        title=one_line(_text(raw, "title", required=False)),
        tags=tuple(names),
        starred=starred,
        body=_text(raw, "body", required=False).replace("\r\n", "\n").strip(),
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
