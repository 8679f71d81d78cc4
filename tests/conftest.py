"""Shared fixtures: throwaway journals and the real `cairn` entry point."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest

from generator.progress import charts

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"


@pytest.fixture(autouse=True)
def _no_charts_kept_between_tests(monkeypatch):
    """A Preview made by one test tells the process to keep drawn charts (as serve does);
    a later test in the same worker would then see charts it expects drawn come from
    memory. Each test starts without."""
    monkeypatch.setattr(charts, "_kept", None)


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


@pytest.fixture
def journal(tmp_path: Path):
    """make(files) -> a journal folder holding those files."""

    def make(files: dict[str, str | bytes]) -> Path:
        return write_files(tmp_path / "journal", files)

    return make


class _FullStream:
    """A file just created on a disk with no room left: every write fails."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.stream.close()

    def write(self, data) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def full_disk(monkeypatch):
    """full_disk(folder, room=0): new files below `folder` are created, as on a real disk,
    but once `room` of them are written, writing any more fails with ENOSPC."""

    def fill(folder: Path, room: int = 0) -> None:
        real_open = Path.open
        written = [0]

        def open_(self: Path, mode: str = "r", *args, **kwargs):
            stream = real_open(self, mode, *args, **kwargs)
            if "x" not in mode or not self.is_relative_to(folder):
                return stream
            written[0] += 1
            return stream if written[0] <= room else _FullStream(stream)

        monkeypatch.setattr(Path, "open", open_)

    return fill


def run_cairn(*args: str | Path, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real command line, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes, to prove nothing changed."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# With `make test` the files are shared out between three workers in the order they are
# collected, each file whole to one worker. The longest go first (by the seconds each took
# in a whole run on a clean clone, December 2026), so that the short ones fill in around
# them instead of one long file running alone at the end.
LONGEST_FIRST = (
    "test_accessibility.py",  # about 170 s: half the pages visited, axe-core, dark mode
    "test_cli.py",  # 170 s
    "test_accessibility_half.py",  # about 150 s: the other half
    "test_phone.py",  # 143 s
    "test_serve.py",  # 119 s
    "test_entry_memory.py",  # 87 s
    "test_output_folder.py",  # 73 s
    "test_encrypted_browser.py",  # 71 s
    "test_encrypted_locks_browser.py",  # 69 s
    "test_install.py",  # 33-60 s
    "test_lighthouse.py",  # 44-64 s
    "test_import_cli.py",  # 43 s
    "test_site_quality.py",  # 40 s: Nu and the crawl
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: within a file, and among the rest, the order stays
