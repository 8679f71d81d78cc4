"""The build's memory of entries as read: a rebuild reads only the files that changed,
and whatever changed, it writes the same site as a build from nothing."""

from __future__ import annotations

import dataclasses
import marshal
import re
import shutil

import pytest

from generator import build as pipeline
from generator import cache, content, records, workers
from generator.build import build, check
from generator.crypt.keys import derive_key, load_or_create_salt, open_file
from generator.errors import BuildFailed
from generator.unchanged import input_digest
from tests.conftest import run_cairn, snapshot
from tests.golden import FIXTURE

ENTRY = "content/2026/05/2026-05-03.md"
PASSPHRASE = "rain on the window, twice"


@pytest.fixture
def reads(monkeypatch):
    """The entry files that builds from now on read (in this process, one at a time)."""
    names: list[str] = []
    monkeypatch.setattr(workers, "PARALLEL_FROM", 10**9)
    monkeypatch.setattr(cache, "_SETTLE_NS", 0)  # a file written by the test is remembered at once
    real = content.read_entry

    def counting(name, raw, config):
        names.append(name)
        return real(name, raw, config)

    monkeypatch.setattr(content, "read_entry", counting)
    return names


@pytest.fixture
def remembered(tmp_path, reads):
    """The fixture journal, built once: its memory holds every entry."""
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    build(journal, journal / "site")
    assert len(reads) == 10
    reads.clear()
    return journal


def cold(journal, tmp_path, **options) -> dict[str, bytes]:
    """The same journal built from nothing (a copy without .cairn/) into another folder."""
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(journal, fresh, ignore=shutil.ignore_patterns(".cairn", "site"))
    build(fresh, tmp_path / "cold-site", **options)
    site = snapshot(tmp_path / "cold-site")
    shutil.rmtree(tmp_path / "cold-site")
    return site


def rebuilt(journal, **options) -> dict[str, bytes]:
    build(journal, journal / "site", **options)
    return snapshot(journal / "site")


def memory_files(journal) -> dict[str, str]:
    """Each file of the memory, as text enough to search for the names it holds."""
    return {p.name: repr(records.unpack_memory(p.read_bytes())) for p in (journal / ".cairn" / "entries").iterdir()}


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edited_entry_is_the_only_file_read_again(remembered, reads, tmp_path):
    edit(remembered / ENTRY, "A good day.", "A good day, and a quiet evening.")
    site = rebuilt(remembered)
    assert reads == [ENTRY]
    assert b"a quiet evening" in site["2026/05/03/index.html"]
    assert site == cold(remembered, tmp_path)


def test_an_edited_mood_is_read_again_and_counted_everywhere(remembered, reads, tmp_path):
    edit(remembered / ENTRY, "mood: 5", "mood: 2")
    site = rebuilt(remembered)
    assert reads == [ENTRY]
    assert site == cold(remembered, tmp_path)


def test_an_added_entry_is_read_and_shown(remembered, reads, tmp_path):
    (remembered / "content/2026/05/2026-05-06.md").write_text("---\nmood: 4\n---\nA new page.\n", encoding="utf-8")
    site = rebuilt(remembered)
    assert reads == ["content/2026/05/2026-05-06.md"]
    assert "2026/05/06/index.html" in site
    assert site == cold(remembered, tmp_path)


def test_a_deleted_entry_is_gone_and_forgotten(remembered, reads, tmp_path):
    (remembered / ENTRY).unlink()
    site = rebuilt(remembered)
    assert reads == []
    assert "2026/05/03/index.html" not in site
    assert site == cold(remembered, tmp_path)
    assert ENTRY not in "".join(memory_files(remembered).values())


def test_a_deleted_folder_of_entries_leaves_no_memory_behind(remembered, tmp_path):
    shutil.rmtree(remembered / "content/2025")
    before = len(memory_files(remembered))
    assert rebuilt(remembered) == cold(remembered, tmp_path)
    assert len(memory_files(remembered)) == before - 1
    assert "content/2025/" not in "".join(memory_files(remembered).values())


def test_a_renamed_entry_is_read_under_its_new_name(remembered, reads, tmp_path):
    (remembered / ENTRY).rename(remembered / "content/2026/05/2026-05-03-walk.md")
    site = rebuilt(remembered)
    assert reads == ["content/2026/05/2026-05-03-walk.md"]
    assert site == cold(remembered, tmp_path)


def test_changed_settings_read_every_entry_again(remembered, reads, tmp_path):
    edit(remembered / "journal.yaml", "labels: [awful, low, okay, good, great]", "labels: [1, 2, 3, 4, 5, 6, 7]")
    site = rebuilt(remembered)
    assert len(reads) == 10
    assert site == cold(remembered, tmp_path)


def test_a_changed_template_is_drawn_with_the_remembered_entries(remembered, reads, tmp_path):
    (remembered / "templates").mkdir()
    (remembered / "templates" / "entry.html").write_text(
        '{% extends "builtin/entry.html" %}{% block main %}<p>Mine: {{ entry.title }}</p>{{ super() }}{% endblock %}',
        encoding="utf-8",
    )
    site = rebuilt(remembered)
    assert reads == []
    assert b"<p>Mine: " in site["2026/05/03/index.html"]
    assert site == cold(remembered, tmp_path)


