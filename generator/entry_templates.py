"""The templates `cairn new` starts an entry from: the journal's own, then the built-in ones.

A template is Markdown with front matter, drawn with Jinja from the date and the journal's
own scale, metrics and habits, so the hints in a new entry are the journal's, not Cairn's.
"""

from __future__ import annotations

import datetime as dt
import json
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator.dates import long_date
from generator.errors import BuildFailed, ContentError
from generator.model import Config, Metric
from generator.render import builtin_theme

TEMPLATE_FOLDER = "new"
DEFAULT_TEMPLATE = "default"


@dataclass(frozen=True)
class EntryTemplate:
    name: str
    path: Path
    own: bool  # the journal's own, rather than built in
    replaces_builtin: bool = False


class UnknownTemplate(Exception):
    pass


def available_templates(journal: Path) -> list[EntryTemplate]:
    """Every template by name; a journal's own replaces the built-in one of the same name."""
    builtin = {p.stem: p for p in _templates_in(builtin_theme() / TEMPLATE_FOLDER)}
    own_folder = journal / "templates" / TEMPLATE_FOLDER
    own = {} if _is_builtin(own_folder) else {p.stem: p for p in _templates_in(own_folder)}
    found = [EntryTemplate(name, path, True, name in builtin) for name, path in own.items()]
    found += [EntryTemplate(name, path, False) for name, path in builtin.items() if name not in own]
    return sorted(found, key=lambda t: t.name)


def find_template(journal: Path, name: str) -> EntryTemplate:
    templates = available_templates(journal)
    for template in templates:
        if template.name == name:
            return template
    names = ", ".join(t.name for t in templates)
    raise UnknownTemplate(f"there is no entry template called '{name}' (there are: {names})")


def draw_template(template: EntryTemplate, journal: Path, config: Config, date: dt.date, title: str | None) -> str:
    """The new entry's text. Raises BuildFailed, at the template's line, when it cannot be drawn."""
    shown = template.path.relative_to(journal).as_posix() if template.own else f"built-in template {template.name}"
    try:
        source = template.path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise BuildFailed([ContentError(shown, 0, "is not UTF-8 text")]) from None
    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda _: (source, shown, lambda: True)),
        autoescape=False,  # Markdown and YAML, not HTML
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["yaml"] = lambda text: json.dumps(str(text), ensure_ascii=False)
    try:
        return environment.get_template(template.name).render(template_context(config, date, title))
    except jinja2.TemplateSyntaxError as error:
        raise BuildFailed([ContentError(shown, error.lineno, f"template cannot be read: {error.message}")]) from None
    except jinja2.TemplateError as error:
        raise BuildFailed(
            [ContentError(shown, _template_line(error, shown), f"template cannot be drawn: {error}")]
        ) from None


def template_context(config: Config, date: dt.date, title: str | None) -> dict[str, Any]:
    scale = config.mood
    moods = [(number, scale.label(number)) for number in range(scale.low, scale.high + 1)]
    return {
        "date": date.isoformat(),
        "longdate": long_date(date),
        "title": title or "",
        "moods": moods,
        "mood_hint": ", ".join(f"{number} {label}" for number, label in moods),
        "metrics": [{"name": m.name, "label": m.label, "unit": m.unit, "hint": metric_hint(m)} for m in config.metrics],
        "habits": [habit.name for habit in config.habits],
        "habit_labels": {habit.name: habit.label for habit in config.habits},
    }


def metric_hint(metric: Metric) -> str:
    """'Sleep in hours, 0 to 24'."""
    hint = metric.label + (f" in {metric.unit}" if metric.unit else "")
    if metric.low is not None and metric.high is not None:
        return f"{hint}, {metric.low:g} to {metric.high:g}"
    if metric.low is not None:
        return f"{hint}, at least {metric.low:g}"
    if metric.high is not None:
        return f"{hint}, at most {metric.high:g}"
    return hint


def _templates_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if p.is_file() and not p.name.startswith((".", "_")))


def _is_builtin(folder: Path) -> bool:
    # This repository is itself a journal whose templates/ is the built-in theme.
    return folder.resolve() == (builtin_theme() / TEMPLATE_FOLDER).resolve()


def _template_line(error: Exception, shown: str) -> int:
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == shown]
    return lines[-1] if lines and lines[-1] is not None else 0
