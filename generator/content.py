"""Find entry files, split their front matter and validate it into Entries."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from generator.cache import EntryMemory, file_stat
from generator.dates import long_date
from generator.errors import ContentError, suggest
from generator.field_values import read_bool, read_date, read_habits, read_list, read_metric, read_mood
from generator.filenames import CONTENT_DIR as CONTENT_DIR  # re-exported: where entries live
from generator.filenames import content_files as content_files
from generator.filenames import content_names as content_names
from generator.filenames import dangling_entries, date_in_name, not_an_entry
from generator.filenames import find_asset_files as find_asset_files
from generator.filenames import find_entry_files as find_entry_files
from generator.frontmatter import FrontMatterProblem, read_fields, split_front_matter
from generator.inline import inline_fields, text_tags
from generator.model import Config, Entry
from generator.records import Read, Unrecordable, read_record, record_read
from generator.slugs import slugify
from generator.workers import Tell, spread
from generator.yamlload import Field

LIST_FIELDS = ("tags", "wins", "gratitude", "emotions", "habits", "coping", "for_session")
# Front-matter keys read as a list into a field of another name.
RENAMED_LISTS = {"event": "events"}
BOOL_FIELDS = ("resurface", "draft", "private", "published")  # published: false (Jekyll, Hugo) is a draft
KNOWN_FIELDS = ("date", "title", "mood", *LIST_FIELDS, *RENAMED_LISTS, *BOOL_FIELDS)
# Kept as extra data without a near-miss warning: importers and photos write them.
# Obsidian's aliases (other names for a note, which wiki links find) and publish (Obsidian Publish) too.
QUIET_EXTRAS = ("starred", "imported", "location", "weather", "scales", "photos", "journey_mood", "aliases", "publish")


@dataclass(frozen=True)
class Loaded:
    entries: list[Entry]
    errors: list[ContentError]
    warnings: list[ContentError]


def load_entries(
    journal: Path, config: Config, tell: Tell | None = None, *, remember: bool = False, names: list[str] | None = None
) -> Loaded:
    """Every entry file read and validated; a file the build's memory holds as it is now
    is not read again. With `remember`, what was read is kept for the next build.
    `names` are the entry files (content_names), when the caller has found them already."""
    entries, errors, warnings = [], [], []
    memory = EntryMemory(journal, f"{config!r} {yaml.__version__}", read_only=not remember)
    found = content_names(journal, config.exclude)[0] if names is None else names
    root = str(journal)
    stats = {name: file_stat(os.path.join(root, name)) for name in found}
    recalled = {name: memory.recall(name, stat) for name, stat in stats.items()}
    todo = [name for name, read in recalled.items() if read is None]
    fresh: dict[str, Read] = {}
    for name, (read, record) in zip(todo, _read_and_record(journal, todo, config, tell), strict=True):
        fresh[name] = read
        memory.remember(name, stats[name], read, record)
    memory.save()
    warnings += dangling_entries(journal, config.exclude)
    for name in stats:
        entry, problems = recalled[name] or fresh[name]
        errors += [p for p in problems if not p.warning]
        warnings += [p for p in problems if p.warning]
        if entry is not None:
            entries.append(entry)
    return Loaded(entries, sorted(errors), sorted(warnings))


def read_entries(
    journal: Path, names: Sequence[str], config: Config, tell: Tell | None = None
) -> list[tuple[Entry | None, list[ContentError]]]:
    """read_entry for each file (named relative to the journal), over every core."""
    return spread(partial(_read_file, journal, config), names, chunk=64, tell=tell, what="read")


def _read_file(journal: Path, config: Config, name: str) -> tuple[Entry | None, list[ContentError]]:
    return read_entry(name, (journal / name).read_bytes(), config)


def _read_and_record(
    journal: Path, names: Sequence[str], config: Config, tell: Tell | None
) -> list[tuple[Read, tuple | None]]:
    """read_entries, each with the record the build's memory keeps of it (None when it
    cannot keep one). A worker sends the record alone, and the very Entry is made again
    from it here: sending marshal's plain values back is much cheaper than sending Entries,
    and so the records are made over every core."""
    sent = spread(partial(_recorded, journal, config), names, chunk=64, tell=tell, what="read")
    return [(read_record(value), value) if recorded else (value, None) for recorded, value in sent]


def _recorded(journal: Path, config: Config, name: str) -> tuple[bool, Any]:
    read = _read_file(journal, config, name)
    try:
        return True, record_read(read)
    except Unrecordable:
        return False, read


def read_entry(name: str, raw: bytes, config: Config) -> tuple[Entry | None, list[ContentError]]:
    """Validate one file. `name` is its path relative to the journal folder."""
    problems: list[ContentError] = []

    def problem(line: int, message: str, warning: bool = False) -> None:
        problems.append(ContentError(name, line, message, warning))

    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as error:
        problem(raw.count(b"\n", 0, error.start) + 1, f"is not UTF-8 text (byte {error.start})")
        return None, problems
    split = split_front_matter(text)
    body, body_line = split.body, split.body_line
    fields: dict[str, Field] = {}
    if split.fence is not None and body_line == 0:
        problem(1, f"front matter starts with {split.fence} but has no closing {split.fence} line")
        return None, problems
    if split.fence is not None:
        try:
            fields = read_fields(split)
        except FrontMatterProblem as error:
            problem(error.line, str(error))
            return None, problems
    known = KNOWN_FIELDS + tuple(m.name for m in config.metrics)
    _add_inline_fields(fields, body, body_line, known)

    stem = Path(name).stem
    named = date_in_name(stem)
    date, time = read_date(fields.get("date"), named.date, config, problem)
    if date is None:
        if "date" not in fields:
            problem(1, not_an_entry(named), warning=True)
            return None, problems
        date = dt.date.min  # wrong, and said so: the other fields are still checked, every problem in one run

    # Written in the small hours and counted for the day before: it comes last in that day.
    late = time is not None and time < config.day_starts_at
    values: dict[str, Any] = {"date": date, "time": time, "late": late}
    if "title" in fields:
        title = fields["title"].value
        if isinstance(title, (str, int, float)) and not isinstance(title, bool) and str(title).strip():
            values["title"], values["has_title"] = str(title).strip(), True
        elif title is not None:
            problem(fields["title"].line, f"title must be a line of text (got {title!r})")
    values.setdefault("title", long_date(date))
    if "mood" in fields:
        values["mood"] = read_mood(fields["mood"], config, problem)
    metrics = []
    for metric in config.metrics:
        if metric.name in fields:
            number = read_metric(fields[metric.name], metric, problem)
            if number is not None:
                metrics.append((metric.name, number))
    values["metrics"] = tuple(metrics)
    for key in LIST_FIELDS:
        if key in fields:
            values[key] = read_list(key, fields[key], problem)
    for key, attribute in RENAMED_LISTS.items():
        if key in fields:
            values[attribute] = read_list(key, fields[key], problem)
    values["tags"] = _with_text_tags(values.get("tags", ()), body)
    for key in BOOL_FIELDS:
        if key in fields:
            values[key] = read_bool(key, fields[key], problem)
    if values.pop("published", True) is False:
        values["draft"] = True
    if "habits" in values:
        values["habits"] = read_habits(values["habits"], fields["habits"], config, problem)
    if is_private_tagged(values.get("tags", ()), config):
        values["private"] = True

    extra = {}
    for key, field in fields.items():
        if key in known:
            continue
        extra[key] = field.value
        hint = suggest(key, known)
        if hint and key not in QUIET_EXTRAS:
            problem(field.line, f"unknown key '{key}' (did you mean '{hint}'?)", warning=True)

    slug_text = named.rest
    slug = slugify(slug_text) if slug_text else (slugify(values["title"]) if "has_title" in values else "")
    if any(not p.warning for p in problems):
        return None, problems
    entry = Entry(
        source=name,
        slug=slug,
        body=body,
        body_line=body_line,
        extra=extra,
        lines={key: field.line for key, field in fields.items()},
        **values,
    )
    return entry, problems


def is_private_tagged(tags: tuple[str, ...], config: Config) -> bool:
    """True when one of the tags is in `private_tags` (compared without case)."""
    private = {t.casefold() for t in config.private_tags}
    return any(tag.casefold() in private for tag in tags)


def _add_inline_fields(fields: dict[str, Field], body: str, body_line: int, known: tuple[str, ...]) -> None:
    """Dataview fields (`mood:: 4`) fill what the front matter leaves out; the first one written counts."""
    by_fold = {name.casefold(): name for name in known}
    for found in inline_fields(body):
        key = by_fold.get(found.key.casefold(), found.key)
        fields.setdefault(key, Field(found.value, body_line + found.line))


def _with_text_tags(tags: tuple[str, ...], body: str) -> tuple[str, ...]:
    """Front-matter tags, then the #tags written in the text that are not among them."""
    seen = {tag.casefold() for tag in tags}
    return tags + tuple(tag for tag in text_tags(body) if tag.casefold() not in seen)
