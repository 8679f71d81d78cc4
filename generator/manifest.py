"""Knowing cheaply that nothing changed since the last build.

Reading and hashing every input costs a few milliseconds per hundred entries;
rendering thousands of pages again to find the same bytes costs seconds. So a
build records a digest of everything it read and the size and time of every file
it left in the output folder; the next build with the same digest and an
untouched output folder has nothing to do.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.cache import CACHE_DIR
from generator.config import CONFIG_FILE
from generator.content import CONTENT_DIR
from generator.errors import ContentError

MANIFEST = "last-build.json"
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
    singles = [journal / CONFIG_FILE, journal / ".cairn-salt"]
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
    found = {}
    for root, _, names in os.walk(out):
        for name in names:
            path = Path(root) / name
            stat = path.stat()
            found[path.relative_to(out).as_posix()] = [stat.st_size, stat.st_mtime_ns]
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


def save_manifest(journal: Path, out: Path, digest: str, entries: int, pages: int, warnings: list[ContentError]) -> None:
    manifest = Manifest(
        digest=digest,
        out=str(out.resolve()),
        files=output_files(out),
        entries=entries,
        pages=pages,
        warnings=[[w.path, w.line, w.message, w.warning] for w in warnings],
    )
    folder = journal / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        json.dump(asdict(manifest), stream)
    os.replace(temp, folder / MANIFEST)


def warnings_of(manifest: Manifest) -> list[ContentError]:
    return [ContentError(*fields) for fields in manifest.warnings]
