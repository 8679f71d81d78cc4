"""`pip install .` (not editable) into a fresh venv, then `cairn build` in another journal folder.

The built-in theme must travel inside the package: nothing may be read from the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Paths below the repository root that are not part of it (outputs, caches, tools).
LEFT_OUT = {".venv", "site", ".git", ".cairn", ".ci/node_modules", "bench/work", "build", "dist"}
LEFT_OUT_NAMES = shutil.ignore_patterns("__pycache__", "*.egg-info", ".pytest_cache", ".cairn")


def _left_out(folder: str, names: list[str]) -> set[str]:
    below = Path(folder).resolve().relative_to(ROOT)
    return {n for n in names if (below / n).as_posix() in LEFT_OUT} | LEFT_OUT_NAMES(folder, names)


def run(*args: str | Path, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin/ folder of a fresh venv with Cairn installed from a copy of this repository."""
    base = tmp_path_factory.mktemp("install")
    source = base / "cairn-source"
    shutil.copytree(ROOT, source, ignore=_left_out, symlinks=True)
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    result = run(
        venv / "bin" / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        source,
        cwd=base,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return venv / "bin"


def test_the_installed_cairn_builds_another_journal(installed, tmp_path):
    journal = tmp_path / "my-journal"
    (journal / "content" / "2026" / "11").mkdir(parents=True)
    (journal / "journal.yaml").write_text("title: Somewhere else\n")
    (journal / "content" / "2026" / "11" / "2026-11-23.md").write_text(
        "---\ntitle: A quieter morning\nmood: 3\ntags: [walk]\n---\nRain on the window.\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{installed}{os.pathsep}{env.get('PATH', '')}"

    where = run(installed / "python", "-c", "import generator; print(generator.__file__)", cwd=tmp_path, env=env)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(installed.parent), "must import the installed copy"

    result = run(installed / "cairn", "build", cwd=journal, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Built 1 entry into ")
    site = journal / "site"
    for page in ("index.html", "2026/11/23/index.html", "tags/walk/index.html", "timeline/index.html", "robots.txt"):
        assert (site / page).is_file(), page
    entry = (site / "2026/11/23/index.html").read_text()
    assert "<h1>A quieter morning</h1>" in entry
    assert "Rain on the window." in entry
    assert '<link rel="stylesheet" href="../../../static/style.css">' in entry
    assert (site / "static" / "style.css").read_bytes() == (ROOT / "templates" / "static" / "style.css").read_bytes()

    result = run(installed / "cairn", "build", cwd=journal, env=env)
    assert result.stdout.splitlines()[1] == "Nothing changed since the last build."


def test_the_installed_cairn_carries_its_entry_templates(installed, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    journal = tmp_path / "elsewhere"
    assert run(installed / "cairn", "init", journal, cwd=tmp_path, env=env).returncode == 0
    listed = run(installed / "cairn", "new", "--list-templates", cwd=journal, env=env)
    assert listed.stdout.split() == ["default", "built", "in", "evening", "built", "in", "short", "built", "in"]
    started = run(
        installed / "cairn", "new", "--template", "evening", "--date", "2026-11-23", "--no-edit", cwd=journal, env=env
    )
    assert started.returncode == 0, started.stderr
    text = (journal / "content/2026/11/2026-11-23.md").read_text()
    assert "What helped, even a little?" in text
    assert (journal / "plan.md").read_text().startswith("# My plan for hard days\n")
