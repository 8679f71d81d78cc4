"""Issue 6, done when: each format imports from the corpora into a fresh journal made
by `cairn init`, builds, and a second import of the same file changes nothing."""

from __future__ import annotations

import pytest

from tests.conftest import CORPORA, run_cairn, snapshot

pytestmark = [
    pytest.mark.realworld,
    pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not here"),
]

SAMPLES = [
    ("daylio", "daylio-csv/staticf0x-daylio-parser/test_data.csv", 32),
    ("dayone", "dayone-json/marcdonald-obsidian-day-one-importer/Dev Journal.json", 5),
    ("jrnl", "jrnl/docs-formats-json-export-example.json", 3),
]


@pytest.mark.parametrize("kind, sample, count", SAMPLES)
def test_import_into_a_new_journal_builds_and_reimport_changes_nothing(tmp_path, kind, sample, count):
    folder = tmp_path / "journal"
    assert run_cairn("init", folder).returncode == 0
    first = run_cairn("--journal", folder, "import", kind, CORPORA / sample)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[-1] == f"Imported {count} entries, skipped 0 already imported, rejected 0."
    assert len(list((folder / "content").rglob("*.md"))) == count

    built = run_cairn("--journal", folder, "build")
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith(f"Built {count} entries")

    before = snapshot(folder / "content")
    again = run_cairn("--journal", folder, "import", kind, CORPORA / sample)
    assert again.returncode == 0
    assert again.stdout.splitlines()[-1] == f"Imported 0 entries, skipped {count} already imported, rejected 0."
    assert snapshot(folder / "content") == before


def test_dry_run_writes_nothing(tmp_path):
    folder = tmp_path / "journal"
    run_cairn("init", folder)
    result = run_cairn("--journal", folder, "import", "jrnl", CORPORA / SAMPLES[2][1], "--dry-run")
    assert result.returncode == 0
    assert "would write content/" in result.stdout
    assert list((folder / "content").rglob("*")) == []


def test_a_broken_export_fails_with_its_line_and_writes_nothing(tmp_path):
    folder = tmp_path / "journal"
    run_cairn("init", folder)
    broken = CORPORA / "dayone-json/kulapard-dayone-to-obsidian/invalid.json"
    result = run_cairn("--journal", folder, "import", "dayone", broken)
    assert result.returncode == 1
    assert f"{broken}:6: the JSON ends too early; the file may be cut short" in result.stderr
    assert "Traceback" not in result.stderr
    assert list((folder / "content").rglob("*")) == []


def test_a_custom_mood_label_is_mapped_from_the_command_line(tmp_path):
    folder = tmp_path / "journal"
    run_cairn("init", folder)
    sample = CORPORA / "daylio-csv/michaelcurrin-daylio-csv-parser/sample.csv"
    refused = run_cairn("--journal", folder, "import", "daylio", sample)
    assert refused.returncode == 1
    mapped = run_cairn("--journal", folder, "import", "daylio", sample, "--mood", "sad=2", "--mood", "average=3")
    assert mapped.returncode == 0, mapped.stderr + mapped.stdout
    assert mapped.stdout.splitlines()[-1] == "Imported 3 entries, skipped 0 already imported, rejected 0."
