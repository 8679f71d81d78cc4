"""Daylio's "Export entries (CSV)": one row per entry, newest first.

Two layouts: the classic 8 columns, and newer exports with `scales` after
`activities`. Moods are labels the person may have renamed, so only the five
default labels are known without help; any other label is reported, not guessed.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from pathlib import Path

from generator.errors import ContentError
from generator.importers import Draft, Source, UsageError, yaml_scalar
from generator.importers.reading import decode, one_line
from generator.model import Config, Metric, MoodScale, fold_mood_word

CLASSIC = ("full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note")
WITH_SCALES = ("full_date", "date", "weekday", "time", "mood", "activities", "scales", "note_title", "note")
DEFAULT_MOODS = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}  # on Daylio's 1..5

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?$", re.I)


def read(path: Path, config: Config, *, mood_labels: dict[str, int] | None = None) -> Source:
    name = str(path)
    moods = mood_table(config.mood, mood_labels)
    source = Source()
    text, problem = decode(name, path.read_bytes())
    if problem:
        source.reject(problem, 0)
        return source
    rows, stopped = _rows(name, text)
    if stopped:
        source.reject(stopped, 0)
    if not rows:
        if not stopped:
            source.reject(ContentError(name, 0, f"is empty; a Daylio CSV export starts with {','.join(CLASSIC)}"), 0)
        return source
    line, columns = rows[0][0], [one_line(c).lower() for c in rows[0][1]]
    problem = _check_header(columns)
    if problem:
        source.reject(ContentError(name, line, problem), 0)
        return source
    unknown: dict[str, list[int]] = {}  # mood label -> lines, reported once per label
    for line, cells in rows[1:]:
        if len(cells) != len(columns):
            message = f"has {len(cells)} fields, but the header has {len(columns)} ({','.join(columns)})"
            source.reject(ContentError(name, line, message))
            continue
        try:
            source.drafts.append(_draft(dict(zip(columns, (c.strip() for c in cells), strict=False)), config, moods))
        except UnknownMood as error:
            unknown.setdefault(error.label, []).append(line)
        except ValueError as error:
            source.reject(ContentError(name, line, str(error)))
    for label, lines in unknown.items():
        used = f" ({len(lines)} entries, the first here)" if len(lines) > 1 else ""
        message = (
            f"mood '{label}'{used} is not a label of the journal's mood scale or of Daylio's "
            f"(rad, good, meh, bad, awful): give it a level from {config.mood.low} to {config.mood.high} "
            f"under `mood: aliases:` in journal.yaml (`{yaml_scalar(label)}: N`), then import again"
        )
        source.reject(ContentError(name, lines[0], message), len(lines))
    return source


class UnknownMood(ValueError):
    def __init__(self, label: str):
        super().__init__(label)
        self.label = label


def mood_table(scale: MoodScale, custom: dict[str, int] | None) -> dict[str, int]:
    """Folded label -> mood for the labels journal.yaml does not know: --mood flags, then Daylio's defaults.

    The scale's own labels and `mood.aliases` come first (see `mood_of`); a flag that
    contradicts them is a usage error, since journal.yaml is where the mapping lives.
    """
    steps = scale.high - scale.low
    table = {label: scale.low + int((value - 1) * steps / 4 + 0.5) for label, value in DEFAULT_MOODS.items()}
    for label, value in (custom or {}).items():
        if isinstance(value, bool) or not isinstance(value, int) or not scale.low <= value <= scale.high:
            raise UsageError(f"mood label '{label}' must map to a whole number from {scale.low} to {scale.high}")
        known = scale.level_of(label)
        if known is not None and known != value:
            raise UsageError(
                f"--mood {label}={value}: journal.yaml already makes '{label}' {known}; change it there instead"
            )
        table[_fold(label)] = value
    return table


def mood_of(label: str, scale: MoodScale, table: dict[str, int]) -> int | None:
    """The level a Daylio mood label stands for: journal.yaml's labels and aliases first, then `table`."""
    level = scale.level_of(label)
    return level if level is not None else table.get(_fold(label))


def _fold(label: str) -> str:
    return fold_mood_word(label)


def _rows(name: str, text: str) -> tuple[list[tuple[int, list[str]]], ContentError | None]:
    """(line where the row starts, cells) for each row that is not blank; and why reading stopped early."""
    reader = csv.reader(io.StringIO(text, newline=""), skipinitialspace=True, strict=False)
    rows, start = [], 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        return rows, ContentError(name, start, f"cannot be read as CSV from here on ({error})")
    return rows, None


def _check_header(columns: list[str]) -> str | None:
    if tuple(columns) in (CLASSIC, WITH_SCALES):
        return None
    if columns[:2] == ["year", "date"]:
        return (
            "is an older Daylio export (a year column, no full_date), which Cairn cannot read; export again from Daylio"
        )
    unknown = [c for c in columns if c not in WITH_SCALES]
    missing = [c for c in CLASSIC if c not in columns]
    if unknown:
        return f"has columns a Daylio export does not have: {', '.join(unknown)} (expected {','.join(CLASSIC)})"
    if missing:
        return f"lacks the Daylio columns {', '.join(missing)} (expected {','.join(CLASSIC)})"
    return f"has its columns in an unexpected order (expected {','.join(CLASSIC)}, with scales after activities)"


