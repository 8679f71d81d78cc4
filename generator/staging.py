"""Files made beside their targets, to be moved into place once all of them are there.

A temporary file in the target's own folder can replace the target with one rename, so a
reader never sees half a file. Making the folders and files is the kernel's work, tens of
thousands of system calls for a ten-year journal's first build, so threads share it out
over the cores.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TEMP_PREFIX = ".cairn-tmp-"
WRITERS = 4  # threads making folders and files


def stage(
    out: Path, changed: dict[str, bytes], tell: Callable[[str, int, int], None] | None = None
) -> list[tuple[Path, Path]]:
    """Every changed file (a path under `out`) as (temporary file, target): the missing
    folders first, a level at a time, then the files. On an OSError nothing made is left."""
    made_folders: list[Path] = []
    staged: list[tuple[Path, Path]] = []
    error: OSError | None = None
    with ThreadPoolExecutor(WRITERS) as pool:
        for level in _missing_folders(out, changed):
            for folder, failed in zip(level, pool.map(_made, level), strict=True):
                made_folders += [] if failed else [folder]
                error = error or failed
            if error:
                break
        targets = [] if error else [out / name for name in changed]
        temps = pool.map(_staged, targets, changed.values())
        for done, (target, temp) in enumerate(zip(targets, temps, strict=True), start=1):
            if isinstance(temp, OSError):
                error = error or temp
            else:
                staged.append((temp, target))
            if tell is not None:
                tell("write", done, len(changed))
    if error is not None:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        for folder in reversed(made_folders):
            folder.rmdir()
        raise error
    return staged


def _missing_folders(out: Path, names: Iterable[str]) -> list[list[Path]]:
    """The folders the files named need that do not exist yet, outermost level first."""
    missing: set[str] = set()
    there: set[str] = set()
    for name in names:
        folder = name.rpartition("/")[0]
        while folder and folder not in missing and folder not in there:
            if os.path.exists(out / folder):
                there.add(folder)
                break
            missing.add(folder)
            folder = folder.rpartition("/")[0]
    depths = sorted({folder.count("/") for folder in missing})
    levels = [[out / folder for folder in sorted(missing) if folder.count("/") == depth] for depth in depths]
    while not out.exists():  # the output folder itself, and its parents
        levels.insert(0, [out])
        out = out.parent
    return levels


def _made(folder: Path) -> OSError | None:
    try:
        folder.mkdir()
    except OSError as error:
        return error
    return None


def _staged(target: Path, data: bytes) -> Path | OSError:
    try:
        return temp_beside(target, data, 0o644)
    except OSError as error:
        return error


def temp_beside(path: Path, data: bytes, mode: int | None) -> Path:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as stream:
            if mode is not None:
                os.fchmod(fd, mode)
            stream.write(data)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def make_folders(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents; the ones created, outermost first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    made: list[Path] = []
    try:
        for path in reversed(missing):
            path.mkdir()
            made.append(path)
    except OSError:  # a full disk part way: the folders made so far go too
        for path in reversed(made):
            path.rmdir()
        raise
    return made


def undo_folders(made_folders: list[Path]) -> None:
    for folder in reversed(made_folders):
        try:
            folder.rmdir()
        except OSError:  # something else was put there meanwhile: it stays
            return


def os_problem(error: OSError) -> str:
    """What went wrong, in words a person can act on."""
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is read-only (no permission to write there)"
    return error.strerror or str(error)
