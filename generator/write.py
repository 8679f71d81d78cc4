"""Write the site: only changed files, atomically; remove what no longer belongs."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Marks a folder as Cairn's output, so stale-file removal never runs anywhere else.
MARKER = ".cairn-site"


class UnsafeOutput(Exception):
    pass


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


def check_output_folder(out: Path, journal: Path) -> None:
    """Refuse an output folder whose files we could destroy by mistake."""
    out, journal = out.resolve(), journal.resolve()
    if out == journal or journal.is_relative_to(out):
        raise UnsafeOutput(f"{out} holds the journal itself; choose an empty folder for the site")
    for kept in ("content", "templates"):
        if out.is_relative_to(journal / kept):
            raise UnsafeOutput(f"the site cannot be written inside {kept}/")
    if out.exists() and not out.is_dir():
        raise UnsafeOutput(f"{out} is a file, not a folder; choose an empty folder for the site")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise UnsafeOutput(f"{out} is not empty and was not made by Cairn; choose an empty folder")


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write through a temporary file in the same folder, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_site(
    out: Path, files: dict[str, bytes | None], tell: Callable[[str, int, int], None] | None = None
) -> WriteReport:
    """`files` maps a path relative to `out` (posix) to its bytes, or to None for a
    file already in place and known to be unchanged. `tell("write", done, of)` hears
    how far it is."""
    out.mkdir(parents=True, exist_ok=True)
    marker = out / MARKER
    if not marker.exists():
        marker.write_bytes(b"This folder is written by Cairn. Files here are replaced on every build.\n")
    written = unchanged = 0
    for done, (name, data) in enumerate(files.items(), start=1):
        if tell is not None:
            tell("write", done, len(files))
        target = out / name
        if data is None or _same_bytes(target, data):
            unchanged += 1
            continue
        atomic_write(target, data, 0o644)
        written += 1
    removed = _remove_stale(out, set(files) | {MARKER})
    return WriteReport(written, unchanged, removed)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _remove_stale(out: Path, keep: set[str]) -> int:
    removed = 0
    for root, dirs, names in os.walk(out, topdown=False):
        folder = Path(root)
        for name in names:
            path = folder / name
            if path.relative_to(out).as_posix() not in keep:
                path.unlink()
                removed += 1
        for name in dirs:
            path = folder / name
            if path.is_symlink():
                path.unlink()
            elif not any(path.iterdir()):
                path.rmdir()
    return removed
