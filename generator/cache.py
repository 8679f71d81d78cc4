"""A small on-disk cache of rendered HTML, keyed by a hash of what made it."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

CACHE_DIR = ".cairn"


def cache_key(*parts: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class HtmlCache:
    """Maps key -> HTML. Only the keys used in a build are saved back."""

    def __init__(self, path: Path):
        self.path = path
        self._stored: dict[str, str] = {}
        self._used: dict[str, str] = {}
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        # A cache damaged by hand or by another version is only a cache: start afresh.
        if isinstance(stored, dict):
            self._stored = {k: v for k, v in stored.items() if isinstance(v, str)}

    def get(self, key: str) -> str | None:
        html = self._stored.get(key)
        if html is not None:
            self._used[key] = html
        return html

    def put(self, key: str, html: str) -> None:
        self._used[key] = html

    def save(self) -> None:
        if self._used == self._stored:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(self._used, out, sort_keys=True)
        os.replace(temp, self.path)
