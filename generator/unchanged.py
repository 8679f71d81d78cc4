"""What did not change since the last build: the whole build, or one page.

Reading and hashing every input costs a few milliseconds per hundred entries;
rendering thousands of pages again to find the same bytes costs seconds. So a
build records a digest of everything it read and the size and time of every file
it left in the output folder; the next build with the same digest and an
untouched output folder has nothing to do.

A page's fingerprint (fingerprints.py) is a hash of everything its template can see,
with the settings, the templates and Cairn's own code. When the fingerprint matches
the last build's and the file in the output folder is the one that build left there,
the page is kept as it is.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.cache import CACHE_DIR, settled
from generator.config import CONFIG_FILE
from generator.errors import ContentError
from generator.filenames import CONTENT_DIR, PLAN_FILE
from generator.fingerprints import Fingerprints
from generator.model import Later, Page
from generator.shown import JournalPrint, LastPlan, to_work_out
from generator.workers import spread_shared
from generator.write import MARKER, atomic_write, read_record

MANIFEST = "last-build.json"
INPUTS = "inputs.json"  # each input file's hash, by its Stat
PRINTS = "pages.json"
SHOWN = "shown.json"  # the entries each page showed: the same for the same plan, so rarely written
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


@dataclass(frozen=True)
class Prints:
    """Each page's fingerprint and the files of the entries it shows, worked out afresh or
    carried over from the last build (shown.py), with what they were worked out from."""

    fingerprints: dict[str, str]  # page output -> fingerprint
    shows: dict[str, list[int]]  # page output -> the entries it shows, by place in planned_from.entries
    drawn_by: str
    planned_from: JournalPrint
    recorded: dict[str, list]  # the last build's [fingerprint, size, time] of each page
    showed: dict[str, list[int]] | None  # what SHOWN holds, when it is of the same plan


def load_prints(journal: Path) -> tuple[dict[str, list], LastPlan | None]:
    """The last build's record of each page, and of what its pages were planned from."""
    try:
        data = json.loads((journal / CACHE_DIR / PRINTS).read_text(encoding="utf-8"))
        pages, sources, drawn_by, shape = data["pages"], data["sources"], data["drawn_by"], data["shape"]
        entries = dict(zip(sources, data["entries"], strict=True))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}, None
    try:
        shown = json.loads((journal / CACHE_DIR / SHOWN).read_text(encoding="utf-8"))
        shows = shown["pages"]
        if [shown["drawn_by"], shown["shape"]] != [drawn_by, shape] or shows.keys() != pages.keys():
            return pages, None
        if not all(type(entries_shown) is list for entries_shown in shows.values()):
            return pages, None
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return pages, None
    return pages, LastPlan(drawn_by, shape, entries, shows)


def still_there(out: Path, name: str, record: list) -> bool:
    """The output file is the one the last build wrote (same size and time)."""
    try:
        stat = os.stat(os.path.join(out, name))
    except OSError:
        return False
    return [stat.st_size, stat.st_mtime_ns] == record[1:3]


def save_prints(
    journal: Path, out: Path, prints: Prints | None, kept: frozenset[str] = frozenset()
) -> dict[str, list[int]]:
    """Each page's record for the next build (none without `prints`: a sealed site's
    pages are never kept); the pages' sizes and times. A page `kept` (not written: the
    last build's is still there) keeps the size and time it had."""
    if prints is None:
        atomic_write(journal / CACHE_DIR / PRINTS, b"{}")
        return {}
    records = {}
    folder = str(out)
    for name, fingerprint in prints.fingerprints.items():
        record = prints.recorded.get(name)
        if name in kept and isinstance(record, list) and len(record) == 3 and record[0] == fingerprint:
            records[name] = record
            continue
        stat = os.stat(os.path.join(folder, name))
        records[name] = [fingerprint, stat.st_size, stat.st_mtime_ns]
    planned = {"drawn_by": prints.drawn_by, "shape": prints.planned_from.shape}
    if prints.shows != prints.showed:
        atomic_write(journal / CACHE_DIR / SHOWN, json.dumps({**planned, "pages": prints.shows}).encode())
    data = {
        **planned,
        "sources": list(prints.planned_from.entries),
        "entries": list(prints.planned_from.entries.values()),
        "pages": records,
    }
    atomic_write(journal / CACHE_DIR / PRINTS, json.dumps(data).encode())
    return {name: record[1:3] for name, record in records.items()}


def fingerprints_of(pages: list[Page], drawn_by: str, known: dict[int, bytes]) -> list[tuple[str, frozenset[str]]]:
    """Each page's fingerprint and the entries it shows, over every core: hashing thousands
    of contexts is a few tenths of a second. `known`: entry digests already worked out."""
    for page in pages:  # in this process, so that the workers that draw the pages have them too
        if isinstance(page.context, Later):
            page.context.made()
    return spread_shared(_print, (Fingerprints(drawn_by, known), pages), range(len(pages)), chunk=256)


def _print(printing: tuple[Fingerprints, list[Page]], index: int) -> tuple[str, frozenset[str]]:
    fingerprints, pages = printing
    return fingerprints.of(pages[index]), frozenset(fingerprints.shown)


def page_prints(
    journal: Path,
    drawn_by: str,
    *,
    pages: list[Page],
    planned_from: JournalPrint,
    out: Path | None,
    sealed: bool,
    own: frozenset[str] = frozenset(),
) -> tuple[Prints, Callable[[Page], bool] | None]:
    """Each page's fingerprint, and a test for pages the last build left unchanged in `out`
    (None when there is nothing to compare with, or the site is sealed). `drawn_by` names
    the templates, Cairn's code and the settings; `planned_from` is what the pages were
    planned from. Only the pages that may have changed are worked out (shown.py)."""
    recorded, last = load_prints(journal) if out is not None and not sealed else ({}, None)
    todo = to_work_out(pages, drawn_by, planned_from, last, own)
    fingerprints: dict[str, str] = {}
    shows: dict[str, list[int]] = {}
    if todo is not None and last is not None:  # the same entries in the same order: their places hold
        fingerprints = {name: record[0] for name, record in recorded.items()}
        shows = dict(last.shows)
    place = {source: i for i, source in enumerate(planned_from.entries)}
    for page, (fingerprint, shown) in zip(
        todo if todo is not None else pages,
        fingerprints_of(todo if todo is not None else pages, drawn_by, planned_from.known),
        strict=True,
    ):
        fingerprints[page.output] = fingerprint
        shows[page.output] = sorted(place[source] for source in shown if source in place)
    showed = last.shows if last is not None and [last.drawn_by, last.shape] == [drawn_by, planned_from.shape] else None
    prints = Prints(fingerprints, shows, drawn_by, planned_from, recorded, showed)
    if not recorded or out is None:
        return prints, None
    folder = out

    def unchanged(page: Page) -> bool:
        record = recorded.get(page.output)
        return (
            record is not None and record[0] == fingerprints[page.output] and still_there(folder, page.output, record)
        )

    return prints, unchanged
