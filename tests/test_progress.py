"""Long work shows one progress line on a terminal, and nothing when output is not one."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.conftest import write_files

ENTRY = "---\nmood: 3\n---\nA quiet day.\n"


def _journal(root: Path) -> Path:
    return write_files(root / "journal", {f"content/2026/11/2026-11-{day:02d}.md": ENTRY for day in range(1, 29)})


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "NO_PROGRESS")}
    return {**env, "CAIRN_PROGRESS_AFTER": "0", **extra}


def _build_in_a_terminal(folder: Path, env: dict[str, str]) -> str:
    """Run `cairn build` with stderr on a pseudo-terminal; what the terminal showed."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--journal", str(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=terminal,
        env=env,
    )
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the build is done
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    out, _ = process.communicate(timeout=120)
    assert process.returncode == 0
    assert b"Built 28 entries" in out
    return shown.decode()


def test_a_build_on_a_terminal_shows_how_far_it_is_on_one_line(tmp_path: Path):
    shown = _build_in_a_terminal(_journal(tmp_path), _env())
    assert "entries read 28 of 28" in shown
    assert "pages drawn" in shown and "files written" in shown
    assert "\n" not in shown.replace("\r\n", "\n").strip("\n")  # one line, redrawn in place
    assert shown.endswith("\r\x1b[K")  # and cleared before the summary


def test_a_short_build_on_a_terminal_stays_quiet(tmp_path: Path):
    assert _build_in_a_terminal(_journal(tmp_path), _env(CAIRN_PROGRESS_AFTER="600")) == ""


def test_a_build_into_a_pipe_prints_no_progress(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--journal", str(_journal(tmp_path))],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert "entries read" not in result.stdout and "\r" not in result.stdout
