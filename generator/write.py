"""Write the site: only changed files, all or nothing; remove only what Cairn wrote.

The output folder holds Cairn's marker file, which says how the site was built
(plain or encrypted) and lists every file Cairn wrote there. A build refuses to
replace an encrypted site with a plain one (or the reverse) unless told to, never
writes through a symbolic link, and removes a stale file only when the marker lists
it: a `.git`, `CNAME` or anything else put there by hand stays.

Writing happens in two steps: every changed file is first written to a temporary
file beside its target, then all of them are moved into place. A full disk or a
read-only folder stops the first step, and the folder is left as it was.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.staging import TEMP_PREFIX, make_folders, os_problem, stage, temp_beside, undo_folders

MARKER = ".cairn-site"
_MARKER_HEAD = "This folder is written by Cairn. A build replaces or removes only the files listed below;\n"
_MARKER_HEAD2 = "anything else here is left alone.\n"
_LEGACY_HEAD = "This folder is written by Cairn."
_SEALED_NAME = re.compile(r"^\d{24}\.(?:html|js)$")  # how an encrypted build names its files
# What a folder people deploy from often holds before a first build.
DEPLOY_FILES = frozenset({".git", ".gitignore", ".gitattributes", "CNAME", ".nojekyll", ".well-known", ".DS_Store"})


class UnsafeOutput(Exception):
    """The output folder cannot be written as asked; the message says why and what to do."""


class CannotWrite(UnsafeOutput):
    """Writing the site failed or would go through a symbolic link (a full disk, a
    read-only folder): the folder was left as it was."""


@dataclass(frozen=True)
class SiteRecord:
    """What the marker says: how the site was built, and the files Cairn wrote."""

    sealed: bool
    files: frozenset[str]


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int
    kept: tuple[str, ...] = field(default=())  # top-level names Cairn did not write, left alone


def marker_text(record: SiteRecord) -> bytes:
    built = "encrypted" if record.sealed else "plain"
    lines = [_MARKER_HEAD, _MARKER_HEAD2, f"built: {built}\n", "files:\n", *(f"{n}\n" for n in sorted(record.files))]
    return "".join(lines).encode("utf-8", "surrogateescape")


def read_record(out: Path) -> SiteRecord | None:
    """The marker's record, or None when the folder has no marker."""
    try:
        text = (out / MARKER).read_bytes().decode("utf-8", "surrogateescape")
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise UnsafeOutput(f"cannot read {out / MARKER}: {error.strerror or error}") from None
    head, _, listed = text.partition("files:\n")
    built = next((line.removeprefix("built: ") for line in head.splitlines() if line.startswith("built: ")), None)
    if built is None:  # a marker from before Cairn kept a list: tell the kind by the files
        return SiteRecord(any(_SEALED_NAME.match(p.name) for p in out.iterdir()), frozenset())
    return SiteRecord(built == "encrypted", frozenset(line for line in listed.splitlines() if line))


def check_output_folder(out: Path, journal: Path, *, sealed: bool = False, replace: bool = False) -> None:
    """Refuse an output folder whose files we could destroy or expose by mistake."""
    shown, out, journal = out, out.resolve(), journal.resolve()
    if out == journal or journal.is_relative_to(out):
        raise UnsafeOutput(f"{out} holds the journal itself; choose an empty folder for the site")
    for kept in ("content", "templates"):
        if out.is_relative_to(journal / kept):
            raise UnsafeOutput(f"the site cannot be written inside {kept}/")
    if out.exists() and not out.is_dir():
        raise UnsafeOutput(f"{out} is a file, not a folder; choose an empty folder for the site")
    if not out.is_dir():
        return
    record = read_record(out)
    if record is None:
        foreign = sorted(p.name for p in out.iterdir() if p.name not in DEPLOY_FILES)
        if foreign:
            raise UnsafeOutput(
                f"{out} is not empty and was not made by Cairn; choose an empty folder "
                "(one that holds only .git, CNAME, .nojekyll or .well-known is fine)"
            )
        return
    if record.sealed != sealed and not replace:
        if record.sealed:
            raise UnsafeOutput(
                f"{shown} holds an encrypted site; a plain build would replace it with every entry readable. "
                "To keep it, build somewhere else with --out DIR; to replace it on purpose, add --replace"
            )
        raise UnsafeOutput(
            f"{shown} holds a plain site; an encrypted build would replace it. "
            "To keep it, build somewhere else with --out DIR; to replace it on purpose, add --replace"
        )


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write through a temporary file in the same folder, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        temp = temp_beside(path, data, mode)
    except OSError as error:  # a full disk: say which file could not be written
        raise OSError(error.errno, error.strerror, str(path)) from None
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def create_new(path: Path, data: bytes) -> bool:
    """Write a file that must not exist yet (False, and nothing changed, when it does).
    A failure part way (a full disk) leaves neither the file nor the folders made for it."""
    try:
        made_folders = make_folders(path.parent)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from None
    try:
        stream = path.open("xb")  # "x": a file made meanwhile (another `cairn new`) stays as it is
    except FileExistsError:
        return False
    except OSError as error:
        undo_folders(made_folders)
        raise OSError(error.errno, error.strerror, str(path)) from None
    try:
        with stream:
            stream.write(data)
    except OSError as error:
        path.unlink()  # made by the open above, so ours to remove
        undo_folders(made_folders)
        raise OSError(error.errno, error.strerror, str(path)) from None
    return True


