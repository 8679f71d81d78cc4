"""Results kept under .cairn/ between builds (entries as read, entry HTML, processed
photos), keyed by a hash of what made them."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from functools import lru_cache
from pathlib import Path

from generator.records import Read, Unrecordable, pack_memory, read_record, record_read, unpack_memory
from generator.write import atomic_write

CACHE_DIR = ".cairn"
ENTRIES = "entries"  # a folder
HTML = "html"  # a folder: an HtmlCache of each entry's HTML
_CODE = Path(__file__).parent
_SETTLE_NS = 2_000_000_000  # a file changed this recently may change again within its mtime tick

# A processed photo: (width, height, bytes) of the display size and of the thumbnail.
PhotoResult = tuple[tuple[int, int, bytes], tuple[int, int, bytes]]


def cache_key(*parts: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class HtmlCache:
    """Maps key -> HTML (or text made from it: an entry's summary). Only the keys used in
    a build are saved back.

    Kept as sixteen files in a folder, by the first letter of the key (keys are hex), so a
    rebuild after one edit writes one or two sixteenths of ten years' HTML, not all of it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._stored: dict[str, dict[str, str]] = {}  # by shard, as loaded
        self._used: dict[str, str] = {}
        for shard in _SHARDS:
            try:
                stored = json.loads((folder / f"{shard}.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            # A cache damaged by hand or by another version is only a cache: start afresh.
            if isinstance(stored, dict):
                self._stored[shard] = {k: v for k, v in stored.items() if isinstance(v, str) and _shard(k) == shard}
        self._all = {key: html for shard in self._stored.values() for key, html in shard.items()}

    def get(self, key: str) -> str | None:
        html = self._all.get(key) or self._used.get(key)  # put earlier in a long-lived process (serve)
        if html is not None:
            self._used[key] = html
        return html

    def put(self, key: str, html: str) -> None:
        self._used[key] = html

    def save(self) -> None:
        """Write the shards whose keys or HTML changed; remove the ones no key uses now."""
        used: dict[str, dict[str, str]] = {}
        for key, html in self._used.items():
            used.setdefault(_shard(key), {})[key] = html
        for shard, kept in used.items():
            if kept != self._stored.get(shard):
                atomic_write(self.folder / f"{shard}.json", json.dumps(kept, sort_keys=True).encode())
        for shard in set(_SHARDS) - used.keys():  # and a damaged one, never loaded
            (self.folder / f"{shard}.json").unlink(missing_ok=True)
        self._stored = used
        self.folder.with_suffix(".json").unlink(missing_ok=True)  # the one file earlier builds kept it in


_SHARDS = "0123456789abcdef_"


def _shard(key: str) -> str:
    return key[:1] if key[:1] in _SHARDS[:-1] else "_"


class PhotoCache:
    """Processed photos as files named by key, and a note of each original's
    (size, mtime, ctime, inode) and digest, so an unchanged original is not even read."""

    def __init__(self, folder: Path, read_only: bool = False):
        self.folder, self.index_path = folder, folder / "originals.json"
        self.read_only = read_only  # `cairn check` reads the cache but writes nothing
        try:
            self._stored = json.loads(self.index_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._stored = {}
        self._stored = self._stored if isinstance(self._stored, dict) else {}
        self._noted: dict[str, list] = {}
        self._used: set[str] = set()

    def digest(self, path: Path, source: str) -> str:
        stat = path.stat()
        seen = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]
        note = self._stored.get(source)
        if isinstance(note, list) and note[:4] == seen and len(note) == 5:
            self._noted[source] = note
            return note[4]
        with path.open("rb") as file:
            digest = hashlib.file_digest(file, "blake2b").hexdigest()
        if time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) > _SETTLE_NS:
            self._noted[source] = [*seen, digest]
        return digest

    def get(self, key: str) -> PhotoResult | None:
        try:  # read in its parts: splitting the whole file's bytes would copy each photo twice more
            with (self.folder / f"{key}.photo").open("rb") as stored:
                (dw, dh, dn), (tw, th, tn) = json.loads(stored.readline(200))
                display, thumb = stored.read(dn), stored.read(tn)
                if len(display) != dn or len(thumb) != tn or stored.read(1):
                    return None
        except (OSError, ValueError, TypeError):
            return None
        self._used.add(key)
        return (dw, dh, display), (tw, th, thumb)

    def put(self, key: str, result: PhotoResult) -> None:
        (dw, dh, display), (tw, th, thumb) = result
        header = json.dumps([[dw, dh, len(display)], [tw, th, len(thumb)]]).encode()
        self._write(f"{key}.photo", header + b"\n" + display + thumb)
        self._used.add(key)

    def save(self, *, prune: bool = True) -> None:
        """Note the originals seen in this build; forget photos it did not use. Only a
        build of the whole journal prunes: `serve`'s quick step and a share see a few
        entries' photos, and must not throw away the rest of the journal's."""
        if self.read_only:
            return
        noted = self._noted if prune else {**self._stored, **self._noted}
        if noted != self._stored:
            self._write(self.index_path.name, json.dumps(noted, sort_keys=True).encode())
        if not prune:
            return
        for path in self.folder.glob("*.photo") if self.folder.is_dir() else ():
            if path.stem not in self._used:
                path.unlink(missing_ok=True)

    def _write(self, name: str, data: bytes) -> None:
        if self.read_only:
            return
        atomic_write(self.folder / name, data)


# A file's (size, mtime, ctime, inode): when none of them moved, its bytes did not either.
Stat = tuple[int, int, int, int]


def file_stat(path: str | Path) -> Stat | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def settled(stat: Stat) -> bool:
    """Not changed in the last moments, so it cannot change again unseen within one tick
    of the file system's clock, keeping its size: safe to remember by its Stat."""
    return time.time_ns() - max(stat[1], stat[2]) > _SETTLE_NS


@lru_cache(maxsize=1)  # Cairn's code does not change while it runs
def code_digest() -> str:
    """A hash of Cairn's own code and of the Python running it: what another version of
    either made is not trusted."""
    digest = hashlib.blake2b(sys.version.encode(), digest_size=16)
    for path in sorted(_CODE.rglob("*.py")):
        digest.update(path.relative_to(_CODE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class EntryMemory:
    """Each entry file as the last build read it (the Entry, or None, and its problems),
    by its path and Stat. `salt` names everything else reading depends on (the settings,
    the libraries that parse front matter); with Cairn's code it must match the saved
    salt, or nothing is recalled. Only the files seen in this build are saved back, and a
    file changed in the last moments is not remembered (it may change again within one
    tick of the file system's clock, keeping its size).

    Kept as one file per folder of entries (`entries/<hash of the folder>.marshal`), so a
    rebuild after one edit writes the memory of one folder, not of the whole journal.
    Written by marshal, which reads ten years of entries back in half the time JSON
    takes (pack_memory: a CRC-32 and the length guard each file)."""

    def __init__(self, journal: Path, salt: str, *, read_only: bool = False):
        self.folder, self.read_only = journal / CACHE_DIR / ENTRIES, read_only
        self.salt = cache_key(salt, code_digest())
        self._stored: dict[str, dict[str, tuple]] = {}  # by folder of entries, as loaded
        self._kept: dict[str, dict[str, tuple]] = {}  # by folder, what this build saw
        self._changed: set[str] = set()  # folders with a file remembered afresh

    def recall(self, name: str, stat: Stat | None) -> Read | None:
        folder = _folder_of(name)
        note = self._stored_in(folder).get(name)
        if stat is None or not isinstance(note, tuple) or len(note) != 2 or note[0] != stat:
            return None
        try:
            read = read_record(note[1])
        except (ValueError, TypeError, KeyError, OverflowError, AttributeError):
            return None
        self._kept.setdefault(folder, {})[name] = note
        return read

    def remember(self, name: str, stat: Stat | None, read: Read, record: tuple | None = None) -> None:
        """`record` is record_read(read), when the caller has it already."""
        if stat is None or time.time_ns() - max(stat[1], stat[2]) <= _SETTLE_NS:
            return
        try:
            note = (stat, record if record is not None else record_read(read))
        except Unrecordable:
            return
        folder = _folder_of(name)
        self._kept.setdefault(folder, {})[name] = note
        self._changed.add(folder)

    def save(self) -> None:
        """Write the folders whose memory changed; remove the memory of folders gone."""
        if self.read_only:
            return
        for folder, files in self._kept.items():
            if folder in self._changed or files.keys() != self._stored_in(folder).keys():
                atomic_write(self._file(folder), pack_memory({"salt": self.salt, "folder": folder, "files": files}))
        kept = {self._file(folder).name for folder in self._kept}
        for path in self.folder.iterdir() if self.folder.is_dir() else ():
            # and those earlier versions kept as JSON
            if path.suffix in (".marshal", ".json") and len(path.stem) == 32 and path.name not in kept:
                path.unlink(missing_ok=True)

    def _file(self, folder: str) -> Path:
        named = hashlib.blake2b(folder.encode("utf-8", "surrogateescape"), digest_size=16)  # any name a disk has
        return self.folder / f"{named.hexdigest()}.marshal"

    def _stored_in(self, folder: str) -> dict[str, tuple]:
        stored = self._stored.get(folder)
        if stored is None:
            stored = self._stored[folder] = {}
            try:
                data = unpack_memory(self._file(folder).read_bytes())
            except OSError:
                return stored
            if isinstance(data, dict) and data.get("salt") == self.salt and data.get("folder") == folder:
                files = data.get("files")
                stored.update(files if isinstance(files, dict) else {})
        return stored


def _folder_of(name: str) -> str:
    return name.rpartition("/")[0]


COMPILED = "templates"  # a folder: one subfolder of compiled templates per version of Cairn


def compiled_templates(journal: Path) -> Path:
    """Where templates compiled by this version of Cairn and Jinja are kept (compiling the
    theme costs a quarter of a second a build). Jinja checks each against its template's
    source; the folder's name covers how Cairn sets Jinja up. Other versions' go."""
    import jinja2  # only what draws pages needs it

    home = journal / CACHE_DIR / COMPILED
    folder = home / cache_key(code_digest(), jinja2.__version__)
    if not folder.is_dir():
        if home.is_dir():
            for old in home.iterdir():
                if len(old.name) == 32 and old.is_dir():
                    for path in old.iterdir():
                        path.unlink(missing_ok=True)
                    old.rmdir()
        folder.mkdir(parents=True, exist_ok=True)
    return folder
