"""Cairn's own JSON export (`cairn export json`), read back into entry files.

Every field comes back as it was: the file name when it is free, the date and
time, title, mood, metrics, the lists, the flags, other front matter and the
body. An entry that was imported from another app keeps its `imported:` value,
so it is still known as already there.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from generator.errors import ContentError
from generator.importers.draft import Draft, Note, Source, identity, kept
from generator.importers.reading import entry_lines, line_of, load_json, type_name
from generator.importers.registry import Options
from generator.model import Config

TEXT_LISTS = ("tags", "wins", "gratitude", "emotions", "habits", "coping")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2}))?$")


def read(path: Path, config: Config, options: Options) -> Source:
    name = str(path)
    source = Source()
    raw = path.read_bytes()
    data, problem = load_json(name, raw, "a Cairn JSON export")
    if problem:
        source.reject(problem, 0)
        return source
    if data.get("cairn_export") != 1:
        source.reject(ContentError(name, 1, 'is not a Cairn JSON export (no "cairn_export": 1)'), 0)
        return source
    lines = entry_lines(raw)
    for number, record in enumerate(data["entries"], 1):
        try:
            source.drafts.append(_draft(record, config))
        except ValueError as error:
            source.reject(ContentError(name, line_of(lines, number), f"entry {number}: {error}"))
    return source


def _draft(record: Any, config: Config) -> Draft:
    if not isinstance(record, dict):
        raise ValueError(f"is {type_name(record)}, not an entry")
    date, time = _typed(record, "date", str), _typed(record, "time", str, None)
    if not _DATE.match(date):
        raise ValueError(f"date '{date}' is not a date like 2026-11-23")
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise ValueError(f"date '{date}' is not a real date") from None
    clock = _TIME.match(time) if time is not None else None
    if time is not None and (not clock or int(clock[1]) > 23 or int(clock[2]) > 59 or int(clock[3] or 0) > 59):
        raise ValueError(f"time '{time}' is not a time like 09:30")
    when = dt.datetime.combine(day, dt.time(int(clock[1]), int(clock[2]), int(clock[3] or 0)) if clock else dt.time())
    mood = _typed(record, "mood", int, None)
    if mood is not None and not config.mood.low <= mood <= config.mood.high:
        raise ValueError(f"mood {mood} is not on this journal's scale from {config.mood.low} to {config.mood.high}")
    metrics = _typed(record, "metrics", dict, {})
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in metrics.values()):
        raise ValueError("metrics must map each name to a number")
    lists = {key: _texts(record, key) for key in TEXT_LISTS}
    declared = {m.name for m in config.metrics}
    extra: list[tuple[str, Any]] = [
        (key, lists[key]) for key in ("wins", "gratitude", "emotions", "coping") if lists[key]
    ]
    extra += [(name, value) for name, value in metrics.items() if name not in declared]
    for flag, default in (("resurface", True), ("draft", False), ("private", False)):
        value = _typed(record, flag, bool, default)
        if value != default:
            extra.append((flag, value))
    others = _typed(record, "extra", dict, {})
    imported = others.get("imported")
    extra += [(str(key), value) for key, value in others.items() if key != "imported"]
    body = _typed(record, "body", str, "")
    notes: list[Note] = [kept(key) for key, value in record.items() if value not in (None, [], {}, "")]
    for name in metrics:
        if name not in declared:
            todo = f"declare {name} under metrics: in journal.yaml to chart it"
            notes.append(Note(f"metric {name}", "kept", "as a key the journal does not declare", todo))
    return Draft(
        key=imported if isinstance(imported, str) and imported else identity("cairn", when, date, body),
        when=when,
        all_day=time is None,
        title=_typed(record, "title", str, ""),
        mood=mood,
        metrics=tuple((name, float(value)) for name, value in metrics.items() if name in declared),
        tags=tuple(lists["tags"]),
        habits=tuple(lists["habits"]),
        extra=tuple(extra),
        body=body,
        notes=tuple(notes),
        path_hint=_typed(record, "file", str, ""),
    )


_MISSING = object()


def _typed(record: dict, key: str, kind: type, default: Any = _MISSING) -> Any:
    value = record.get(key)
    if value is None and default is not _MISSING:
        return default
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = {str: "text", int: "a whole number", dict: "an object", bool: "true or false"}
        raise ValueError(f"{key} must be {names.get(kind, kind.__name__)} (got {type_name(value)})")
    return value


def _texts(record: dict, key: str) -> list[str]:
    value = record.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{key} must be a list of texts (got {type_name(value)})")
    return value
