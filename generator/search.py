"""The search index: every published entry as a compact record, loaded as a script.

The index is a JavaScript file of exactly one statement,

    window.CAIRN_SEARCH = {...JSON...};

so a page can load it with <script src> (which works from file:// too, where fetch
does not), and an encrypted build can decrypt it and read the JSON between the `=` and
the `;` without evaluating anything. templates/static/search.js does the searching.

The JSON:

    {"version": 1,
     "mood": {"low": 1, "labels": ["awful", ...]},
     "months": ["January", ...], "weekdays": ["Monday", ...],   # the site's date words
     "tags": [["Café", "cafe"], ...],            # [name as first written, slug], by name
     "entries": [                                 # oldest first
       {"u": "2026/11/23/",                       # URL, relative to the site root
        "t": "A quieter morning",                 # title
        "d": "2026-11-23",                        # date
        "m": 3,                                   # mood (absent when not given)
        "g": [0, 4],                              # tags, as positions in "tags"
        "w": [...], "e": [...],                   # wins, emotions
        "f": [...], "c": [...],                   # gratitude, coping
        "b": "The entry's text, without markup"}]}

Empty fields are left out. The text is kept whole (a word near the end of a long
entry must be found, and shown in context), so the index is about the size of the
journal's own words; nothing else is repeated per entry.

Why not a search library: the ones that keep a prebuilt index (lunr, MiniSearch,
Pagefind) need the original text beside it to show a highlighted snippet, so their
index is larger than this one, and Pagefind loads its chunks with fetch and
WebAssembly, which fails from file:// and cannot be decrypted in place. A scan of
3,650 entries' folded text answers in a few milliseconds; see search.js.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping

from generator.dates import MONTHS, WEEKDAYS
from generator.fingerprints import entry_digests
from generator.kept_records import KeptRecords
from generator.model import Config, Entry
from generator.slugs import tag_slug
from generator.workers import spread_shared

GLOBAL = "CAIRN_SEARCH"
SEARCH_RECORDS = "search"  # a folder in the cache folder: KeptRecords
VERSION = 1

_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|table|thead|tbody|tr|td|th|figure|figcaption|section)\b[^>]*>",
    re.IGNORECASE,
)
_IMAGE = re.compile(r"<img\b[^>]*?\balt=\"([^\"]*)\"[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def plain_text(body_html: str) -> str:
    """An entry's rendered HTML as one line of text: images give their alt text."""
    text = _IMAGE.sub(lambda m: f" {m.group(1)} ", body_html)
    text = _BLOCK_TAG.sub(" ", text)
    text = _TAG.sub("", text)
    return _SPACE.sub(" ", html.unescape(text)).strip()


def search_records(entries: Iterable[Entry], config: Config) -> dict:
    """The index as a JSON-ready dict (see the module's docstring), entries oldest first."""
    data = json.loads(_index_json(entries, config, None, {}))
    return data if isinstance(data, dict) else {}


def search_index(
    entries: Iterable[Entry], config: Config, kept: KeptRecords | None = None, known: Mapping[int, bytes] | None = None
) -> bytes:
    """static/search-index.js: the records of `entries` (the published ones) as a script.
    `kept` are the records a build before made, so that only changed entries are made again;
    `known`, the digests of whole entries by their id (shown.journal_print), name them."""
    return b"window." + GLOBAL.encode() + b" = " + _index_json(entries, config, kept, known or {}) + b";\n"


def _index_json(
    entries: Iterable[Entry], config: Config, kept: KeptRecords | None, known: Mapping[int, bytes]
) -> bytes:
    ordered = sorted(entries, key=lambda e: e.sort_key)
    names: dict[str, str] = {}
    for entry in ordered:
        for tag in entry.tags:
            names.setdefault(tag_slug(tag), tag)  # "Walk" and "walk" are one tag
    tags = sorted(names.items(), key=lambda item: (item[1].lower(), item[0]))
    position = {slug: i for i, (slug, _) in enumerate(tags)}
    head = {
        "version": VERSION,
        "mood": {"low": config.mood.low, "labels": list(config.mood.labels)},
        "months": list(MONTHS),
        "weekdays": list(WEEKDAYS),
        "tags": [[name, slug] for slug, name in tags],
    }
    records = _records(ordered, position, kept, known)
    # The same bytes as one json.dumps of the whole, "entries" last.
    return _json(head)[:-1] + b',"entries":[' + b",".join(records) + b"]}"


def _records(
    ordered: list[Entry], position: dict[str, int], kept: KeptRecords | None, known: Mapping[int, bytes]
) -> list[bytes]:
    """Each entry's record: as a build before made it where it can, else made afresh,
    over every core when there are many (a first build makes all of them)."""
    tags = [list(dict.fromkeys(position[tag_slug(t)] for t in entry.tags)) for entry in ordered]
    keys = [b""] * len(ordered)
    if kept is not None:  # the whole entry, and where its tags are in this index's list
        keys = [
            (known.get(id(entry)) or entry_digests(entry)[1]) + repr(places).encode()
            for entry, places in zip(ordered, tags, strict=True)
        ]
    records = [kept.get(key) if kept is not None else None for key in keys]
    missing = [i for i, record in enumerate(records) if record is None]
    fresh = dict(zip(missing, spread_shared(_made, (ordered, tags), missing, chunk=128), strict=True))
    for i, record in fresh.items():
        if kept is not None:
            kept.put(keys[i], record)
    return [record if record is not None else fresh[i] for i, record in enumerate(records)]


def _made(shared: tuple[list[Entry], list[list[int]]], index: int) -> bytes:
    entries, tags = shared
    entry = entries[index]
    record: dict = {"u": entry.url, "t": entry.title, "d": entry.date.isoformat()}
    if entry.mood is not None:
        record["m"] = entry.mood
    for name, value in (
        ("g", tags[index]),
        ("w", list(entry.wins)),
        ("e", list(entry.emotions)),
        ("f", list(entry.gratitude)),
        ("c", list(entry.coping)),
        ("b", plain_text(entry.html)),
    ):
        if value:
            record[name] = value
    return _json(record)


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
