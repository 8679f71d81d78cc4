"""What Obsidian people write in the text itself: Dataview fields and #tags.

`mood:: 4` on a line of its own, `[sleep:: 7]` or `(sleep:: 7)` inside a line,
and `#tag` words. Code (fenced blocks and `inline code`) is never read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from generator.yamlload import load_mapping

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
_KEY = r"[^\W\d_][\w \-]*?"
_OWN_LINE = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?(" + _KEY + r")::[ \t]*(.*?)[ \t]*$")
_IN_LINE = re.compile(r"\[(" + _KEY + r")::[ \t]*([^\]]*?)[ \t]*\]|\((" + _KEY + r")::[ \t]*([^)]*?)[ \t]*\)")
# A tag starts after a space (or the line's start), has a letter, and ends at a space or punctuation.
_TAG = re.compile(r"(?:(?<=\s)|^)#([\w/-]*[^\W\d][\w/-]*)")


@dataclass(frozen=True)
class InlineField:
    key: str
    value: Any
    line: int  # 0-based line within the body


def prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """(0-based line, text) for each line outside fenced code, with code spans blanked."""
    fence = ""
    for number, line in enumerate(body.split("\n")):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        yield number, _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def rewrite_prose(body: str, rewrite: Callable[[str], str]) -> str:
    """The body with `rewrite` applied to the text of each line outside code."""
    lines = body.split("\n")
    for number, _ in prose_lines(body):
        line = lines[number]
        parts, start = [], 0
        for span in _CODE_SPAN.finditer(line):
            parts.append(rewrite(line[start : span.start()]) + span.group(0))
            start = span.end()
        lines[number] = "".join(parts) + rewrite(line[start:])
    return "\n".join(lines)


def inline_fields(body: str) -> list[InlineField]:
    """Dataview fields in the order written."""
    found = []
    for number, line in prose_lines(body):
        whole = _OWN_LINE.match(line)
        if whole and not _IN_LINE.search(line):
            found.append(InlineField(whole.group(1).strip(), _value(whole.group(2)), number))
            continue
        for match in _IN_LINE.finditer(line):
            key, value = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
            found.append(InlineField(key.strip(), _value(value), number))
    return found


def text_tags(body: str) -> list[str]:
    """#tags in the order written, each once (#Walk after #walk is the same tag), without the #."""
    tags: dict[str, str] = {}
    for _, line in prose_lines(body):
        for match in _TAG.finditer(line):
            tag = match.group(1).strip("/-")
            if tag:
                tags.setdefault(tag.casefold(), tag)
    return list(tags.values())


def _value(text: str) -> Any:
    """A field's value read as a YAML scalar would be (numbers, dates, true/false); else the text."""
    if not text:
        return None
    try:
        field = load_mapping("value: " + text).get("value")
    except (yaml.YAMLError, ValueError):
        return text
    value = field.value if field is not None else None
    return value if isinstance(value, (str, int, float, bool)) or value is None or hasattr(value, "year") else text
