"""`cairn init` and `cairn new`: they start files a person then writes in, and never overwrite one."""

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
from generator.day_boundary import journal_today
from generator.entry_templates import DEFAULT_TEMPLATE, draw_template, find_template
from generator.filenames import PLAN_FILE, find_entry_files
from generator.model import Config
from generator.slugs import slugify
from generator.write import create_new

JOURNAL_YAML = """\
# Settings for your journal. Every line is optional.
title: My journal
author: ""
language: en
timezone: UTC
# Entries written before this time count for the day before, for late nights.
# day_starts_at: "04:00"

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

# Only headings and prompts: what goes under them is the person's own, never Cairn's.
PLAN_TEMPLATE = """\
# My plan for hard days

Written on a steadier day, for a harder one. Fill in what fits, leave out what does not,
and change it whenever you like. The site shows it as you wrote it.

## Warning signs

What I notice when things start to get harder: thoughts, feelings, what I do or stop doing.

## Things that help me

What I can do on my own, even for a few minutes.

## People and places

People and places that take my mind somewhere else for a while.

## People I can ask

Who I can talk to, and how to reach them.

## Professional and crisis lines I chose

The people and services I chose, and how to reach them.
"""


class JournalExists(Exception):
    pass


def init_journal(folder: Path) -> Path:
    if (folder / CONFIG_FILE).exists() or (folder / CONTENT_DIR).exists():
        raise JournalExists(f"{folder} already holds a journal; nothing was changed")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CONTENT_DIR).mkdir()
    (folder / CONFIG_FILE).write_text(JOURNAL_YAML, encoding="utf-8")
    for name, text in ((".gitignore", GITIGNORE), (PLAN_FILE, PLAN_TEMPLATE)):
        try:
            with (folder / name).open("x", encoding="utf-8") as out:  # one already there stays as it is
                out.write(text)
        except FileExistsError:
            pass
    if shutil.which("git") and not (folder / ".git").exists():
        subprocess.run(["git", "init", "-q", str(folder)], check=False)
    return folder


def entry_path(journal: Path, date: dt.date) -> Path:
    year = f"{date.year:04d}"  # strftime writes year 1 as "1"
    return journal / CONTENT_DIR / year / f"{date:%m}" / f"{day_name(date)}.md"


def day_name(date: dt.date) -> str:
    return f"{date.year:04d}-{date:%m-%d}"


def read_day(date_text: str | None, config: Config, now: dt.datetime | None = None) -> dt.date:
    """--date as a date, or today as the journal counts it (its time zone and day_starts_at)."""
    if date_text is None:
        return journal_today(config.timezone, config.day_starts_at, now)
    try:
        return dt.date.fromisoformat(date_text.strip())
    except ValueError:
        raise ValueError(f"--date must look like 2026-11-23 (got {date_text!r})") from None


def find_day_entry(journal: Path, date: dt.date, suffix: str = "", exclude: tuple[str, ...] = ()) -> Path | None:
    """The day's entry file, in the usual place or in any other layout below content/."""
    usual = entry_path(journal, date)
    usual = usual.with_name(usual.stem + suffix + ".md")
    if usual.exists():
        return usual
    # Only where a build looks: not in hidden, _underscore or excluded folders; .md or .markdown.
    elsewhere = [path for path in find_entry_files(journal, exclude) if path.stem == usual.stem]
    return elsewhere[0] if elsewhere else None


def new_entry(
    journal: Path,
    config: Config,
    date: dt.date,
    title: str | None = None,
    template: str = DEFAULT_TEMPLATE,
) -> tuple[Path, bool]:
    """The day's entry file, started from a template unless it exists. Never overwrites.

    With a title, a day that already has an entry gets a second one named after it
    (2026-11-23-evening.md). Raises UnknownTemplate, or BuildFailed for a broken template.
    """
    chosen = find_template(journal, template)
    first = find_day_entry(journal, date, exclude=config.exclude)
    if first is None:
        path = entry_path(journal, date)
    elif not title:
        return first, False
    else:
        suffix = "-" + slugify(title)
        again = find_day_entry(journal, date, suffix, config.exclude)
        if again is not None:
            return again, False
        path = first.with_name(first.stem + suffix + first.suffix)
    text = draw_template(chosen, journal, config, date, title)
    # If another `cairn new` got there first, its file is kept and opened.
    return path, create_new(path, text.encode("utf-8"))


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
