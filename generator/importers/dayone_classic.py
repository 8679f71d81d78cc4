"""Day One Classic: `Journal.dayone/entries/<UUID>.doentry`, one Apple XML property list per entry.

`Creation Date` is UTC, `Time Zone` (when there) the zone it was written in;
`Entry Text` is Markdown; a photo, when there is one, is `photos/<UUID>.jpg`
beside `entries/`. Location and weather stay out unless asked for.
"""

from __future__ import annotations

import datetime as dt
import plistlib
from pathlib import Path
from typing import Any
from xml.parsers.expat import ExpatError
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.errors import ContentError
from generator.importers.dayone import split_title
from generator.importers.draft import Attachment, Draft, Note, Source, UsageError, converted, dropped, identity, kept
from generator.importers.reading import decode, one_line, type_name
from generator.importers.registry import Options
from generator.model import Config

SUFFIX = ".doentry"


def is_classic(path: Path) -> bool:
    """A .doentry file, or a folder with .doentry files below it and no Day One JSON at its top."""
    if path.is_file():
        return path.suffix.lower() == SUFFIX
    return path.is_dir() and not any(path.glob("*.json")) and any(path.rglob(f"*{SUFFIX}"))


def read(path: Path, config: Config, options: Options) -> Source:
    source = Source()
    files = [path] if path.is_file() else sorted(path.rglob(f"*{SUFFIX}"))
    if not files:
        raise UsageError(f"{path} has no Day One Classic .doentry file in it")
    for file in files:
        try:
            source.drafts.append(_draft(file, config, options.keep_location))
        except ValueError as error:
            source.reject(ContentError(str(file), getattr(error, "line", 0), str(error)))
    return source


class NotAnEntry(ValueError):
    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line


def _read_plist(file: Path) -> dict[str, Any]:
    raw = file.read_bytes()
    text, problem = decode(str(file), raw)
    if problem:
        raise NotAnEntry(problem.message, problem.line)
    try:
        data = plistlib.loads(raw, fmt=plistlib.FMT_XML)
    except ExpatError as error:
        reason = str(error).split(":")[0]
        raise NotAnEntry(f"is not a Day One Classic entry: its XML breaks off here ({reason})", error.lineno) from None
    except (plistlib.InvalidFileException, ValueError, TypeError) as error:
        first = (text or "").lstrip()[:20]
        hint = (
            "" if first.startswith(("<?xml", "<plist", "<!DOCTYPE")) else " (it does not start with <?xml or <plist>)"
        )
        raise NotAnEntry(f"is not a Day One Classic entry: not a property list{hint}", 1) from error
    if not isinstance(data, dict):
        raise NotAnEntry(f"is not a Day One Classic entry: it holds {type_name(data)}, not a dict", 1)
    return data


def _draft(file: Path, config: Config, keep_location: bool) -> Draft:
    data = _read_plist(file)
    created = data.get("Creation Date")
    if not isinstance(created, dt.datetime):
        raise NotAnEntry("has no Creation Date, so it cannot be placed in the journal")
    moment = created.replace(tzinfo=dt.UTC) if created.tzinfo is None else created
    zone_name = data.get("Time Zone") or config.timezone
    try:
        local = moment.astimezone(ZoneInfo(str(zone_name))).replace(tzinfo=None)
    except (ZoneInfoNotFoundError, ValueError):
        raise NotAnEntry(f"Time Zone {zone_name!r} is not a known time zone") from None
    except OverflowError:
        raise NotAnEntry(
            f"Creation Date {moment.year:04d}-{moment:%m-%d} in {zone_name} falls outside the years 1 to 9999"
        ) from None
    text = data.get("Entry Text", "")
    tags = data.get("Tags", [])
    if not isinstance(text, str):
        raise NotAnEntry(f"Entry Text must be text (got {type_name(text)})")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise NotAnEntry("Tags must be a list of texts")
    starred = data.get("Starred") is True
    title, body = split_title(text.replace("\r\n", "\n"))
    attachments = _photo(file, data.get("UUID"))
    if attachments:
        body = (body + f"\n\n![]({attachments[0].ref})").strip()
    notes: list[Note] = [kept("Entry Text")] if text.strip() else []
    notes += [converted("Entry Text", "its first heading to title:")] if title else []
    notes += [kept("Tags")] if tags else []
    notes += [kept("Starred")] if starred else []
    notes += [converted("photo", "copied beside the entry")] if attachments else []
    extra = _place_and_weather(data) if keep_location else ()
    for key in ("Location", "Weather"):
        if isinstance(data.get(key), dict):
            todo = "" if keep_location else "pass --keep-location to keep place and weather"
            notes.append(kept(key) if keep_location else dropped(key, "left out by default", todo))
    stamp = f"{moment.year:04d}-{moment:%m-%dT%H:%M:%S}Z"
    return Draft(
        key=identity("dayone", stamp, text),
        when=local.replace(second=0, microsecond=0),
        title=title,
        tags=tuple(dict.fromkeys(one_line(t) for t in tags if t.strip())),
        starred=starred,
        extra=extra,
        body=body,
        attachments=attachments,
        notes=tuple(notes),
        zone=str(data["Time Zone"]) if data.get("Time Zone") else "",
    )


def _photo(file: Path, uuid: Any) -> tuple[Attachment, ...]:
    if not isinstance(uuid, str) or not uuid.isalnum():
        return ()
    for suffix in ("jpg", "jpeg", "png"):
        photo = file.parent.parent / "photos" / f"{uuid}.{suffix}"
        if photo.is_file():
            return (Attachment(f"dayone-photo-{uuid}", suffix, photo.read_bytes),)
    return ()


_PLACE = (("place", "Place Name"), ("locality", "Locality"), ("area", "Administrative Area"),
          ("country", "Country"), ("latitude", "Latitude"), ("longitude", "Longitude"))  # fmt: skip
_WEATHER = (("conditions", "Description"), ("temperature_c", "Celsius"))


def _place_and_weather(data: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    extra = []
    for key, names in (("location", _PLACE), ("weather", _WEATHER)):
        found = data.get(key.capitalize())
        if not isinstance(found, dict):
            continue
        kept_values = {}
        for name, field in names:
            value = found.get(field)
            if isinstance(value, float):
                value = round(value, 6)
            if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
                kept_values[name] = value.strip() if isinstance(value, str) else value
        if kept_values:
            extra.append((key, kept_values))
    return tuple(extra)
