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
from generator.importers.daylio_scales import declare_advice, read_scales, undeclared_labels
from generator.importers.draft import Draft, Note, Source, UsageError, converted, identity, kept
from generator.importers.reading import decode, one_line
from generator.importers.registry import Options
from generator.importers.writing import yaml_scalar
from generator.model import Config, MoodScale, fold_mood_word

CLASSIC = ("full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note")
WITH_SCALES = ("full_date", "date", "weekday", "time", "mood", "activities", "scales", "note_title", "note")
DEFAULT_MOODS = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}  # on Daylio's 1..5

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?$", re.I)


FIELD_LIMIT = 128 * 1024  # characters in one cell; Daylio never writes more


def read(path: Path, config: Config, options: Options) -> Source:
    name = str(path)
    moods = mood_table(config.mood, options.mood_labels)
    source = Source()
    text, problem = decode(name, path.read_bytes())
    if problem or text is None:
        source.reject(problem or ContentError(name, 0, "cannot be read"), 0)
        return source
    rows, stopped = _rows(name, text)
    if stopped:
        source.reject(stopped, 0)
    if not rows:
        if not stopped:
            source.reject(ContentError(name, 0, f"is empty; a Daylio CSV export starts with {','.join(CLASSIC)}"), 0)
        return source
    line, columns = rows[0][0], [one_line(c).lower() for c in rows[0][1]]
    wrong_header = _check_header(columns)
    if wrong_header:
        source.reject(ContentError(name, line, wrong_header), 0)
        return source
    unknown: dict[str, list[int]] = {}  # mood label -> lines, reported once per label
    undeclared: dict[str, list[int]] = {}  # scale label -> lines of rows that have it
    for line, cells in rows[1:]:
        if len(cells) != len(columns):
            message = f"has {len(cells)} fields, but the header has {len(columns)} ({','.join(columns)})"
            source.reject(ContentError(name, line, message))
            continue
        huge = next((i for i, cell in enumerate(cells) if len(cell) > FIELD_LIMIT), None)
        if huge is not None:
            size = len(cells[huge].encode("utf-8")) // 1024
            message = f"{columns[huge]} is {size} KiB, more than the 128 KiB a Daylio field holds; is the file damaged?"
            source.reject(ContentError(name, line, message))
            continue
        row = dict(zip(columns, (c.strip() for c in cells), strict=False))
        for label in undeclared_labels(row.get("scales", ""), config):  # told even when the row has other problems
            undeclared.setdefault(label, []).append(line)
        try:
            draft = _draft(row, config, moods)
        except UnknownMood as error:
            unknown.setdefault(error.label, []).append(line)
            continue
        except ValueError as error:
            source.reject(ContentError(name, line, str(error)))
            continue
        source.drafts.append(draft)
    for label, lines in undeclared.items():
        source.errors.append(ContentError(name, lines[0], declare_advice(label, lines, rows, columns)))
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
    # A cell longer than csv's limit would end the whole read; let it be read, so that
    # `read` can refuse that one row (FIELD_LIMIT) and go on with the next.
    limit = csv.field_size_limit(max(len(text) + 1, csv.field_size_limit()))
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        return rows, ContentError(name, start, f"cannot be read as CSV from here on ({error})")
    finally:
        csv.field_size_limit(limit)
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
    metrics, scales, scale_notes = read_scales(row.get("scales", ""), config)
    title = one_line(_strip_tags(row["note_title"]))
    body = html_to_markdown(row["note"])
    notes = [converted("mood", "Daylio's label to a level of the journal's scale")]
    if row["activities"]:
        notes.append(_activity_note(tags, habits))
    notes += scale_notes
    notes += [kept("note_title")] if title else []
    if body:
        notes.append(converted("note", "its HTML to Markdown") if body != row["note"].strip() else kept("note"))
    return Draft(
        key=identity("daylio", when, label, row["activities"], row.get("scales", ""), row["note_title"], row["note"]),
        when=when,
        title=title,
        mood=mood,
        metrics=metrics,
        tags=tags,
        habits=habits,
        extra=(("scales", scales),) if scales else (),
        body=body,
        notes=tuple(notes),
    )


def _activity_note(tags: tuple[str, ...], habits: tuple[str, ...]) -> Note:
    if habits and tags:
        return converted("activities", "those named like a habit in journal.yaml to habits, the rest to tags")
    if habits:
        return converted("activities", "to habits, as journal.yaml names them")
    return converted("activities", "to tags", "list a habit in journal.yaml to count an activity as a routine")


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
    habit_names: dict[str, str] = {}
    for habit in config.habits:
        habit_names.setdefault(habit.name.casefold(), habit.name)
        habit_names.setdefault(habit.label.casefold(), habit.name)
    tags: list[str] = []
    habits: list[str] = []
    for activity in filter(None, (one_line(a) for a in cell.split("|"))):
        named = habit_names.get(activity.casefold())
        target, value = (habits, named) if named else (tags, activity)
        if value not in target:
            target.append(value)
    return tuple(tags), tuple(habits)


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
    text = _STRONG.sub(lambda m: _wrap(m[2], "**"), text)
    text = _EMPHASIS.sub(lambda m: _wrap(m[2], "*"), text)
    text = _ITEM.sub("\n- ", text)
    text = _PLAIN.sub("", text)
    text = text.replace("<", "&lt;")  # what is left is not formatting we know: keep it visible, never live
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _wrap(inner: str, mark: str) -> str:
    """`bold ` -> `**bold** `: Markdown emphasis may not start or end with a space, so the spaces go outside."""
    core = inner.strip()
    if not core:
        return inner
    return inner[: len(inner) - len(inner.lstrip())] + mark + core + mark + inner[len(inner.rstrip()) :]


def _strip_tags(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", text))
