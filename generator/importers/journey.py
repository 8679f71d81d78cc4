"""Journey's export: a zip (or its folder) of one `<id>.json` per entry, photos beside them.

`date_journal` is UTC in milliseconds with the entry's IANA `timezone` beside it;
`text` is HTML when `type` is "html", else Markdown. A number that is not there
is written as the largest double (1.797e308). Journey's `mood` is a number of its
own; it is kept as `journey_mood:` rather than guessed onto the journal's scale.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.errors import ContentError
from generator.importers.daylio import html_to_markdown
from generator.importers.draft import Attachment, Draft, Note, Source, UsageError, converted, dropped, identity, kept
from generator.importers.reading import decode, one_line, type_name
from generator.importers.registry import Options
from generator.model import Config

ZIP_BUDGET = 64 * 1024 * 1024  # expanded bytes of one member of a zip
_MISSING = 1e308  # Journey writes 1.7976931348623157e+308 for "no value"

Photos = Callable[[str], "Callable[[], bytes] | None"]


def read(path: Path, config: Config, options: Options) -> Source:
    source = Source()
    for name, raw, photos in _files(path, source):
        text, problem = decode(name, raw)
        if problem or text is None:
            source.reject(problem or ContentError(name, 0, "cannot be read"))
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            source.reject(ContentError(name, error.lineno, f"is not valid JSON: {error.msg} (column {error.colno})"))
            continue
        except RecursionError:
            source.reject(ContentError(name, 1, "is nested too deeply to be a Journey entry"))
            continue
        try:
            source.drafts.append(_draft(data, config, photos, options.keep_location))
        except ValueError as error:
            source.reject(ContentError(name, 1, str(error)))
    return source


def _files(path: Path, source: Source) -> Iterator[tuple[str, bytes, Photos]]:
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise UsageError(f"{path} has no Journey .json file in it")
        for file in files:
            yield str(file), file.read_bytes(), _in_folder(path)
        return
    if not zipfile.is_zipfile(path):
        yield str(path), path.read_bytes(), _in_folder(path.parent)
        return
    with zipfile.ZipFile(path) as archive:
        sizes = {info.filename: info.file_size for info in archive.infolist()}
        for member in sorted(n for n in sizes if n.endswith(".json") and "MACOSX" not in n):
            if sizes[member] > ZIP_BUDGET:
                message = f"would expand to {sizes[member] // (1024 * 1024)} MB, more than a Journey entry can be; not extracted"
                source.reject(ContentError(f"{path}/{member}", 0, message))
                continue
            yield f"{path}/{member}", archive.read(member), _in_zip(path, sizes)


def _in_folder(folder: Path) -> Photos:
    def find(name: str) -> Callable[[], bytes] | None:
        file = folder / name
        return file.read_bytes if file.is_file() and "/" not in name and "\\" not in name else None

    return find


def _in_zip(path: Path, sizes: dict[str, int]) -> Photos:
    def find(name: str) -> Callable[[], bytes] | None:
        if sizes.get(name, ZIP_BUDGET + 1) > ZIP_BUDGET:
            return None

        def read() -> bytes:
            with zipfile.ZipFile(path) as archive:
                return archive.read(name)

        return read

    return find


def _draft(raw: Any, config: Config, photos: Photos, keep_location: bool) -> Draft:
    if not isinstance(raw, dict):
        raise ValueError(f"is {type_name(raw)}, not a Journey entry")
    stamp = raw.get("date_journal")
    if isinstance(stamp, bool) or not isinstance(stamp, (int, float)) or stamp >= _MISSING:
        raise ValueError(f"date_journal must be a time in milliseconds (got {type_name(stamp)})")
    zone_name = raw.get("timezone") or config.timezone
    try:
        moment = dt.datetime.fromtimestamp(stamp / 1000, dt.UTC)
        local = moment.astimezone(ZoneInfo(str(zone_name))).replace(tzinfo=None)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"timezone {zone_name!r} is not a known time zone") from None
    except (OverflowError, OSError):
        raise ValueError(f"date_journal {stamp!r} is outside the years 1 to 9999") from None
    text = _text(raw, "text")
    kind = _text(raw, "type")
    body = html_to_markdown(text) if kind == "html" else text.strip()
    tags = raw.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError(f"tags must be a list of texts (got {type_name(tags)})")
    starred = raw.get("favourite") is True
    mood = raw.get("mood")
    extra: list[tuple[str, Any]] = []
    notes: list[Note] = []
    if isinstance(mood, int) and not isinstance(mood, bool) and mood:
        extra.append(("journey_mood", mood))
        todo = "write mood: on the journal's scale by hand where you want it charted"
        notes.append(Note("mood", "kept", "as journey_mood:, Journey's own number", todo))
    if body:
        notes.append(converted("text", "its HTML to Markdown") if kind == "html" else kept("text"))
    notes += [kept("tags")] if tags else []
    notes += [converted("favourite", "to starred: true")] if starred else []
    attachments = _photos(raw.get("photos"), photos, notes)
    for attachment in attachments:
        body = (body + f"\n\n![]({attachment.ref})").strip()
    place = _place_and_weather(raw)
    if place:
        if keep_location:
            extra += list(place)
            notes.append(kept("location and weather"))
        else:
            notes.append(dropped("location and weather", "left out by default", "pass --keep-location to keep them"))
    for key in ("music_title", "sentiment", "folder", "label"):
        if raw.get(key) not in (None, "", 0):
            notes.append(dropped(key, "Cairn has no field for it"))
    return Draft(
        key=identity("journey", f"{moment.year:04d}-{moment:%m-%dT%H:%M:%S}Z", _text(raw, "id"), text),
        when=local.replace(second=0, microsecond=0),
        tags=tuple(dict.fromkeys(one_line(t) for t in tags if t.strip())),
        starred=starred,
        extra=tuple(extra),
        body=body,
        attachments=attachments,
        notes=tuple(notes),
        zone=str(raw["timezone"]) if raw.get("timezone") else "",
    )


def _text(raw: dict, key: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{key} must be text (got {type_name(value)})")
    return value


def _photos(names: Any, photos: Photos, notes: list[Note]) -> tuple[Attachment, ...]:
    if not isinstance(names, list) or not names:
        return ()
    found = []
    for name in names:
        if not isinstance(name, str) or "." not in name:
            continue
        reader = photos(name)
        if reader:
            found.append(Attachment(f"journey-photo:{name}", name.rsplit(".", 1)[1].lower(), reader))
    if len(found) == len(names):
        notes.append(converted("photos", "copied beside the entry"))
    else:
        todo = "import the whole export (the zip or its folder), where the photos are"
        notes.append(dropped("photos", f"{len(names) - len(found)} not found beside the entry", todo))
    return tuple(found)


def _place_and_weather(raw: dict) -> tuple[tuple[str, Any], ...]:
    place: dict[str, Any] = {}
    address = raw.get("address")
    if isinstance(address, str) and address.strip():
        place["address"] = address.strip()
    for key, name in (("lat", "latitude"), ("lon", "longitude")):
        value = raw.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) < _MISSING:
            place[name] = round(float(value), 6)
    weather: dict[str, Any] = {}
    given = raw.get("weather")
    source: dict[str, Any] = given if isinstance(given, dict) else {}
    if isinstance(source.get("description"), str) and source["description"].strip():
        weather["conditions"] = source["description"].strip()
    degrees = source.get("degree_c")
    if isinstance(degrees, (int, float)) and not isinstance(degrees, bool) and abs(degrees) < _MISSING:
        weather["temperature_c"] = degrees
    return tuple((k, v) for k, v in (("location", place), ("weather", weather)) if v)
