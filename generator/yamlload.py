"""YAML without its surprises, and with the line of every top-level key.

YAML 1.1 reads `10:45` as the number 645 and `no` as false. A journal wants
neither, so this loader only resolves plain scalars to: null, true/false,
decimal integers, decimal floats and ISO dates/timestamps. Everything else
stays a string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import BaseResolver

try:  # libyaml's parser and composer are about eight times faster than PyYAML's own
    from yaml.cyaml import CParser as Parser  # type: ignore[attr-defined]  # not in the stubs
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.composer import Composer
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class Parser(Reader, Scanner, _PyParser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _PyParser.__init__(self)
            Composer.__init__(self)


class JournalResolver(BaseResolver):
    pass


def _implicit(tag: str, pattern: str, first: str | list[str]) -> None:
    JournalResolver.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_implicit("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_implicit("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789")
_implicit("tag:yaml.org,2002:float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$", "-+.0123456789")
_implicit("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])
_implicit(
    "tag:yaml.org,2002:timestamp",
    r"""^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}
        |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]*)?)?
        (?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$""",
    "0123456789",
)


class _Constructor(SafeConstructor):
    pass


# A bare `10:45` time or `2026-11-23 09:30` without seconds is fine in a journal, with an
# offset (`2026-11-23T09:30+01:00`) too: the seconds PyYAML needs are put in.
_SHORT_TIMESTAMP = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|[ \t]+)\d{1,2}:\d{2})(\s*(?:Z|[-+].*))?$")


def _construct_timestamp(loader: SafeConstructor, node: yaml.ScalarNode) -> Any:
    match = _SHORT_TIMESTAMP.match(node.value)
    if match:
        written = match.group(1) + ":00" + (match.group(2) or "")
        node = yaml.ScalarNode(node.tag, written, node.start_mark, node.end_mark)
    return SafeConstructor.construct_yaml_timestamp(loader, node)


# The stubs accept only PyYAML's own loader classes here; ours is built from the same parts.
_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)  # type: ignore[type-var]


class JournalLoader(Parser, _Constructor, JournalResolver):
    def __init__(self, stream: str):
        Parser.__init__(self, stream)
        _Constructor.__init__(self)
        JournalResolver.__init__(self)


@dataclass(frozen=True)
class Field:
    value: Any
    line: int  # 1-based line within the YAML text


class BadValue(ValueError):
    """A scalar that looks like a date or time but is not a real one."""

    def __init__(self, line: int, text: str):
        self.line = line
        super().__init__(f"'{text}' is not a real date or time")

    def describe(self, offset: int = 0) -> str:
        """The message, with any line it names counted `offset` lines further down the file."""
        return str(self)


class DuplicateKey(BadValue):
    """The same top-level key twice: YAML would silently keep the second."""

    def __init__(self, key: str, first: int, again: int):
        self.key, self.first, self.line = key, first, again
        ValueError.__init__(self, self.describe())

    def describe(self, offset: int = 0) -> str:
        first, again = self.first + offset, self.line + offset
        return f"'{self.key}' is given twice, on lines {first} and {again}; keep one"


class TooManyAliases(BadValue):
    """Aliases (`*name`) that expand to far more than anyone writes by hand: a YAML bomb."""

    def __init__(self, line: int):
        self.line = line
        ValueError.__init__(
            self, f"uses YAML aliases that expand to more than {ALIAS_BUDGET:,} values; write the values out instead"
        )


# Expanded values a document may hold through aliases. A journal uses none; a
# hand-written settings file a few. A bomb of 500 bytes expands to billions.
ALIAS_BUDGET = 10_000


class NotAMapping(ValueError):
    def __init__(self, line: int):
        self.line = line
        super().__init__("front matter must be a list of `key: value` lines")


def load_mapping(text: str) -> dict[str, Field]:
    """Parse YAML text whose top level is a mapping; keep each key's line.

    Raises yaml.YAMLError (with problem_mark), NotAMapping or BadValue.
    """
    loader = JournalLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}
        if not isinstance(node, yaml.MappingNode):
            raise NotAMapping(node.start_mark.line + 1)
        fields: dict[str, Field] = {}
        sizes: dict[int, int] = {}
        for key_node, value_node in node.value:
            if _expanded_size(value_node, sizes) > ALIAS_BUDGET:
                raise TooManyAliases(key_node.start_mark.line + 1)
            try:
                key = loader.construct_object(key_node, deep=True)
                value = loader.construct_object(value_node, deep=True)
            except ValueError:
                bad = _bad_scalar(yaml.SequenceNode("tag:yaml.org,2002:seq", [key_node, value_node]))
                raise BadValue(key_node.start_mark.line + 1, bad) from None
            line = key_node.start_mark.line + 1
            if str(key) in fields:
                raise DuplicateKey(str(key), fields[str(key)].line, line)
            fields[str(key)] = Field(value, line)
        return fields
    finally:
        loader.dispose()


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values `node` holds once every alias is expanded, worked out once per
    node (aliases make the document a graph whose expansion can be exponential)."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    sizes[id(node)] = ALIAS_BUDGET + 1  # a node that contains itself expands forever
    if isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(child, sizes) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, sizes) + _expanded_size(v, sizes) for k, v in node.value)
    else:
        size = 1
    sizes[id(node)] = size
    return size


def _bad_scalar(node: yaml.Node) -> str:
    """The text of the first scalar below `node` that is not a real date or time."""
    scalars, stack = [], [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            scalars.append(current)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
        elif isinstance(current, yaml.MappingNode):
            stack.extend(n for pair in reversed(current.value) for n in reversed(pair))
    for scalar in scalars:
        try:
            _Constructor().construct_object(scalar)
        except ValueError:
            return scalar.value
    return scalars[0].value if scalars else ""


def error_line(error: yaml.YAMLError) -> int:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark else 1


def error_message(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None) or str(error)
    return f"front matter is not valid YAML: {problem}"


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line of every mapping key, nested ones too, by its path: ("mood", "aliases", "rad") -> 7.

    For settings, where a problem deep inside a mapping belongs at its own line.
    Call it only on text that `load_mapping` has read without an error.
    """
    loader = JournalLoader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    lines: dict[tuple[str, ...], int] = {}
    stack: list[tuple[tuple[str, ...], yaml.Node]] = [((), root)] if root is not None else []
    seen: set[int] = set()  # an alias points at a node already walked: walk it once
    while stack:
        path, node = stack.pop()
        if not isinstance(node, yaml.MappingNode) or id(node) in seen:
            continue
        seen.add(id(node))
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                inner = (*path, key_node.value)
                lines.setdefault(inner, key_node.start_mark.line + 1)
                stack.append((inner, value_node))
    return lines
