"""What did not change since the last build: the whole build, or one page.

Reading and hashing every input costs a few milliseconds per hundred entries;
rendering thousands of pages again to find the same bytes costs seconds. So a
build records a digest of everything it read and the size and time of every file
it left in the output folder; the next build with the same digest and an
untouched output folder has nothing to do.

A page's fingerprint is a hash of everything its template can see: its context
(entries by a digest of their fields), the settings, the templates and Cairn's own
code. When the fingerprint matches the last build's and the file in the output
folder is the one that build left there, the page is kept as it is.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from generator.cache import CACHE_DIR
from generator.config import CONFIG_FILE
from generator.errors import ContentError
from generator.filenames import CONTENT_DIR, PLAN_FILE
from generator.model import Entry, Page
from generator.write import MARKER, atomic_write, read_record

MANIFEST = "last-build.json"
PRINTS = "pages.json"
_CODE = Path(__file__).parent


@dataclass(frozen=True)
class Manifest:
    digest: str
    out: str
    files: dict[str, list[int]]  # output path -> [size, mtime_ns]
    entries: int
    pages: int
    warnings: list[list]  # ContentError fields


def input_digest(journal: Path, theme: Path, settings: str) -> str:
    """A hash of every file a build reads (entries, images, templates, settings, Cairn's own code)."""
    digest = hashlib.blake2b(settings.encode(), digest_size=20)
    roots = [journal / CONTENT_DIR, journal / "templates", theme, _CODE]
    singles = [journal / CONFIG_FILE, journal / ".cairn-salt", journal / PLAN_FILE]
    for root in roots:
        for path in sorted(root.rglob("*")) if root.is_dir() else ():
            if path.is_file() and "__pycache__" not in path.parts:
                _add(digest, path)
    for path in singles:
        if path.is_file():
            _add(digest, path)
    return digest.hexdigest()


def theme_digest(journal: Path, theme: Path) -> str:
    """A hash of what draws pages: the journal's templates, the built-in theme, Cairn's code."""
    digest = hashlib.blake2b(digest_size=20)
    for root in (journal / "templates", theme, _CODE):
        for path in sorted(root.rglob("*")) if root.is_dir() else ():
            if path.is_file() and "__pycache__" not in path.parts:
                _add(digest, path)
    return digest.hexdigest()


def _add(digest, path: Path) -> None:
    digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
    digest.update(path.read_bytes())
    digest.update(b"\0")


def output_files(out: Path) -> dict[str, list[int]]:
    """Size and time of each file Cairn wrote into `out` (its record, and the record itself).
    What else lives there (a .git that changes with every commit, a CNAME) is not Cairn's,
    so it neither counts as a change nor costs a walk."""
    record = read_record(out)
    if record is None:
        return {}
    found = {}
    for name in sorted({*record.files, MARKER}):
        try:
            stat = (out / name).lstat()  # a dangling symbolic link is a file too, and not followed
        except OSError:
            continue
        found[name] = [stat.st_size, stat.st_mtime_ns]
    return found


def unchanged_since_last_build(journal: Path, out: Path, digest: str) -> Manifest | None:
    """The last build's manifest if it read the same inputs and its output is untouched."""
    try:
        data = json.loads((journal / CACHE_DIR / MANIFEST).read_text(encoding="utf-8"))
        manifest = Manifest(**data)
    except (OSError, ValueError, TypeError):
        return None
    if manifest.digest != digest or manifest.out != str(out.resolve()):
        return None
    return manifest if out.is_dir() and output_files(out) == manifest.files else None


def save_manifest(
    journal: Path, out: Path, digest: str, entries: int, pages: int, warnings: list[ContentError]
) -> None:
    manifest = Manifest(
        digest=digest,
        out=str(out.resolve()),
        files=output_files(out),
        entries=entries,
        pages=pages,
        warnings=[[w.path, w.line, w.message, w.warning] for w in warnings],
    )
    atomic_write(journal / CACHE_DIR / MANIFEST, json.dumps(asdict(manifest)).encode())


def warnings_of(manifest: Manifest) -> list[ContentError]:
    return [ContentError(*fields) for fields in manifest.warnings]


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
    atomic_write(journal / CACHE_DIR / PRINTS, json.dumps(records).encode())
