"""Pages whose inputs did not change are not drawn again.

A page's fingerprint is a hash of everything its template can see: its context
(entries by a digest of their fields), the settings, the templates and Cairn's own
code. When the fingerprint matches the last build's and the file in the output
folder is the one that build left there, the page is kept as it is.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from generator.cache import CACHE_DIR
from generator.model import Entry, Page

PRINTS = "pages.json"


class Fingerprints:
    """Hashes page contexts; each entry is hashed once per build however often it appears."""

    def __init__(self, salt: str):
        self.salt = salt.encode()
        self._entries: dict[int, bytes] = {}

    def of(self, page: Page) -> str:
        digest = hashlib.blake2b(self.salt, digest_size=16)
        digest.update(page.template.encode())
        self._feed(digest, page.context)
        return digest.hexdigest()

    def _feed(self, digest: Any, value: Any) -> None:
        if isinstance(value, Entry):
            known = self._entries.get(id(value))
            if known is None:
                known = hashlib.blake2b(repr(value).encode(), digest_size=16).digest()
                self._entries[id(value)] = known
            digest.update(b"E" + known)
        elif isinstance(value, (str, int, float, bool, type(None))) or hasattr(value, "isoformat"):
            digest.update(repr(value).encode() + b"\0")
        elif isinstance(value, dict):
            digest.update(b"{")
            for key, item in value.items():
                self._feed(digest, key)
                self._feed(digest, item)
            digest.update(b"}")
        elif isinstance(value, (list, tuple)):
            digest.update(b"[")
            for item in value:
                self._feed(digest, item)
            digest.update(b"]")
        elif dataclasses.is_dataclass(value):
            digest.update(type(value).__name__.encode() + b"(")
            for field in dataclasses.fields(value):
                self._feed(digest, getattr(value, field.name))
            digest.update(b")")
        else:  # anything else a page could hold: its repr says what it is
            digest.update(repr(value).encode() + b"\0")


def load_prints(journal: Path) -> dict[str, list]:
    try:
        prints = json.loads((journal / CACHE_DIR / PRINTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return prints if isinstance(prints, dict) else {}


def still_there(out: Path, name: str, record: list) -> bool:
    """The output file is the one the last build wrote (same size and time)."""
    try:
        stat = (out / name).stat()
    except OSError:
        return False
    return [stat.st_size, stat.st_mtime_ns] == record[1:]


def save_prints(journal: Path, out: Path, prints: dict[str, str]) -> None:
    records = {}
    for name, fingerprint in prints.items():
        stat = (out / name).stat()
        records[name] = [fingerprint, stat.st_size, stat.st_mtime_ns]
    folder = journal / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        json.dump(records, stream)
    os.replace(temp, folder / PRINTS)
