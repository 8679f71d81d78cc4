"""scaffold: `cairn init` and `cairn new`, which never overwrite what a person wrote."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from generator.config import load_config
from generator.content import read_entry
from generator.scaffold import (
    ENTRY_TEMPLATE,
    GITIGNORE,
    JOURNAL_YAML,
    JournalExists,
    entry_path,
    init_journal,
    new_entry,
    open_in_editor,
)
from tests.conftest import snapshot

EMPTY_ENTRY = """\
---
date: 2026-11-23
mood:        # 1 awful, 2 low, 3 okay, 4 good, 5 great
tags: []
wins:         # small things count: a shower, a walk, a message answered
  -
gratitude:
  -
emotions: []
habits: []
coping: []    # what helped, if anything did
---

"""


def test_init_makes_a_journal(tmp_path):
    folder = init_journal(tmp_path / "diary")
    assert (folder / "content").is_dir()
    assert (folder / "journal.yaml").read_text() == JOURNAL_YAML
    assert (folder / ".gitignore").read_text() == GITIGNORE == "site/\n.cairn/\nshares/\nreviews/\n"
    if shutil.which("git"):
        assert (folder / ".git").is_dir()
    assert load_config(folder).title == "My journal"


def test_init_keeps_an_existing_gitignore(tmp_path):
    (tmp_path / ".gitignore").write_text("*.swp\n")
    init_journal(tmp_path)
    assert (tmp_path / ".gitignore").read_text() == "*.swp\n"


@pytest.mark.parametrize("existing", ["journal.yaml", "content/2026-01-01.md"])
def test_init_refuses_an_existing_journal_and_changes_nothing(tmp_path, existing):
    (tmp_path / existing).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / existing).write_text("mine\n")
    before = snapshot(tmp_path)
    with pytest.raises(JournalExists) as caught:
        init_journal(tmp_path)
    assert str(caught.value) == f"{tmp_path} already holds a journal; nothing was changed"
    assert snapshot(tmp_path) == before


def test_entry_path(tmp_path):
    assert entry_path(tmp_path, dt.date(2026, 1, 5)) == tmp_path / "content" / "2026" / "01" / "2026-01-05.md"


def test_new_writes_the_gentle_template(tmp_path):
    path, created = new_entry(tmp_path, "2026-11-23", None)
    assert (created, path) == (True, tmp_path / "content" / "2026" / "11" / "2026-11-23.md")
    assert path.read_text() == EMPTY_ENTRY == ENTRY_TEMPLATE.format(date="2026-11-23", title="")
    entry, problems = read_entry("content/2026/11/2026-11-23.md", path.read_bytes(), load_config(tmp_path))
    assert problems == [] and entry.date == dt.date(2026, 11, 23)


def test_new_with_a_title_that_needs_quoting(tmp_path):
    path, _ = new_entry(tmp_path, "2026-11-23", 'Rain: "again"')
    assert path.read_text().splitlines()[:3] == ["---", "date: 2026-11-23", 'title: "Rain: \\"again\\""']
    entry, problems = read_entry("content/2026/11/2026-11-23.md", path.read_bytes(), load_config(tmp_path))
    assert (problems, entry.title) == ([], 'Rain: "again"')


def test_new_defaults_to_today(tmp_path):
    path, created = new_entry(tmp_path, None, None)
    assert created and path == entry_path(tmp_path, dt.date.today())


def test_new_never_overwrites(tmp_path):
    path, _ = new_entry(tmp_path, "2026-11-23", None)
    path.write_text("my own words\n")
    again, created = new_entry(tmp_path, "2026-11-23", "Another title")
    assert (again, created) == (path, False)
    assert path.read_bytes() == b"my own words\n"


def test_new_opens_the_days_entry_kept_in_another_layout(tmp_path):
    existing = tmp_path / "content" / "diary" / "2026-11-23.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("mine\n")
    (tmp_path / "content" / "2026-11-23-evening.md").write_text("evening\n")
    before = snapshot(tmp_path)
    assert new_entry(tmp_path, "2026-11-23", None) == (existing, False)
    assert snapshot(tmp_path) == before
    path, created = new_entry(tmp_path, "2026-11-24", None)  # another day: a new file
    assert created and path == tmp_path / "content" / "2026" / "11" / "2026-11-24.md"


@pytest.mark.parametrize("text", ["2026-13-01", "23.11.2026", "tomorrow"])
def test_new_with_a_date_that_is_not_a_date(tmp_path, text):
    with pytest.raises(ValueError) as caught:
        new_entry(tmp_path, text, None)
    assert str(caught.value) == f"--date must look like 2026-11-23 (got '{text}')"
    assert not (tmp_path / "content").exists()


def test_open_in_editor(tmp_path, monkeypatch):
    path = tmp_path / "e.md"
    path.write_text("x")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    assert open_in_editor(path) is None
    monkeypatch.setenv("EDITOR", "true")
    assert open_in_editor(path) == 0
    monkeypatch.setenv("EDITOR", "false")
    assert open_in_editor(path) == 1
    monkeypatch.setenv("VISUAL", "true")  # VISUAL wins over EDITOR
    assert open_in_editor(path) == 0


def test_an_editor_with_arguments_gets_the_file_last(tmp_path, monkeypatch):
    path = tmp_path / "e.md"
    path.write_text("x")
    record = tmp_path / "args"
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"sh -c 'echo \"$@\" > {record}' editor --wait")
    assert open_in_editor(path) == 0
    assert record.read_text() == f"--wait {path}\n"


@pytest.mark.parametrize("editor", ["/no/such/editor", 'vim "unbalanced'])
def test_an_editor_that_cannot_start(tmp_path, monkeypatch, caplog, editor):
    path = tmp_path / "e.md"
    path.write_text("x")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor)
    assert open_in_editor(path) == 127
    assert f"could not start the editor {editor!r}" in caplog.text
    assert path.read_text() == "x"
