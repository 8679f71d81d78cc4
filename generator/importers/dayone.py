"""Day One's JSON export: `<Journal>.json` in an export folder or zip, beside `photos/`.

Dates are UTC with the entry's own IANA time zone beside them; the text is Markdown
with Day One's backslash escapes; photos are linked as `dayone-moment://<identifier>`
and stored as `photos/<md5>.<type>`. Location and weather stay out unless asked for.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.errors import ContentError
from generator.importers.dayone_fields import field_notes, place_and_weather
from generator.importers.draft import Attachment, Draft, Source, UsageError, identity
from generator.importers.reading import entry_lines, line_of, load_json, one_line, type_name
from generator.importers.registry import Options
from generator.model import Config

ZIP_TEXT_BUDGET = 64 * 1024 * 1024  # the journals' JSON inside a zip, expanded
ZIP_PHOTO_BUDGET = 64 * 1024 * 1024  # one photo inside a zip, expanded

Media = Callable[[str], "Callable[[], bytes] | None"]  # "photos/<md5>.jpeg" -> its reader, if there


def read(path: Path, config: Config, options: Options) -> Source:
    from generator.importers import dayone_classic

    if dayone_classic.is_classic(path):
        return dayone_classic.read(path, config, options)
    keep_location = options.keep_location
    source = Source()
    for name, raw, media in _export_files(path, source):
        data, problem = load_json(name, raw, "a Day One JSON export")
        if problem:
            source.reject(problem, 0)
            continue
        lines = entry_lines(raw)
        for number, entry in enumerate(data["entries"], 1):
            try:
                source.drafts.append(_draft(entry, config, media, keep_location))
            except ValueError as error:
                source.reject(ContentError(name, line_of(lines, number), f"entry {number}: {error}"))
    return source


def _export_files(path: Path, source: Source) -> Iterator[tuple[str, bytes, Media]]:
    """Each journal's JSON in the export (a .json file, its folder, or a zip), with its media."""
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise UsageError(f"{path} has no Day One .json file in it")
        for file in files:
            yield str(file), file.read_bytes(), _folder_media(path)
    elif path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                journals = sorted(n for n in names if n.endswith(".json") and n.count("/") <= 1 and "MACOSX" not in n)
                expanded = sum(archive.getinfo(member).file_size for member in journals)
                if expanded > ZIP_TEXT_BUDGET:
                    message = (
                        f"would expand to {expanded // (1024 * 1024)} MB of journal text, more than the "
                        f"{ZIP_TEXT_BUDGET // (1024 * 1024)} MB Cairn reads from a zip; nothing was extracted. "
                        "If it is a real export, unzip it yourself and import the folder"
                    )
                    source.reject(ContentError(str(path), 0, message), 0)
                    return
                contents = [(member, archive.read(member)) for member in journals]
                sizes = {info.filename: info.file_size for info in archive.infolist()}
        except (zipfile.BadZipFile, OSError) as error:
            source.reject(ContentError(str(path), 0, f"is not a zip file that can be opened ({error})"), 0)
            return
        if not journals:
            raise UsageError(f"{path} has no Day One .json file in it")
        for member, raw in contents:
            yield f"{path}/{member}", raw, _zip_media(path, sizes, member.rpartition("/")[0])
    else:
        yield str(path), path.read_bytes(), _folder_media(path.parent)


def _folder_media(folder: Path) -> Media:
    def find(relative: str) -> Callable[[], bytes] | None:
        file = folder / relative
        return file.read_bytes if file.is_file() else None

    return find


def _zip_media(path: Path, sizes: dict[str, int], folder: str) -> Media:
    def find(relative: str) -> Callable[[], bytes] | None:
        member = f"{folder}/{relative}" if folder else relative
        if sizes.get(member, ZIP_PHOTO_BUDGET + 1) > ZIP_PHOTO_BUDGET:  # absent, or too big to trust
            return None

        def read() -> bytes:
            with zipfile.ZipFile(path) as archive:
                return archive.read(member)

        return read

    return find