def _draft(row: dict[str, str], config: Config, moods: dict[str, int]) -> Draft:
    day = _date(row["full_date"])
    when = dt.datetime.combine(day, _time(row["time"]))
    label = row["mood"]
    if not label:
        raise ValueError("mood is empty")
    mood = mood_of(label, config.mood, moods)
    if mood is None:
        raise UnknownMood(one_line(label))
    tags, habits = _activities(row["activities"], config)
    metrics, scales = _scales(row.get("scales", ""), config)
    return Draft(
        key=f"daylio {when:%Y-%m-%d %H:%M}",
        when=when,
        title=one_line(_strip_tags(row["note_title"])),
        mood=mood,
        metrics=metrics,
        tags=tags,
        habits=habits,
        extra=(("scales", scales),) if scales else (),
        body=html_to_markdown(row["note"]),
    )


def _date(text: str) -> dt.date:
    if not text:
        raise ValueError("full_date is empty")
    try:
        if _DATE.match(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(f"full_date '{text}' is not a date like 2020-05-30")


def _time(text: str) -> dt.time:
    if not text:
        raise ValueError("time is empty")
    match = _TIME.match(text)
    if match:
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        if match[4]:  # 12-hour clock: 12:05 am is 00:05, 12:05 pm is 12:05
            afternoon = match[4].lower() == "p"
            hour = hour % 12 + 12 * afternoon if 1 <= hour <= 12 else 24
        if hour < 24 and minute < 60 and second < 60:
            return dt.time(hour, minute)
    raise ValueError(f"time '{text}' is not a time like 18:50 or 6:50 pm")


def _activities(cell: str, config: Config) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Activities that name a configured habit become habits; the others tags."""
    habit_names = {}
    for habit in config.habits:
        habit_names.setdefault(habit.name.casefold(), habit.name)
        habit_names.setdefault(habit.label.casefold(), habit.name)
    tags: list[str] = []
    habits: list[str] = []
    for activity in filter(None, (one_line(a) for a in cell.split("|"))):
        habit = habit_names.get(activity.casefold())
        target, value = (habits, habit) if habit else (tags, activity)
        if value not in target:
            target.append(value)
    return tuple(tags), tuple(habits)


_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)(?:\s*/\s*\d+)?(?:\s+\S.*)?$")
_DURATION = re.compile(r"^(\d+):([0-5]\d)$")


def _scales(cell: str, config: Config) -> tuple[tuple[tuple[str, float], ...], dict[str, str]]:
    """`Sleep Quality: 8/10 points | Sleep Time: 7:30`: values for configured metrics, the rest kept as text."""
    metrics: list[tuple[str, float]] = []
    kept: dict[str, str] = {}
    for part in filter(None, (one_line(p) for p in cell.split("|"))):
        label, _, value = (s.strip() for s in part.partition(":"))
        metric = next((m for m in config.metrics if _same(label, m.name) or _same(label, m.label)), None)
        number = _scale_number(value)
        if metric and number is not None and _within(number, metric) and metric.name not in dict(metrics):
            metrics.append((metric.name, number))
        else:
            kept[label] = value
    return tuple(metrics), kept


def _within(number: float, metric: Metric) -> bool:
    return (metric.low is None or metric.low <= number) and (metric.high is None or number <= metric.high)


def _same(a: str, b: str) -> bool:
    return re.sub(r"[\s_-]+", " ", a.casefold()).strip() == re.sub(r"[\s_-]+", " ", b.casefold()).strip()


def _scale_number(value: str) -> float | None:
    duration = _DURATION.match(value)
    if duration:  # hours:minutes, as hours
        return int(duration[1]) + int(duration[2]) / 60
    number = _NUMBER.match(value)
    return float(number[1]) if number else None


_BREAK = re.compile(r"<br\s*/?>", re.I)
_BLOCK = re.compile(r"</?(?:p|div)(?:\s[^>]*)?>", re.I)
_STRONG = re.compile(r"<(b|strong)>(.*?)</\1>", re.I | re.S)
_EMPHASIS = re.compile(r"<(i|em)>(.*?)</\1>", re.I | re.S)
_ITEM = re.compile(r"<li(?:\s[^>]*)?>", re.I)
_PLAIN = re.compile(r"</?(?:u|s|strike|del|span|font|ul|ol|li)(?:\s[^>]*)?>", re.I)


def html_to_markdown(note: str) -> str:
    """Daylio notes carry a little HTML: bold, italics, line breaks. Anything else is shown as text."""
    text = note.replace("\r\n", "\n").replace("\u00a0", " ")
    text = _BREAK.sub("\n", text)
    text = _BLOCK.sub("\n\n", text)
    text = _STRONG.sub(lambda m: f"**{m[2].strip()}**" if m[2].strip() else m[2], text)
    text = _EMPHASIS.sub(lambda m: f"*{m[2].strip()}*" if m[2].strip() else m[2], text)
    text = _ITEM.sub("\n- ", text)
    text = _PLAIN.sub("", text)
    text = text.replace("<", "&lt;")  # what is left is not formatting we know: keep it visible, never live
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _strip_tags(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", text))
