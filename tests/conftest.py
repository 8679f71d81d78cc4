"""Shared fixtures: throwaway journals and the real `cairn` entry point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"


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


# With `make test` the files are shared out between two workers in the order they are
# collected, each file whole to one worker. The long browser files go first, so that the
# short ones fill in around them instead of one long file running alone at the end.
LONGEST_FIRST = (
    "test_accessibility.py",
    "test_site_quality.py",
    "test_lighthouse.py",
    "test_phone.py",
    "test_serve.py",
    "test_encrypted_browser.py",
    "test_install.py",
    "test_encrypted_locks_browser.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: within a file, and among the rest, the order stays
