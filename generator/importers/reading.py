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
