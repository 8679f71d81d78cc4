"""Find entry files, split their front matter and validate it into Entries."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from generator.cache import EntryMemory, file_stat
from generator.dates import long_date
from generator.day_boundary import lived_day
from generator.errors import ContentError, suggest
from generator.filenames import CONTENT_DIR as CONTENT_DIR  # re-exported: where entries live
from generator.filenames import content_files as content_files
from generator.filenames import dangling_entries, date_in_name, find_entry_files, not_an_entry, relative_name
from generator.filenames import find_asset_files as find_asset_files
from generator.frontmatter import FrontMatterProblem, read_fields, split_front_matter
from generator.inline import inline_fields, text_tags
from generator.model import Config, Entry
from generator.slugs import slugify
from generator.workers import Tell, spread
from generator.yamlload import Field

LIST_FIELDS = ("tags", "wins", "gratitude", "emotions", "habits", "coping", "for_session")
# Front-matter keys read as a list into a field of another name.
RENAMED_LISTS = {"event": "events"}
# Lists where a comma inside a plain string separates items ("tags: a, b").
COMMA_LISTS = ("tags", "emotions", "habits")
BOOL_FIELDS = ("resurface", "draft", "private", "published")  # published: false (Jekyll, Hugo) is a draft
KNOWN_FIELDS = ("date", "title", "mood", *LIST_FIELDS, *RENAMED_LISTS, *BOOL_FIELDS)
# Kept as extra data without a near-miss warning: importers and photos write them.
# Obsidian's aliases (other names for a note, which wiki links find) and publish (Obsidian Publish) too.
QUIET_EXTRAS = ("starred", "imported", "location", "weather", "scales", "photos", "journey_mood", "aliases", "publish")
_TRUTHY = {"yes": True, "on": True, "true": True, "no": False, "off": False, "false": False}


@dataclass(frozen=True)
class Loaded:
    entries: list[Entry]
    errors: list[ContentError]
    warnings: list[ContentError]


def load_entries(
    journal: Path, config: Config, tell: Tell | None = None, *, remember: bool = False, files: list[Path] | None = None
) -> Loaded:
    """Every entry file read and validated; a file the build's memory holds as it is now
    is not read again. With `remember`, what was read is kept for the next build.
    `files` are the entry files, when the caller has found them already."""
    entries, errors, warnings = [], [], []
    memory = EntryMemory(journal, f"{config!r} {yaml.__version__}", read_only=not remember)
    found = find_entry_files(journal, config.exclude) if files is None else files
    stats = {relative_name(path, journal): file_stat(path) for path in found}
    recalled = {name: memory.recall(name, stat) for name, stat in stats.items()}
    todo = [name for name, read in recalled.items() if read is None]
    fresh = dict(zip(todo, read_entries(journal, todo, config, tell), strict=True))
    for name, read in fresh.items():
        memory.remember(name, stats[name], read)
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
    date, time = _read_date(fields.get("date"), named.date, config, problem)
    if date is None:
        if "date" not in fields:
            problem(1, not_an_entry(named), warning=True)
        return None, problems

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
        values["mood"] = _read_mood(fields["mood"], config, problem)
    metrics = []
    for metric in config.metrics:
        if metric.name in fields:
            number = _read_metric(fields[metric.name], metric, problem)
            if number is not None:
                metrics.append((metric.name, number))
    values["metrics"] = tuple(metrics)
    for key in LIST_FIELDS:
        if key in fields:
            values[key] = _read_list(key, fields[key], problem)
    for key, attribute in RENAMED_LISTS.items():
        if key in fields:
            values[attribute] = _read_list(key, fields[key], problem)
    values["tags"] = _with_text_tags(values.get("tags", ()), body)
    for key in BOOL_FIELDS:
        if key in fields:
            values[key] = _read_bool(key, fields[key], problem)
    if values.pop("published", True) is False:
        values["draft"] = True
    if "habits" in values:
        values["habits"] = _read_habits(values["habits"], fields["habits"], config, problem)
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


def _read_date(field, from_name, config, problem):
    if field is None:
        return from_name, None
    value, time = field.value, None
    if isinstance(value, str):  # quoted, as Jekyll front matter often has it: '2015-01-16'
        value = _iso_date(value.strip())
    if isinstance(value, dt.datetime):
        # The clock as written, offset or not: 23:30-08:00 on 1 January was lived on 1 January.
        written: dt.datetime = value
        value, time = written.date(), written.time().replace(tzinfo=None)
    if not isinstance(value, dt.date):
        problem(field.line, f"date must be a date like 2026-11-23 (got {field.value!r})")
        return None, None
    if from_name is not None and from_name != value:
        problem(field.line, f"date {value} differs from the date in the file name ({from_name}); using {value}", True)
    return lived_day(value, time, config.day_starts_at), time


def _iso_date(text: str) -> dt.date | dt.datetime | str:
    """'2026-11-23' or '2026-11-23T09:30:00+01:00' as a date; anything else unchanged."""
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
    except ValueError:
        return text


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _read_mood(field, config, problem):
    scale = config.mood
    if field.value is None:
        return None
    if isinstance(field.value, int) and not isinstance(field.value, bool) and scale.low <= field.value <= scale.high:
        return field.value
    if isinstance(field.value, str) and scale.level_of(field.value) is not None:
        return scale.level_of(field.value)
    hint = " or a word of the scale; other words and emoji can be added under mood: aliases: in journal.yaml"
    hint = hint if isinstance(field.value, str) else ""
    problem(field.line, f"mood must be a whole number from {scale.low} to {scale.high}{hint} (got {field.value!r})")
    return None


# Larger than any count or measure a person writes down (steps, minutes, money), small
# enough that charts and means never overflow.
LARGEST_MEASUREMENT = 1e12


def _read_metric(field, metric, problem):
    value = field.value
    if value is None:
        return None
    if not _is_number(value):
        problem(field.line, f"{metric.name} must be a number (got {value!r})")
        return None
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not abs(number) <= LARGEST_MEASUREMENT:
        written = str(value) if len(str(value)) <= 20 else str(value)[:20] + "…"
        problem(field.line, f"{metric.name} is too large a number to be a measurement (got {written})")
        return None
    low = metric.low if metric.low is not None else float("-inf")
    high = metric.high if metric.high is not None else float("inf")
    if not low <= value <= high:
        unit = f" {metric.unit}" if metric.unit else ""
        if metric.low is not None and metric.high is not None:
            allowed = f"from {metric.low:g} to {metric.high:g}{unit}"
        else:
            allowed = f"at least {metric.low:g}{unit}" if metric.low is not None else f"at most {metric.high:g}{unit}"
        problem(field.line, f"{metric.name} must be {allowed} (got {value:g})")
        return None
    return number


def _read_list(key, field, problem) -> tuple[str, ...]:
    value = field.value
    if value is None:
        return ()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        parts = str(value).split(",") if key in COMMA_LISTS else [str(value)]
        return tuple(p.strip() for p in parts if p.strip())
    if isinstance(value, list):
        items = []
        for item in value:
            if item is None:
                continue
            if isinstance(item, (dict, list)):
                problem(field.line, f"{key} must be a list of short texts (one item is {item!r})")
                return ()
            items.append(str(item).strip() if not isinstance(item, bool) else str(item).lower())
        return tuple(i for i in items if i)
    problem(field.line, f"{key} must be a list of short texts (got {value!r})")
    return ()


def _read_bool(key, field, problem) -> bool:
    value = field.value
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in _TRUTHY:
        return _TRUTHY[value.lower()]
    problem(field.line, f"{key} must be true or false (got {value!r})")
    return key == "resurface"


def _read_habits(habits, field, config, problem) -> tuple[str, ...]:
    """Habits as journal.yaml names them ("Walk" is the habit walk); others kept, with a warning."""
    names = tuple(h.name for h in config.habits)
    if not names:
        return habits
    by_fold = {name.casefold(): name for name in names}
    kept = []
    for habit in habits:
        if habit.casefold() in by_fold:
            kept.append(by_fold[habit.casefold()])
            continue
        kept.append(habit)
        hint = suggest(habit, names)
        also = f" (did you mean '{hint}'?)" if hint else f" (journal.yaml declares: {', '.join(names)})"
        problem(field.line, f"habit '{habit}' is not declared in journal.yaml{also}", warning=True)
    return tuple(dict.fromkeys(kept))


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
