"""What did not change since the last build: the whole build, or one page.

Reading and hashing every input costs a few milliseconds per hundred entries;
rendering thousands of pages again to find the same bytes costs seconds. So a
build records a digest of everything it read and the size and time of every file
it left in the output folder; the next build with the same digest and an
untouched output folder has nothing to do.

Which pages of a build that does run are kept as they are: kept_pages.py.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from generator.cache import CACHE_DIR, settled
from generator.config import CONFIG_FILE
from generator.errors import ContentError
from generator.filenames import CONTENT_DIR, PLAN_FILE
from generator.write import MARKER, atomic_write, read_record

MANIFEST = "last-build.json"
INPUTS = "inputs.json"  # each input file's hash, by its Stat
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
    """A hash of every file a build reads (entries, images, templates, settings, Cairn's own code).
    A file is read only when its Stat moved since the last build (see FileHashes)."""
    digest = hashlib.blake2b(settings.encode(), digest_size=20)
    hashes = FileHashes(journal / CACHE_DIR / INPUTS)
    roots = [journal / CONTENT_DIR, journal / "templates", theme, _CODE]
    singles = [journal / CONFIG_FILE, journal / ".cairn-salt", journal / PLAN_FILE]
    paths = [path for root in roots for path in _files_under(str(root))]
    paths += [str(single) for single in singles if single.is_file()]
    for path in paths:
        digest.update(path.encode("utf-8", "surrogateescape") + b"\0" + hashes.of(path) + b"\0")
    hashes.save()
    return digest.hexdigest()


class FileHashes:
    """Each file's hash by its path and Stat, kept between builds: as the entry memory
    does (cache.EntryMemory), a file whose size, times and inode did not move is trusted
    not to have changed, and one changed in the last moments is not remembered."""

    def __init__(self, path: Path):
        self.path = path
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        self._stored: dict[str, list] = stored if isinstance(stored, dict) else {}
        self._kept: dict[str, list] = {}

    def of(self, path: str) -> bytes:
        try:
            stat = os.stat(path)
            seen = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        except OSError:
            seen = None
        known = self._stored.get(path)
        if seen is not None and isinstance(known, list) and len(known) == 5 and tuple(known[:4]) == seen:
            self._kept[path] = known
            return str(known[4]).encode()
        with open(path, "rb") as stream:
            hashed = hashlib.blake2b(stream.read(), digest_size=20).hexdigest()
        if seen is not None and settled(seen):
            self._kept[path] = [*seen, hashed]
        return hashed.encode()

    def save(self) -> None:
        if self._kept != self._stored:
            atomic_write(self.path, json.dumps(self._kept).encode())


def theme_digest(journal: Path, theme: Path) -> str:
    """A hash of what draws pages: the journal's templates, the built-in theme, Cairn's code."""
    digest = hashlib.blake2b(digest_size=20)
    for root in (journal / "templates", theme, _CODE):
        for path in _files_under(str(root)):
            _add(digest, path)
    return digest.hexdigest()


def _files_under(root: str) -> list[str]:
    """Every file below `root` but Python's byte code, in a fixed order; a link to a folder
    is not followed, a link to a file is. Plain os calls, and the kind of each name from
    the folder's listing: pathlib, or a stat of each file, costs more than the reading."""
    found = []
    folders = [root]
    while folders:
        try:
            listing = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for item in listing:
            try:
                if item.is_dir(follow_symlinks=False):
                    if item.name != "__pycache__":
                        folders.append(item.path)
                elif item.is_file():
                    found.append(item.path)
            except OSError:
                continue
    return sorted(found)


def _add(digest, path: str) -> None:
    digest.update(path.encode("utf-8", "surrogateescape") + b"\0")
    with open(path, "rb") as stream:
        digest.update(stream.read())
    digest.update(b"\0")


def output_files(out: Path, known: dict[str, list[int]] | None = None) -> dict[str, list[int]]:
    """Size and time of each file Cairn wrote into `out` (its record, and the record itself).
    What else lives there (a .git that changes with every commit, a CNAME) is not Cairn's,
    so it neither counts as a change nor costs a walk. `known` are sizes and times just read."""
    record = read_record(out)
    if record is None:
        return {}
    found = {}
    folder = str(out)
    for name in sorted({*record.files, MARKER}):
        if known is not None and name in known:
            found[name] = known[name]
            continue
        try:
            stat = os.lstat(os.path.join(folder, name))  # a dangling symbolic link is a file too, and not followed
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
    journal: Path,
    out: Path,
    digest: str,
    entries: int,
    pages: int,
    warnings: list[ContentError],
    known: dict[str, list[int]] | None = None,
) -> None:
    """`known`: the size and time of files just read (save_prints gives the pages')."""
    manifest = Manifest(
        digest=digest,
        out=str(out.resolve()),
        files=output_files(out, known),
        entries=entries,
        pages=pages,
        warnings=[[w.path, w.line, w.message, w.warning] for w in warnings],
    )
    # Its fields are JSON already: asdict would copy thousands of them deeply first.
    atomic_write(journal / CACHE_DIR / MANIFEST, json.dumps(vars(manifest)).encode())


def warnings_of(manifest: Manifest) -> list[ContentError]:
    return [ContentError(*fields) for fields in manifest.warnings]
