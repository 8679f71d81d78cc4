"""Settings from journal.yaml; sensible defaults when it is absent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from generator.day_boundary import read_day_start
from generator.errors import BuildFailed, ContentError, suggest
from generator.model import ENTRY_FIELDS, Config, Habit, Metric, MoodScale, fold_mood_word
from generator.yamlload import BadValue, Field, NotAMapping, error_line, key_lines, load_mapping

CONFIG_FILE = "journal.yaml"
KNOWN_KEYS = (
    "title",
    "author",
    "language",
    "timezone",
    "day_starts_at",
    "mood",
    "metrics",
    "habits",
    "home_entries",
    "lock_after_minutes",
    "private_tags",
    "exclude",
)
METRIC_KEYS = ("label", "unit", "min", "max")
LONGEST_LOCK = 7 * 24 * 60  # a week, in minutes


class _Problems:
    def __init__(self, lines: dict[tuple[str, ...], int] | None = None) -> None:
        self.errors: list[ContentError] = []
        self.lines = lines or {}

    def add(self, line: int, message: str) -> None:
        self.errors.append(ContentError(CONFIG_FILE, line, message))

    def line_of(self, path: tuple[str, ...], fallback: int) -> int:
        """The line of a nested key (("mood", "aliases", "rad")), or `fallback` when it has none."""
        return self.lines.get(path, fallback)


def load_config(journal: Path) -> Config:
    """Read journal.yaml from the journal folder. Raises BuildFailed listing every problem."""
    path = journal / CONFIG_FILE
    if not path.exists():
        return Config()
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise BuildFailed([ContentError(CONFIG_FILE, line, f"is not UTF-8 text (byte {error.start})")]) from None
    try:
        fields = load_mapping(text)
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", None) or "cannot be read"
        raise BuildFailed([ContentError(CONFIG_FILE, error_line(error), f"is not valid YAML: {problem}")]) from None
    except NotAMapping as error:
        raise BuildFailed([ContentError(CONFIG_FILE, error.line, "settings must be `key: value` lines")]) from None
    except BadValue as error:
        raise BuildFailed([ContentError(CONFIG_FILE, error.line, str(error))]) from None
    problems = _Problems(key_lines(text))
    settings: dict[str, Any] = {}
    for key, field in fields.items():
        if key not in KNOWN_KEYS:
            hint = suggest(key, KNOWN_KEYS)
            problems.add(field.line, f"unknown setting '{key}'" + (f" (did you mean '{hint}'?)" if hint else ""))
            continue
        value = _READERS[key](field, problems)
        if value is not None:
            settings[key] = value
    if problems.errors:
        raise BuildFailed(problems.errors)
    return Config(**settings)


def _text(field: Field, problems: _Problems) -> str | None:
    if isinstance(field.value, (str, int, float)) and not isinstance(field.value, bool):
        return str(field.value)
    problems.add(field.line, "must be a line of text")
    return None


def _timezone(field: Field, problems: _Problems) -> str | None:
    name = _text(field, problems)
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        problems.add(field.line, f"timezone '{name}' is not a known time zone (for example Europe/London)")
        return None
    return name


def _day_starts_at(field: Field, problems: _Problems) -> dt.time | None:
    start = read_day_start(field.value) if isinstance(field.value, str) else None
    if start is None:
        problems.add(
            field.line, f'day_starts_at must be a time from "00:00" to "12:00", like "04:00" (got {field.value!r})'
        )
    return start


def _home_entries(field: Field, problems: _Problems) -> int | None:
    if isinstance(field.value, int) and not isinstance(field.value, bool) and field.value > 0:
        return field.value
    problems.add(field.line, f"home_entries must be a whole number above 0 (got {field.value!r})")
    return None


def _lock_after(field: Field, problems: _Problems) -> float | None:
    value = field.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= LONGEST_LOCK:
        return float(value)
    problems.add(
        field.line,
        f"lock_after_minutes must be a number of minutes from 0 to {LONGEST_LOCK} (a week), "
        f"for example 30 or 0.5; 0 turns the lock off (got {value!r})",
    )
    return None


def _mood(field: Field, problems: _Problems) -> MoodScale | None:
    value = field.value
    if not isinstance(value, dict):
        problems.add(field.line, "mood must have `labels:` (a list, lowest first) and optionally `low:` and `aliases:`")
        return None
    unknown = set(value) - {"low", "labels", "aliases"}
    for key in sorted(unknown, key=str):
        line = problems.line_of(("mood", str(key)), field.line)
        problems.add(line, f"mood has unknown setting '{key}' (use low, labels and aliases)")
    low = value.get("low", 1)
    labels = value.get("labels", list(MoodScale().labels))
    if not isinstance(low, int) or isinstance(low, bool):
        problems.add(problems.line_of(("mood", "low"), field.line), f"mood low must be a whole number (got {low!r})")
        return None
    if not isinstance(labels, list) or len(labels) < 2 or not all(isinstance(x, (str, int)) for x in labels):
        line = problems.line_of(("mood", "labels"), field.line)
        problems.add(line, "mood labels must be a list of at least two words, lowest first")
        return None
    scale = MoodScale(low=low, labels=tuple(str(x) for x in labels))
    if "aliases" not in value:
        return scale
    aliases = _mood_aliases(value["aliases"], scale, problems, problems.line_of(("mood", "aliases"), field.line))
    return MoodScale(low=scale.low, labels=scale.labels, aliases=aliases)


def _mood_aliases(value: Any, scale: MoodScale, problems: _Problems, line: int) -> tuple[tuple[str, int], ...]:
    """`aliases:` under `mood:`: each word or emoji -> a whole number on the scale, checked at its own line."""
    if value is None:
        return ()
    if not isinstance(value, dict):
        problems.add(line, "mood aliases must map each word or emoji to a level, one per line (for example 😀: 5)")
        return ()
    aliases: dict[str, int] = {}
    first_line: dict[str, int] = {}
    for word, level in value.items():
        at = problems.line_of(("mood", "aliases", str(word)), line)
        folded = fold_mood_word(str(word))
        if not folded:
            problems.add(at, "a mood alias must be a word or an emoji, not empty")
            continue
        if isinstance(level, bool) or not isinstance(level, int) or not scale.low <= level <= scale.high:
            problems.add(
                at, f"mood alias '{word}' must be a whole number from {scale.low} to {scale.high} (got {level!r})"
            )
            continue
        label_level = scale.level_of(folded)
        if label_level is not None and label_level != level:
            problems.add(
                at,
                f"mood alias '{word}' is {level}, but '{scale.label(label_level)}' is the label of {label_level}: "
                "remove the alias or change the label",
            )
            continue
        if folded in aliases:
            problems.add(at, f"mood alias '{word}' is listed twice (first at line {first_line[folded]})")
            continue
        aliases[folded] = level
        first_line[folded] = at
    return tuple(aliases.items())


def _metrics(field: Field, problems: _Problems) -> tuple[Metric, ...] | None:
    if not isinstance(field.value, dict):
        problems.add(field.line, "metrics must map each name to its label, unit, min and max")
        return None
    metrics = []
    for name, spec in field.value.items():
        line = problems.line_of(("metrics", str(name)), field.line)
        spec = spec if isinstance(spec, dict) else {"label": spec} if isinstance(spec, str) else None
        if spec is None:
            problems.add(line, f"metric '{name}' must have a label, and optionally unit, min and max")
            continue
        if str(name) in ENTRY_FIELDS:
            problems.add(line, f"metric '{name}' has the name of an entry's own field; give the metric another name")
            continue
        for key in sorted(set(spec) - set(METRIC_KEYS), key=str):
            hint = suggest(str(key), METRIC_KEYS)
            also = f" (did you mean '{hint}'?)" if hint else " (use label, unit, min and max)"
            problems.add(line, f"metric '{name}' has unknown setting '{key}'{also}")
        bounds = [spec.get("min"), spec.get("max")]
        if any(b is not None and (not isinstance(b, (int, float)) or isinstance(b, bool)) for b in bounds):
            problems.add(line, f"metric '{name}' min and max must be numbers")
            continue
        if bounds[0] is not None and bounds[1] is not None and bounds[0] > bounds[1]:
            problems.add(line, f"metric '{name}' has min {bounds[0]} above max {bounds[1]}; swap them")
            continue
        metrics.append(
            Metric(
                name=str(name),
                label=str(spec.get("label", str(name).capitalize())),
                unit=str(spec.get("unit", "")),
                low=bounds[0],
                high=bounds[1],
            )
        )
    return tuple(metrics)


def _habits(field: Field, problems: _Problems) -> tuple[Habit, ...] | None:
    value = field.value
    if isinstance(value, list) and all(isinstance(x, str) for x in value):
        return tuple(Habit(name=x, label=x) for x in value)
    if isinstance(value, dict):
        return tuple(Habit(name=str(k), label=str(v if v is not None else k)) for k, v in value.items())
    problems.add(field.line, "habits must map each habit's name to how it reads (walk: Went for a walk)")
    return None


def _private_tags(field: Field, problems: _Problems) -> tuple[str, ...] | None:
    value = field.value
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",")]
    if isinstance(value, list) and all(isinstance(x, (str, int)) and str(x).strip() for x in value):
        return tuple(str(x).strip() for x in value)
    problems.add(field.line, "private_tags must be a list of tags, for example [family, health]")
    return None


def _exclude(field: Field, problems: _Problems) -> tuple[str, ...] | None:
    """Folders below content/ to skip: names (every folder so named) or paths (notes/old)."""
    value = [field.value] if isinstance(field.value, str) else field.value
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip("/ ") for x in value):
        problems.add(
            field.line, "exclude must list folders below content/ to skip (for example [templates, notes/old])"
        )
        return None
    folders = tuple(x.strip().strip("/") for x in value)
    for folder in folders:
        if ".." in folder.split("/"):
            problems.add(field.line, f"exclude names folders below content/, so '{folder}' cannot go up with ..")
    return folders


_READERS = {
    "title": _text,
    "author": _text,
    "language": _text,
    "timezone": _timezone,
    "day_starts_at": _day_starts_at,
    "home_entries": _home_entries,
    "lock_after_minutes": _lock_after,
    "mood": _mood,
    "metrics": _metrics,
    "habits": _habits,
    "private_tags": _private_tags,
    "exclude": _exclude,
}
