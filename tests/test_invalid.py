"""`cairn check` on journals with one broken thing each (tests/invalid/): the exact report.

Each folder below tests/invalid/ is a small journal with exactly one mistake a person
makes. The report is `path:line: message` on stderr, exit status 1, no traceback, and
nothing written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cairn, snapshot

INVALID = Path(__file__).parent / "invalid"

# case folder -> the one line `cairn check` must print for it
EXPECTED = {
    "mood-out-of-range": "content/2026-11-23.md:3: mood must be a whole number from 1 to 5 (got 7)",
    "mood-a-word": (
        "content/2026-11-23.md:3: mood must be a whole number from 1 to 5 or a word of the scale; "
        "other words and emoji can be added under mood: aliases: in journal.yaml (got 'wonderful')"
    ),
    "metric-as-text": "content/2026-11-23.md:3: sleep must be a number (got 'seven hours')",
    "date-not-a-date": "content/notes/leap-day.md:2: '2026-02-30' is not a real date or time",
    "time-not-a-time": "content/2026-11-23.md:2: '2026-11-23 25:10' is not a real date or time",
    "yaml-does-not-parse": "content/2026-11-23.md:3: front matter is not valid YAML: mapping values are not allowed in this context",
    "front-matter-never-closed": "content/2026-11-23.md:1: front matter starts with --- but has no closing --- line",
    "list-holds-mapping": "content/2026-11-23.md:2: wins must be a list of short texts (one item is {'texted': 'Sam'})",
    "unknown-setting": "journal.yaml:2: unknown setting 'moood' (did you mean 'mood'?)",
    "missing-image": "content/2026/11/2026-11-23.md:6: shows the image park.jpg, which is not in content/2026/11/",
    "not-utf8": "content/2026-11-23.md:2: is not UTF-8 text (byte 14)",
    "draft-not-true-or-false": "content/2026-11-23.md:2: draft must be true or false (got 'maybe')",
    "key-given-twice": "content/2026-11-23.md:4: 'mood' is given twice, on lines 2 and 4; keep one",
    "alias-bomb": (
        "content/2026-11-23.md:6: uses YAML aliases that expand to more than 10,000 values; write the values out instead"
    ),
    "metric-too-large": (
        "content/2026-11-23.md:3: sleep is too large a number to be a measurement (got 99999999999999999999…)"
    ),
}
# Incomplete, not wrong: a warning, and the build goes on (unless --strict).
WARNED = {
    "no-date": (
        "content/notes/ideas.md:1: warning: has no date, so it is not an entry: to make it one, "
        "add `date: YYYY-MM-DD` to its front matter or start its file name with the date"
    ),
}


def test_every_fixture_folder_has_its_expected_line():
    assert sorted(p.name for p in INVALID.iterdir() if p.is_dir()) == sorted(EXPECTED | WARNED)


def test_a_warning_alone_builds_and_strict_makes_it_an_error(tmp_path):
    folder = shutil.copytree(INVALID / "no-date", tmp_path / "no-date")
    result = run_cairn("build", cwd=folder)
    assert (result.returncode, result.stderr) == (0, WARNED["no-date"] + "\n")
    assert "Built 0 entries" in result.stdout
    result = run_cairn("check", "--strict", cwd=folder)
    assert (result.returncode, result.stderr) == (
        1,
        WARNED["no-date"] + "\nNothing was written: 1 problem to fix first.\n",
    )


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_check_reports_the_one_problem(tmp_path, case):
    folder = shutil.copytree(INVALID / case, tmp_path / case)
    before = snapshot(folder)
    result = run_cairn("check", cwd=folder)
    assert (result.returncode, result.stdout) == (1, "")
    assert "Traceback" not in result.stderr
    assert result.stderr == f"{EXPECTED[case]}\nNothing was written: 1 problem to fix first.\n"
    assert snapshot(folder) == before


@pytest.mark.parametrize("case", ["mood-out-of-range", "missing-image", "unknown-setting"])
def test_build_reports_the_same_and_writes_nothing(tmp_path, case):
    folder = shutil.copytree(INVALID / case, tmp_path / case)
    result = run_cairn("build", cwd=folder)
    assert result.returncode == 1
    assert result.stderr == f"{EXPECTED[case]}\nNothing was written: 1 problem to fix first.\n"
    assert "Traceback" not in result.stderr
    assert not (folder / "site").exists()


def test_every_broken_file_is_reported_in_one_run_sorted(tmp_path):
    """All the entry mistakes together, each in its own folder: one run names them all."""
    folder = tmp_path / "journal"
    (folder / "content").mkdir(parents=True)
    shutil.copy(INVALID / "metric-as-text" / "journal.yaml", folder / "journal.yaml")
    expected = []
    for case, line in (EXPECTED | WARNED).items():
        if case == "unknown-setting":  # settings are read before entries; see test_config.py
            continue
        shutil.copytree(INVALID / case / "content", folder / "content" / case)
        path, number, message = line.replace("content/", f"content/{case}/").split(":", 2)
        expected.append((path, int(number), message))
    result = run_cairn("check", cwd=folder)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    # The warning is shown in the same run, in its place by file and line, but not counted as an error.
    assert lines[:-1] == [f"{path}:{number}:{message}" for path, number, message in sorted(expected)]
    assert lines[-1] == f"Nothing was written: {len(expected) - len(WARNED)} problems to fix first."
    assert len(lines) == len(expected) + 1
