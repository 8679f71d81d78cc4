"""`cairn init` and `cairn new`: the only code that writes into a journal's content."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shlex
import shutil
import subprocess
from pathlib import Path

from generator.config import CONFIG_FILE
from generator.content import CONTENT_DIR

JOURNAL_YAML = """\
# Settings for your journal. Every line is optional.
title: My journal
author: ""
language: en
timezone: UTC

# How you rate a day's mood, lowest first. Entries use the numbers (1 to 5 here).
mood:
  low: 1
  labels: [awful, low, okay, good, great]

# Numbers you want to follow. An entry writes them as `sleep: 7.5`.
metrics:
  sleep: {label: Sleep, unit: hours, min: 0, max: 24}
  energy: {label: Energy, min: 1, max: 5}

# Routines you want to keep. An entry lists the ones kept that day: `habits: [walk]`.
habits:
  walk: Went for a walk
  meds: Took medication

# How many recent entries the home page shows.
home_entries: 7
"""

log = logging.getLogger(__name__)

GITIGNORE = "site/\n.cairn/\nshares/\nreviews/\n"

ENTRY_TEMPLATE = """\
---
date: {date}
{title}mood:        # 1 awful, 2 low, 3 okay, 4 good, 5 great
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


class JournalExists(Exception):
    pass


class EntryExists(Exception):
    pass


def init_journal(folder: Path) -> Path:
    if (folder / CONFIG_FILE).exists() or (folder / CONTENT_DIR).exists():
        raise JournalExists(f"{folder} already holds a journal; nothing was changed")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CONTENT_DIR).mkdir()
    (folder / CONFIG_FILE).write_text(JOURNAL_YAML, encoding="utf-8")
    gitignore = folder / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text(GITIGNORE, encoding="utf-8")
    if shutil.which("git") and not (folder / ".git").exists():
        subprocess.run(["git", "init", "-q", str(folder)], check=False)
    return folder


def entry_path(journal: Path, date: dt.date) -> Path:
    return journal / CONTENT_DIR / f"{date:%Y}" / f"{date:%m}" / f"{date:%Y-%m-%d}.md"


def new_entry(journal: Path, date_text: str | None, title: str | None) -> tuple[Path, bool]:
    """The day's entry file, created from the template unless it exists. Never overwrites."""
    try:
        date = dt.date.fromisoformat(date_text) if date_text else dt.date.today()
    except ValueError:
        raise ValueError(f"--date must look like 2026-11-23 (got {date_text!r})") from None
    path = entry_path(journal, date)
    if path.exists():
        return path, False
    # The day's entry kept in another layout (content/2026-11-23.md, content/diary/...) is the one.
    elsewhere = sorted((journal / CONTENT_DIR).rglob(path.name)) if (journal / CONTENT_DIR).is_dir() else []
    if elsewhere:
        return elsewhere[0], False
    path.parent.mkdir(parents=True, exist_ok=True)
    title_line = f"title: {_quote(title)}\n" if title else ""
    with path.open("x", encoding="utf-8") as out:  # "x": fail rather than overwrite
        out.write(ENTRY_TEMPLATE.format(date=date.isoformat(), title=title_line))
    return path, True


def _quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def open_in_editor(path: Path) -> int | None:
    """The editor's exit status, or None when no editor is set."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        return None
    try:
        return subprocess.run([*shlex.split(editor), str(path)], check=False).returncode
    except (OSError, ValueError) as error:  # not installed, or unbalanced quotes in $EDITOR
        log.error("cairn: could not start the editor %r (%s); the entry is at %s", editor, error, path)
        return 127
