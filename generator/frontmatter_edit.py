"""Add to an entry's YAML front matter by editing its text, so comments, order and
spacing stay exactly as the person wrote them.

A YAML dumper would rewrite the whole block and drop every comment; here each change is
one insertion at a position found from the parser's marks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import yaml

from generator.yamlload import error_line, error_message, load_mapping

# Written as block lists (one item a line) when the key is new; the others as [a, b].
BLOCK_LISTS = ("wins", "gratitude", "coping")


@dataclass(frozen=True)
class Edit:
    at: int  # index in the front matter text
    end: int  # == at for an insertion
    text: str


class CannotEdit(ValueError):
    """A value shaped so that adding to it could change what it means.

    `line` is the file's: the front matter starts on line 2, below its opening ---.
    """

    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


def yaml_item(text: str) -> str:
    """`text` as YAML reads it back, unquoted when that is safe inside and outside [ ]."""
    if text and "\n" not in text and text == text.strip():
        try:
            plain = load_mapping(f"k: {text}\nl: [{text}]\n")
            if plain["k"].value == text and plain["l"].value == [text]:
                return text
        except (yaml.YAMLError, ValueError):
            pass
    return json.dumps(text, ensure_ascii=False)


def set_scalar(front: str, key: str, value: str) -> str:
    """`key: value`, filling an empty `key:` (its comment kept) or adding the line at the end."""
    node = _value_node(front, key)
    if node is None:
        return _append(front, f"{key}: {value}\n")
    if not _is_empty(node):
        raise CannotEdit(_file_line(node), f"{key} already has a value")
    return _apply(front, Edit(node.start_mark.index, node.end_mark.index, " " + value))


def extend_list(front: str, key: str, items: list[str], present: tuple[str, ...]) -> str:
    """Add the items not already in the list (`present`, as the entry reads it), keeping its style."""
    seen = {p.casefold() for p in present}
    new = []
    for item in items:
        if item.strip() and item.strip().casefold() not in seen:
            seen.add(item.strip().casefold())
            new.append(item.strip())
    if not new:
        return front
    node = _value_node(front, key)
    if node is None:
        if key in BLOCK_LISTS:
            return _append(front, f"{key}:\n" + "".join(f"  - {yaml_item(i)}\n" for i in new))
        return _append(front, f"{key}: [{', '.join(yaml_item(i) for i in new)}]\n")
    if isinstance(node, yaml.SequenceNode):
        return _extend_sequence(front, node, new)
    if isinstance(node, yaml.ScalarNode):
        if _is_empty(node):
            return _apply(
                front, Edit(node.start_mark.index, node.end_mark.index, f" [{', '.join(yaml_item(i) for i in new)}]")
            )
        if node.style in ("|", ">"):
            raise CannotEdit(_file_line(node), f"{key} is a block of text; add to it by hand")
        whole = ", ".join(yaml_item(i) for i in (*present, *new))
        return _apply(front, Edit(node.start_mark.index, node.end_mark.index, f"[{whole}]"))
    raise CannotEdit(_file_line(node), f"{key} must be a list of short texts")


def _extend_sequence(front: str, node: yaml.SequenceNode, new: list[str]) -> str:
    if node.flow_style:
        closing = node.end_mark.index - 1  # the position of "]"
        before = "" if front[:closing].rstrip().endswith((",", "[")) else ", "  # [a, b,] has its comma
        return _apply(front, Edit(closing, closing, before + ", ".join(yaml_item(i) for i in new)))
    edits = []
    empty = [item for item in node.value if _is_empty(item)]
    for item, text in zip(empty, new, strict=False):  # a template's bare "-" lines are filled first
        edits.append(Edit(item.start_mark.index, item.end_mark.index, " " + yaml_item(text)))
    rest = new[len(empty) :]
    if rest:
        indent = " " * node.start_mark.column
        last = node.value[-1].end_mark
        at = last.index if last.column == 0 else _line_end(front, last.index)
        lines = "".join(f"{indent}- {yaml_item(i)}\n" for i in rest)
        edits.append(Edit(at, at, lines if at == 0 or front[at - 1] == "\n" else "\n" + lines))
    for edit in sorted(edits, key=lambda e: e.at, reverse=True):
        front = _apply(front, edit)
    return front


def _value_node(front: str, key: str) -> yaml.Node | None:
    try:
        root = yaml.compose(front) if front.strip() else None
    except yaml.YAMLError as error:  # read_entry has parsed it already; this is a second opinion
        raise CannotEdit(error_line(error) + 1, error_message(error)) from None
    if root is None:
        return None
    if not isinstance(root, yaml.MappingNode):
        raise CannotEdit(_file_line(root), "front matter must be a list of `key: value` lines")
    found = None
    for key_node, value_node in root.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            found = value_node  # the last one, as the loader reads it
    return found


def _file_line(node: yaml.Node) -> int:
    return node.start_mark.line + 2  # marks count from 0, and the opening --- is line 1


def _is_empty(node: yaml.Node) -> bool:
    return (
        isinstance(node, yaml.ScalarNode)
        and node.tag.endswith(":null")
        and node.start_mark.index == node.end_mark.index
    )


def _line_end(text: str, index: int) -> int:
    newline = text.find("\n", index)
    return len(text) if newline == -1 else newline + 1


def _append(front: str, lines: str) -> str:
    return front + ("" if not front or front.endswith("\n") else "\n") + lines


def _apply(front: str, edit: Edit) -> str:
    return front[: edit.at] + edit.text + front[edit.end :]