def test_what_another_version_of_cairn_read_is_read_again(tmp_path, reads, monkeypatch):
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    real = content.read_entry

    def older(name, raw, config):  # an older Cairn, which read titles otherwise
        entry, problems = real(name, raw, config)
        return (entry and dataclasses.replace(entry, title="OLD")), problems

    def install(version, read_entry):  # Cairn's code is part of every digest of what a build read
        monkeypatch.setattr(cache, "code_digest", lambda: version)
        monkeypatch.setattr(pipeline, "input_digest", lambda *args: input_digest(*args) + version)
        monkeypatch.setattr(content, "read_entry", read_entry)

    install("an older Cairn", older)
    build(journal, journal / "site")
    assert b"OLD" in snapshot(journal / "site")["2026/05/03/index.html"]
    install("this Cairn", real)
    site = rebuilt(journal)
    assert b"OLD" not in site["2026/05/03/index.html"]
    assert site == cold(journal, tmp_path)


DAMAGES = ["truncated", "a byte changed", "not marshal", "marshal without a digest", "another shape", "another entry"]


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_memory_is_read_afresh_without_a_traceback(remembered, tmp_path, damage):
    for memory in (remembered / ".cairn" / "entries").iterdir():
        packed = memory.read_bytes()
        stored = records.unpack_memory(packed)
        assert isinstance(stored, dict)
        if damage == "truncated":
            packed = packed[: len(packed) // 2]
        elif damage == "a byte changed":
            packed = packed[:-40] + bytes([packed[-40] ^ 1]) + packed[-39:]
        elif damage == "not marshal":
            packed = records.pack_memory(None)[:16] + b"\0\0\0"
        elif damage == "marshal without a digest":
            packed = marshal.dumps(stored)
        elif damage == "another shape":
            packed = records.pack_memory([1, 2, 3])
        else:
            files = {
                name: (stat, ({"title": "Only a title"} if record[0] else ["x"], *record[1:]))
                for name, (stat, record) in stored["files"].items()
            }
            packed = records.pack_memory({**stored, "files": files})
        memory.write_bytes(packed)
    edit(remembered / ENTRY, "A good day.", "A good day, then rain.")
    result = run_cairn("--journal", remembered, "build")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(remembered / "site") == cold(remembered, tmp_path)


def test_the_memory_an_earlier_version_kept_as_json_goes_and_nothing_else(remembered, reads, tmp_path):
    folder = remembered / ".cairn" / "entries"
    (folder / f"{'0' * 32}.json").write_text('{"salt": "old", "files": {}}', encoding="utf-8")
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    edit(remembered / ENTRY, "A good day.", "A good day, and the old memory gone.")
    site = rebuilt(remembered)
    assert reads == [ENTRY]
    assert site == cold(remembered, tmp_path)
    assert not (folder / f"{'0' * 32}.json").exists()
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_warning_of_an_unchanged_entry_is_still_given(remembered, reads, tmp_path):
    (remembered / "content/2026/05/2026-05-05.md").write_text("---\nmoood: 3\n---\nTypo.\n", encoding="utf-8")
    first = build(remembered, remembered / "site").warnings
    assert [w.message for w in first] == ["unknown key 'moood' (did you mean 'mood'?)"]
    edit(remembered / ENTRY, "A good day.", "A good day, and tea.")
    reads.clear()
    again = build(remembered, remembered / "site")
    assert reads == [ENTRY]
    assert again.warnings == first
    with pytest.raises(BuildFailed) as failed:
        build(remembered, remembered / "site", strict=True)
    fresh = shutil.copytree(remembered, tmp_path / "fresh", ignore=shutil.ignore_patterns(".cairn", "site"))
    with pytest.raises(BuildFailed) as failed_cold:
        check(fresh, strict=True)
    assert failed.value.errors == failed_cold.value.errors
    assert [str(e) for e in failed.value.errors] == [
        "content/2026/05/2026-05-05.md:2: warning: unknown key 'moood' (did you mean 'mood'?)"
    ]
    assert check(remembered).warnings == first


def test_drafts_are_remembered_and_shown_with_drafts(remembered, reads, tmp_path):
    (remembered / "content/2026/05/2026-05-05.md").write_text("---\ndraft: true\n---\nNot yet.\n", encoding="utf-8")
    plain = rebuilt(remembered)
    assert "2026/05/05/index.html" not in plain
    reads.clear()
    with_drafts = rebuilt(remembered, drafts=True)
    assert reads == []
    assert "2026/05/05/index.html" in with_drafts
    assert with_drafts == cold(remembered, tmp_path, drafts=True)


def test_an_encrypted_rebuild_holds_the_edit(remembered, reads, tmp_path):
    build(remembered, tmp_path / "sealed", passphrase=PASSPHRASE)
    edit(remembered / ENTRY, "A good day.", "A good day, sealed.")
    build(remembered, tmp_path / "sealed", passphrase=PASSPHRASE)
    assert reads == [ENTRY]
    fresh = tmp_path / "fresh"
    shutil.copytree(remembered, fresh, ignore=shutil.ignore_patterns(".cairn", "site"))
    build(fresh, tmp_path / "sealed-cold", passphrase=PASSPHRASE)
    key = derive_key(PASSPHRASE, load_or_create_salt(remembered))

    def opened(folder):
        files = snapshot(folder)
        return {
            name: open_file(key, data, name) for name, data in files.items() if re.fullmatch(r"\d{24}\.(html|js)", name)
        }

    pages = opened(tmp_path / "sealed")
    assert any(b"A good day, sealed." in data for _, data in pages.values())
    assert pages == opened(tmp_path / "sealed-cold")