def write_site(
    out: Path,
    files: dict[str, bytes | None],
    *,
    sealed: bool = False,
    tell: Callable[[str, int, int], None] | None = None,
) -> WriteReport:
    """`files` maps a path relative to `out` (posix) to its bytes, or to None for a
    file already in place and known to be unchanged. UnsafeOutput, with the folder
    untouched, when a file cannot be written. `tell("write", done, of)` hears how far it is."""
    previous = read_record(out) if out.is_dir() else None
    record = SiteRecord(sealed, frozenset(files))
    changed = {name: data for name, data in files.items() if data is not None and not _same_bytes(out / name, data)}
    marker = marker_text(record)
    if not _same_bytes(out / MARKER, marker):
        changed[MARKER] = marker
    _refuse_links(out, changed)
    try:
        staged = stage(out, changed, tell)
    except OSError as error:
        raise CannotWrite(
            f"could not write the site into {out}: {os_problem(error)}; nothing in it was changed"
        ) from None
    _put_in_place(out, staged)
    removed = _remove_stale(out, (previous.files if previous else frozenset()) - record.files)
    written = len(changed) - (MARKER in changed)
    return WriteReport(written, len(files) - written, removed, _kept(out, record.files))


def _refuse_links(out: Path, names: Iterable[str]) -> None:
    """A symbolic link (or a folder) where Cairn would write a file: never write through it.
    Each folder on the way is looked at once, and nothing inside a folder that is not there."""
    there: dict[str, bool] = {}
    for name in names:
        parts = name.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder not in there:
                there[folder] = _looked_at(out / folder, folder=True)
            if not there[folder]:
                break
        else:
            _looked_at(out / name, folder=False)


def _looked_at(path: Path, *, folder: bool) -> bool:
    """Whether `path` is there: CannotWrite when it is not what Cairn may write into or over."""
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False
    if stat.S_ISLNK(mode):
        raise CannotWrite(
            f"{path} is a symbolic link; Cairn never writes through one. Remove it, or build with --out DIR"
        )
    if not folder and stat.S_ISDIR(mode):
        raise CannotWrite(f"{path} is a folder where Cairn writes a file; move it, or build with --out DIR")
    if folder and not stat.S_ISDIR(mode):
        raise CannotWrite(f"{path} is a file where Cairn needs a folder; move it, or build with --out DIR")
    return True


def _put_in_place(out: Path, staged: list[tuple[Path, Path]]) -> None:
    # The marker (staged last, as dicts keep order) goes in once the files it lists are there.
    for temp, target in staged:
        os.replace(temp, target)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.is_symlink() or path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _remove_stale(out: Path, stale: frozenset[str]) -> int:
    """Remove files the last build wrote and this one did not, then folders left empty,
    and temporary files a crash left behind in Cairn's folders."""
    removed = 0
    folders: set[Path] = set()
    for name in sorted(stale):
        path = out / name
        if _inside_without_links(out, path) and (path.is_file() or path.is_symlink()):
            path.unlink()
            removed += 1
            folders.update(p for p in path.parents if p != out and p.is_relative_to(out))
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        if folder.is_dir() and not folder.is_symlink():
            for leftover in folder.glob(TEMP_PREFIX + "*"):
                leftover.unlink()
            if not any(folder.iterdir()):
                folder.rmdir()
    return removed


def _inside_without_links(out: Path, path: Path) -> bool:
    """No folder between `out` and `path` is a symbolic link."""
    return not any(parent.is_symlink() for parent in path.parents if parent != out and parent.is_relative_to(out))


def _kept(out: Path, ours: frozenset[str]) -> tuple[str, ...]:
    """Top-level names in `out` that Cairn did not write and left alone."""
    tops = {name.split("/", 1)[0] for name in ours} | {MARKER}
    return tuple(
        path.name + ("/" if path.is_dir() and not path.is_symlink() else "")
        for path in sorted(out.iterdir())
        if path.name not in tops and not path.name.startswith(TEMP_PREFIX)
    )
