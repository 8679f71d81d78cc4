"""SETTINGS for shares: `shares:` in journal.yaml, read with the line of every name, field and page in it.

The top-level reader knows only the line of `shares:` itself; a share's mistakes are
reported at their own line, so this part reads the YAML nodes again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import yaml

from generator.errors import suggest
from generator.model import ShareSpec

# What `show:` may name. Entry titles, bodies, gratitude and photos go out only when named.
FIELDS = (
    "title",
    "body",
    "mood",
    "metrics",
    "tags",
    "wins",
    "gratitude",
    "emotions",
    "habits",
    "coping",
    "events",
    "for_session",
    "photos",
)
# What `pages:` may name; the home page and each included entry's page always go out.
PAGES = (
    "review",
    "progress",
    "months",
    "wins",
    "timeline",
    "tags",
    "emotions",
    "on-this-day",
    "photos",
    "search",
    "hard-days",
)
KEYS = ("title", "from", "to", "last", "show", "pages", "exclude_tags")
_LAST = re.compile(r"^\s*(\d+)\s*(day|days|week|weeks)\s*$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

Problem = Callable[[int, str], None]


def read_shares(text: str, problem: Problem) -> tuple[ShareSpec, ...]:
    """Every share under `shares:`; each mistake goes to `problem(line, message)`."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    node = _value_of(root, "shares") if isinstance(root, yaml.MappingNode) else None
    if node is None:
        return ()
    if not isinstance(node, yaml.MappingNode):
        problem(_line(node), "shares must map each share's name to its settings (therapist: {title: ...})")
        return ()
    shares = []
    for name_node, spec in node.value:
        share = _read_share(str(name_node.value), name_node, spec, problem)
        if share is not None:
            shares.append(share)
    return tuple(shares)


def _read_share(name: str, name_node: yaml.Node, spec: yaml.Node, problem: Problem) -> ShareSpec | None:
    line = _line(name_node)
    if not _NAME.match(name):
        problem(line, f"share name '{name}' must be lower-case letters, digits, - or _ (it names a folder)")
        return None
    if not isinstance(spec, yaml.MappingNode):
        problem(line, f"share '{name}' must have settings: title, from or last, show and pages")
        return None
    values: dict[str, object] = {"name": name, "title": name.capitalize(), "line": line}
    for key_node, value in spec.value:
        key = str(key_node.value)
        at = _line(key_node)
        if key not in KEYS:
            hint = suggest(key, KEYS)
            problem(at, f"share '{name}' has unknown setting '{key}'" + (f" (did you mean '{hint}'?)" if hint else ""))
        elif key == "title":
            values["title"] = _scalar(value) or name.capitalize()
        elif key in ("from", "to"):
            day = _date(_scalar(value))
            if day is None:
                problem(at, f"share '{name}': {key} must be a date like 2026-09-01 (got {_scalar(value)!r})")
            values["start" if key == "from" else "end"] = day
        elif key == "last":
            match = _LAST.match(_scalar(value) or "")
            if match is None:
                problem(at, f"share '{name}': last must be a number of days or weeks, like `last: 90 days`")
            else:
                values["last_days"] = int(match.group(1)) * (7 if match.group(2).startswith("week") else 1)
        else:
            known = FIELDS if key == "show" else PAGES if key == "pages" else None
            values[key] = _names(name, key, value, known, problem)
    if "start" in values and "last_days" in values:
        problem(line, f"share '{name}' has both from and last: keep one of them")
    start, end = values.get("start"), values.get("end")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        problem(line, f"share '{name}' ends ({end}) before it starts ({start})")
    return ShareSpec(**values)  # type: ignore[arg-type]


def _names(share: str, key: str, node: yaml.Node, known: tuple[str, ...] | None, problem: Problem) -> tuple[str, ...]:
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    names = []
    for item in items:
        word = _scalar(item)
        if word is None:
            problem(_line(item), f"share '{share}': {key} must be a list of names")
            continue
        if known is not None and word not in known:
            hint = suggest(word, known)
            also = f"did you mean '{hint}'?" if hint else "known: " + ", ".join(known)
            what = "field" if key == "show" else "page"
            problem(_line(item), f"share '{share}': unknown {what} '{word}' in {key} ({also})")
            continue
        names.append(word)
    return tuple(names)


def _value_of(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((v for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _scalar(node: yaml.Node) -> str | None:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) and str(node.value).strip() else None


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return None


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1
