"""`cairn export csv|json`: every entry, for a spreadsheet or another app, the same bytes each time.

The JSON holds every field of every entry (its layout is documented in the README
as a JSON Schema, and `cairn import cairn` reads it back); the CSV is one row per
entry with the fields a spreadsheet can use. Private entries (`private: true`, or
a tag in `private_tags:`) stay out unless asked for.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from generator.model import Config, Entry

FORMAT_VERSION = 1
LISTS = ("wins", "habits", "tags", "emotions", "coping", "events")


def chosen_entries(entries: list[Entry], config: Config, *, include_private: bool, drafts: bool) -> list[Entry]:
    """The entries an export holds, oldest first."""
    kept = [e for e in entries if (drafts or not e.draft) and (include_private or not config.is_private(e))]
    return sorted(kept, key=lambda e: e.sort_key)


def events_of(entry: Entry) -> tuple[str, ...]:
    """`event: Started sertraline` (a text or a list) as a tuple of texts."""
    if entry.events:
        return entry.events
    value = entry.extra.get("event", entry.extra.get("events"))
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(str(item) for item in items if str(item).strip())


def to_csv(entries: list[Entry], config: Config) -> str:
    """One row per entry: date, time, title, mood and its label, each metric, then counts and lists."""
    metrics = [m.name for m in config.metrics]
    header = ["date", "time", "title", "mood", "mood_label", *metrics]
    for name in LISTS:
        header += [f"{name}_count", name]
    header.append("file")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for entry in entries:
        values = entry.metric_values
        row: list[Any] = [
            _iso_date(entry.date),
            entry.time.strftime("%H:%M") if entry.time else "",
            _cell(entry.title if entry.has_title else ""),
            "" if entry.mood is None else entry.mood,
            "" if entry.mood is None else config.mood.label(entry.mood),
            *(_number(values[name]) if name in values else "" for name in metrics),
        ]
        for name in LISTS:
            items = events_of(entry) if name == "events" else getattr(entry, name)
            row += [len(items), _cell(";".join(items))]
        row.append(entry.source)
        writer.writerow(row)
    return out.getvalue()


def _cell(text: str) -> str:
    """Text a spreadsheet shows as text: a leading = + - @ would start a formula, so it gets a '."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _iso_date(day: dt.date) -> str:
    return f"{day.year:04d}-{day:%m-%d}"


def to_json(entries: list[Entry], config: Config) -> str:
    """Every field of every entry, with the journal's scale and metrics so the numbers keep their meaning."""
    document = {
        "cairn_export": FORMAT_VERSION,
        "journal": {
            "title": config.title,
            "mood": {"low": config.mood.low, "labels": list(config.mood.labels)},
            "metrics": [
                {"name": m.name, "label": m.label, "unit": m.unit, "min": m.low, "max": m.high} for m in config.metrics
            ],
        },
        "entries": [entry_record(entry) for entry in entries],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def entry_record(entry: Entry) -> dict[str, Any]:
    return {
        "file": entry.source,
        "date": _iso_date(entry.date),
        "time": entry.time.strftime("%H:%M:%S") if entry.time else None,
        "title": entry.title if entry.has_title else None,
        "mood": entry.mood,
        "metrics": dict(entry.metrics),
        "tags": list(entry.tags),
        "wins": list(entry.wins),
        "gratitude": list(entry.gratitude),
        "emotions": list(entry.emotions),
        "habits": list(entry.habits),
        "coping": list(entry.coping),
        "resurface": entry.resurface,
        "draft": entry.draft,
        "private": entry.private,
        "extra": _extra(entry),
        "body": entry.body,
    }


def _extra(entry: Entry) -> dict[str, Any]:
    """Other front matter, with `event:` and `for_session:` as they were written, so an
    import of the export gives them back."""
    extra = dict(entry.extra)
    if entry.events:
        extra["event"] = entry.events[0] if len(entry.events) == 1 else list(entry.events)
    if entry.for_session:
        extra["for_session"] = list(entry.for_session)
    return {key: _plain(extra[key]) for key in sorted(extra)}


def _plain(value: Any) -> Any:
    """A front-matter value as JSON: dates and times as ISO text, everything else as it is."""
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
