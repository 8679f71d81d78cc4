"""Front matter: YAML between `---` lines (Jekyll, Obsidian) or TOML between `+++` lines (Hugo).

Both give the same thing: each top-level key with its value and the line of the
file it is written on, so a problem is reported where the person wrote it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

import yaml

from generator.yamlload import BadValue, Field, NotAMapping, error_line, error_message, load_mapping

_FENCES = {"---": re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M), "+++": re.compile(r"^\+\+\+[ \t]*$", re.M)}
_TOML_AT = re.compile(r"\s*\(at line (\d+), column \d+\)$")
_TOML_KEY = re.compile(r"""^[ \t]*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))[ \t]*[=.]""")
_TOML_TABLE = re.compile(r"""^[ \t]*\[\[?[ \t]*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))""")


@dataclass(frozen=True)
class Split:
    fence: str | None  # "---", "+++", or None when the file has no front matter
    front: str
    body: str
    body_line: int  # line of the file where the body starts; 0 when the front matter is not closed


class FrontMatterProblem(ValueError):
    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


def split_front_matter(text: str) -> Split:
    fence = next((f for f in _FENCES if text.startswith(f + "\n")), None)
    if fence is None:
        return Split(None, "", text, 1)
    end = _FENCES[fence].search(text, 4)
    if end is None:
        return Split(fence, text[4:], "", 0)
    front = text[4 : end.start()]
    rest = text[end.end() :]
    if rest.startswith("\n"):
        rest = rest[1:]
    return Split(fence, front, rest, 3 + front.count("\n"))


def read_fields(split: Split) -> dict[str, Field]:
    """Each top-level key's value and line in the file. Raises FrontMatterProblem."""
    if split.fence == "+++":
        return _toml(split.front)
    try:
        fields = load_mapping(split.front)
    except yaml.YAMLError as error:
        raise FrontMatterProblem(error_line(error) + 1, error_message(error)) from None
    except NotAMapping as error:
        raise FrontMatterProblem(error.line + 1, str(error)) from None
    except BadValue as error:  # lines it names are counted from the file's first line, not the YAML's
        raise FrontMatterProblem(error.line + 1, error.describe(offset=1)) from None
    return {key: Field(f.value, f.line + 1) for key, f in fields.items()}


def _toml(text: str) -> dict[str, Field]:
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_AT.search(str(error))
        line = int(found.group(1)) if found else 1
        message = _TOML_AT.sub("", str(error)).rstrip(".")
        raise FrontMatterProblem(
            line + 1, f"front matter is not valid TOML: {message[:1].lower()}{message[1:]}"
        ) from None
    lines: dict[str, int] = {}
    in_table = False
    for number, written in enumerate(text.split("\n"), start=2):  # the first line of the file is +++
        table = _TOML_TABLE.match(written)
        if table:
            in_table = True
            lines.setdefault(next(g for g in table.groups() if g), number)
            continue
        key = _TOML_KEY.match(written)
        if key and not in_table:
            lines.setdefault(next(g for g in key.groups() if g), number)
    return {key: Field(value, lines.get(key, 1)) for key, value in values.items()}