def _draft(raw: Any, config: Config, media: Media, keep_location: bool) -> Draft:
    if not isinstance(raw, dict):
        raise ValueError(f"is {type_name(raw)}, not an entry")
    moment = _moment(raw.get("creationDate"))
    zone_name = raw.get("timeZone") or config.timezone
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValueError(f"time zone {zone_name!r} is not a known time zone") from None
    try:
        local = moment.astimezone(zone).replace(tzinfo=None)
    except OverflowError:
        raise ValueError(
            f"creationDate {moment.year:04d}-{moment:%m-%d} in {zone_name} falls outside the years 1 to 9999"
        ) from None
    text = _typed(raw, "text", str, "text", "")
    tags = _typed(raw, "tags", list, "a list of texts", [])
    if not all(isinstance(tag, str) for tag in tags):
        raise ValueError("tags must be a list of texts")
    photos = [p for p in _typed(raw, "photos", list, "a list", []) if isinstance(p, dict)]
    unescaped = unescape_markdown(text.replace("\r\n", "\n"))
    title, body = split_title(unescaped)
    body, attachments = _link_photos(body, photos, media)
    stamp = f"{moment.year:04d}-{moment:%m-%dT%H:%M:%S}Z"
    return Draft(
        key=identity("dayone", stamp, text),
        when=local.replace(second=0, microsecond=0),
        all_day=_typed(raw, "isAllDay", bool, "true or false", False),
        title=title,
        tags=tuple(dict.fromkeys(one_line(t) for t in tags if t.strip())),
        starred=_typed(raw, "starred", bool, "true or false", False),
        extra=place_and_weather(raw) if keep_location else (),
        body=body,
        attachments=attachments,
        notes=field_notes(raw, text, unescaped, title, photos, attachments, keep_location),
        zone=zone_name if raw.get("timeZone") else "",
    )


def _moment(value: Any) -> dt.datetime:
    """creationDate, in UTC."""
    if not isinstance(value, str):
        raise ValueError(f"creationDate must be a date and time like 2024-04-19T21:48:36Z (got {type_name(value)})")
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"creationDate '{value}' is not a date and time like 2024-04-19T21:48:36Z") from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def _typed(raw: dict, key: str, kind: type, wanted: str, default: Any) -> Any:
    value = raw.get(key)
    if value is None:
        return default
    if not isinstance(value, kind):
        raise ValueError(f"{key} must be {wanted} (got {type_name(value)})")
    return value


_CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)
_ESCAPE = re.compile(r"\\(.)")


def unescape_markdown(text: str) -> str:
    """Undo the backslashes Day One puts before `. - ( ) ! + # >`, where that changes nothing.

    An escape stays where it matters: `1\\.` or `\\-` at the start of a line (a list),
    `\\#` or `\\>` there (a heading, a quote), `\\![` (an image), `]\\(` (a link), and
    always before `* _ [ ] \\` and inside code.
    """
    parts = _CODE.split(text)
    return "".join(part if index % 2 else _ESCAPE.sub(_unescape, part) for index, part in enumerate(parts))


def _unescape(match: re.Match) -> str:
    char, text, start = match[1], match.string, match.start()
    before = text[text.rfind("\n", 0, start) + 1 : start]
    keep = (
        char not in ".-()!+#>"
        or (char in "-+#>" and not before.strip())
        or (char == "." and before.strip().isdigit())
        or (char == "!" and text.startswith("[", match.end()))
        or (char == "(" and before.endswith("]"))
    )
    return match[0] if keep else char


_HEADING = re.compile(r"\A\s*#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*(?:\n|\Z)")


def split_title(text: str) -> tuple[str, str]:
    """Day One shows an entry's first line as its title; a heading there becomes `title:`."""
    heading = _HEADING.match(text)
    if not heading:
        return "", text.strip()
    return one_line(heading[1]), text[heading.end() :].strip()


_MOMENT = re.compile(r"!\[([^\]\n]*)\]\(dayone-moment:/{1,2}(?:([A-Za-z]+)/)?([0-9A-Za-z-]+)\)")
_NOT_IMPORTED = {"video": "video", "audio": "audio recording", "pdfAttachment": "PDF", "pdf": "PDF"}


def _link_photos(body: str, photos: list[dict], media: Media) -> tuple[str, tuple[Attachment, ...]]:
    """Photos found in the export become files beside the entry; other media a short note."""
    found: dict[str, Attachment] = {}
    for photo in photos:
        values = [photo.get(k) for k in ("identifier", "md5", "type")]
        if not all(isinstance(v, str) and re.fullmatch(r"[0-9A-Za-z-]+", v) for v in values):
            continue
        identifier, md5, kind = (str(v) for v in values)
        for suffix in dict.fromkeys((kind.lower(), "jpg" if kind.lower() == "jpeg" else kind.lower())):
            reader = media(f"photos/{md5}.{suffix}")
            if reader:
                found[identifier] = Attachment(f"dayone-moment://{identifier}", suffix, reader)
                break
    used: dict[str, Attachment] = {}

    def link(match: re.Match) -> str:
        kind, identifier = match[2], match[3]
        if kind in (None, "photo") and identifier in found:
            used[identifier] = found[identifier]
            return f"![{match[1]}](dayone-moment://{identifier})"
        what = "photo" if kind in (None, "photo") else _NOT_IMPORTED.get(kind, "attachment")
        return f"*({what} not included in the export)*" if what == "photo" else f"*({what} not imported)*"

    body = _MOMENT.sub(link, body)
    for identifier, attachment in found.items():  # photos the text does not show
        if identifier not in used:
            body += f"\n\n![](dayone-moment://{identifier})"
            used[identifier] = attachment
    return body.strip(), tuple(used.values())
