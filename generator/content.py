"""Find entry files, split their front matter and validate it into Entries."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.dates import long_date
from generator.day_boundary import lived_day
from generator.errors import ContentError, suggest
from generator.model import Config, Entry
from generator.slugs import slugify
from generator.yamlload import (
    BadValue,
    Field,
    NotAMapping,
    error_line,
    error_message,
    load_mapping,
)

CONTENT_DIR = "content"
LIST_FIELDS = ("tags", "wins", "gratitude", "emotions", "habits", "coping", "for_session")
# Front-matter keys read as a list into a field of another name.
RENAMED_LISTS = {"event": "events"}
# Lists where a comma inside a plain string separates items ("tags: a, b").
COMMA_LISTS = ("tags", "emotions", "habits")
BOOL_FIELDS = ("resurface", "private", "draft")
KNOWN_FIELDS = ("date", "title", "mood", *LIST_FIELDS, *RENAMED_LISTS, *BOOL_FIELDS)
# Kept as extra data without a near-miss warning: importers and photos write them.
QUIET_EXTRAS = ("starred", "imported", "location", "weather", "scales", "photos", "journey_mood")
DATE_PREFIX = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})(?:[-_ .]+(.*))?$")
_TRUTHY = {"yes": True, "on": True, "true": True, "no": False, "off": False, "false": False}


@dataclass(frozen=True)
class Loaded:
    entries: list[Entry]
    errors: list[ContentError]
    warnings: list[ContentError]


def find_entry_files(journal: Path) -> list[Path]:
    root = journal / CONTENT_DIR
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*.md") if not _hidden(p.relative_to(root)))


def find_asset_files(journal: Path) -> list[Path]:
    """Images and other files beside the entries, copied as they are."""
    root = journal / CONTENT_DIR
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".md" and not _hidden(p.relative_to(root)))


def _hidden(relative: Path) -> bool:
    return any(part.startswith((".", "_")) or part.endswith("~") for part in relative.parts)


def load_entries(journal: Path, config: Config) -> Loaded:
    entries, errors, warnings = [], [], []
    for path in find_entry_files(journal):
        name = path.relative_to(journal).as_posix()
        entry, problems = read_entry(name, path.read_bytes(), config)
        errors += [p for p in problems if not p.warning]
        warnings += [p for p in problems if p.warning]
        if entry is not None:
            entries.append(entry)
    return Loaded(entries, sorted(errors), sorted(warnings))


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter or None, body, line number where the body starts)."""
    if not text.startswith("---\n"):
        return None, text, 1
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.M)
    if end is None:
        return text[4:], "", 0  # unclosed: the caller reports it
    front = text[4 : 4 + end.start()]
    rest = text[4 + end.end() :]
    body_line = 2 + front.count("\n") + 1
    if rest.startswith("\n"):
        rest = rest[1:]
    return front, rest, body_line


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
    front, body, body_line = split_front_matter(text)
    fields: dict[str, Field] = {}
    if front is not None and body_line == 0:
        problem(1, "front matter starts with --- but has no closing --- line")
        return None, problems
    if front is not None:
        try:
            fields = load_mapping(front)
        except yaml.YAMLError as error:
            problem(error_line(error) + 1, error_message(error))
            return None, problems
        except NotAMapping as error:
            problem(error.line + 1, str(error))
            return None, problems
        except BadValue as error:
            problem(error.line + 1, error.describe(offset=1))
            return None, problems
        fields = {key: Field(f.value, f.line + 1) for key, f in fields.items()}

    stem = Path(name).stem
    prefix = DATE_PREFIX.match(stem)
    date, time = _read_date(fields.get("date"), prefix, config, problem)
    if date is None:
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
    for key in BOOL_FIELDS:
        if key in fields:
            values[key] = _read_bool(key, fields[key], problem)
    if is_private_tagged(values.get("tags", ()), config):
        values["private"] = True
    _check_habits(values.get("habits", ()), fields.get("habits"), config, problem)

    known = KNOWN_FIELDS + tuple(m.name for m in config.metrics)
    extra = {}
    for key, field in fields.items():
        if key in known:
            continue
        extra[key] = field.value
        hint = suggest(key, known)
        if hint and key not in QUIET_EXTRAS:
            problem(field.line, f"unknown key '{key}' (did you mean '{hint}'?)", warning=True)

    slug_text = prefix.group(2) if prefix else stem
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


def _read_date(field, prefix, config, problem):
    from_name = _name_date(prefix.group(1)) if prefix else None
    if field is None:
        if from_name is None:
            problem(1, "has no date: add `date: YYYY-MM-DD` to the front matter or start the file name with it")
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


def _name_date(text: str) -> dt.date | None:
    """2026-11-23, or 2024-12-5 as some people write it."""
    try:
        return dt.date(*(int(part) for part in text.split("-")))
    except ValueError:
        return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _read_mood(field, config, problem):
    scale = config.mood
    if field.value is None:
        return None
    if isinstance(field.value, int) and not isinstance(field.value, bool) and scale.low <= field.value <= scale.high:
        return field.value
    problem(field.line, f"mood must be a whole number from {scale.low} to {scale.high} (got {field.value!r})")
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


def _check_habits(habits, field, config, problem) -> None:
    names = tuple(h.name for h in config.habits)
    if not names:
        return
    for habit in habits:
        if habit not in names:
            hint = suggest(habit, names)
            also = f" (did you mean '{hint}'?)" if hint else f" (journal.yaml declares: {', '.join(names)})"
            problem(field.line, f"habit '{habit}' is not declared in journal.yaml{also}", warning=True)
