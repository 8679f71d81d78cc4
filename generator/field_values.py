"""Front matter values one by one, as an entry holds them, or a problem on the value's line.

Each reader is given the field (its value and line) and `problem(line, message, warning=False)`,
which it calls for a value it cannot take; it then gives what the entry holds without it.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from generator.day_boundary import lived_day
from generator.errors import suggest

# Lists where a comma inside a plain string separates items ("tags: a, b").
COMMA_LISTS = ("tags", "emotions", "habits")
TRUTHY = {"yes": True, "on": True, "true": True, "no": False, "off": False, "false": False}


def read_date(field, from_name, config, problem):
    if field is None:
        return from_name, None
    value, time = field.value, None
    if isinstance(value, str):  # quoted, as Jekyll front matter often has it: '2015-01-16'
        value = iso_date(value.strip())
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


def iso_date(text: str) -> dt.date | dt.datetime | str:
    """'2026-11-23' or '2026-11-23T09:30:00+01:00' as a date; anything else unchanged."""
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
    except ValueError:
        return text


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def read_mood(field, config, problem):
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


def read_metric(field, metric, problem):
    value = field.value
    if value is None:
        return None
    if not is_number(value):
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


def read_list(key, field, problem) -> tuple[str, ...]:
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


def read_bool(key, field, problem) -> bool:
    value = field.value
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in TRUTHY:
        return TRUTHY[value.lower()]
    problem(field.line, f"{key} must be true or false (got {value!r})")
    return key == "resurface"


def read_habits(habits, field, config, problem) -> tuple[str, ...]:
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
