"""Small helpers the format modules share for reading an export."""

from __future__ import annotations

import json
import re
from typing import Any

from generator.errors import ContentError


def one_line(text: str) -> str:
    """Whitespace (newlines, doubled spaces, no-break spaces) collapsed to single spaces."""
    return " ".join(text.split())


def decode(name: str, raw: bytes) -> tuple[str | None, ContentError | None]:
    """UTF-8 text with any BOM dropped and line endings made \\n, or the problem."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, ContentError(name, line, f"is not UTF-8 text (byte {error.start}); is it the right file?")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text), None  # control characters: never text


def load_json(name: str, raw: bytes, what: str) -> tuple[Any, ContentError | None]:
    """Parsed JSON whose top level has an "entries" list, or the problem with its line."""
    text, problem = decode(name, raw)
    if problem or text is None:
        return None, problem
    if not text.strip():
        return None, ContentError(name, 0, f'is empty; {what} is a JSON file with an "entries" list')
    try:
        data = json.loads(text)
    except RecursionError:
        return None, ContentError(name, 1, f"is nested too deeply to be {what}")
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()):
            return None, ContentError(name, error.lineno, "the JSON ends too early; the file may be cut short")
        return None, ContentError(name, error.lineno, f"is not valid JSON: {error.msg} (column {error.colno})")
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        return None, ContentError(name, 1, f'is not {what}: it has no "entries" list')
    return data, None


def type_name(value: Any) -> str:
    """How a JSON value's type reads in a message."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    names = {str: "text", dict: "an object", list: "a list", type(None): "null"}
    return names.get(type(value), type(value).__name__)


_SPACE = re.compile(r"[ \t\n\r]*")


def entry_lines(raw: bytes) -> list[int]:
    """The line where each item of the top-level "entries" list starts, for messages about one entry.

    Empty when the file is not laid out that way; a message then names the entry by number only.
    """
    try:
        return _entry_lines(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError, IndexError):
        return []


def _skip(text: str, pos: int) -> int:
    """The position after any white space at `pos`."""
    space = _SPACE.match(text, pos)
    return space.end() if space else pos


def _entry_lines(text: str) -> list[int]:
    decoder = json.JSONDecoder()
    line, counted = 1, 0

    def line_at(pos: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, pos)
        counted = pos
        return line

    pos = _skip(text, 0)
    if text[pos : pos + 1] != "{":
        return []
    pos += 1
    while True:
        pos = _skip(text, pos)
        if text[pos : pos + 1] != '"':
            return []
        key, pos = decoder.raw_decode(text, pos)
        pos = _skip(text, pos)
        if text[pos : pos + 1] != ":":
            return []
        pos = _skip(text, pos + 1)
        if key == "entries" and text[pos : pos + 1] == "[":
            lines: list[int] = []
            pos += 1
            while True:
                pos = _skip(text, pos)
                if text[pos : pos + 1] in ("]", ""):
                    return lines
                lines.append(line_at(pos))
                _, pos = decoder.raw_decode(text, pos)
                pos = _skip(text, pos)
                pos += text[pos : pos + 1] == ","
        _, pos = decoder.raw_decode(text, pos)
        pos = _skip(text, pos)
        pos += text[pos : pos + 1] == ","


def line_of(lines: list[int], number: int) -> int:
    """The line of entry `number` (from 1), or 0 when it is not known."""
    return lines[number - 1] if 0 < number <= len(lines) else 0
