"""Obsidian's way of writing links, before Markdown: [[Note]], [[2026-11-23]], [[Note|label]], ![[photo.jpg]].

Each wiki link becomes an ordinary Markdown link to `cairn-wiki:` and the words
(wikilinks.py then resolves them). A line that starts `#word` is text (a tag), not a
heading: only `# Heading`, with the space, is one. Code is left as written.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

from generator.inline import prose_lines, rewrite_prose

WIKI_MARK = "cairn-wiki:"
_WIKI = re.compile(r"(!?)\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]*))?\]\]")
_NOT_A_HEADING = re.compile(r"^#(?=[^\s#])")


def mark_wiki_links(text: str) -> str:
    """Markdown with each [[wiki link]] as a link to cairn-wiki:, and #word lines kept as text."""
    lines = text.split("\n")
    for number, line in prose_lines(text):
        if _NOT_A_HEADING.match(line):
            lines[number] = "\\" + lines[number]
    return rewrite_prose("\n".join(lines), lambda part: _WIKI.sub(_as_markdown, part))


def _as_markdown(match: re.Match) -> str:
    bang, target, label = match.group(1), match.group(2).strip(), match.group(3)
    shown = (label or "").strip()
    if bang and (not shown or shown.replace("x", "").isdigit()):  # ![[photo.jpg|300]] gives a width
        shown = posixpath.basename(target)
    text = re.sub(r"([\\\[\]*_`])", r"\\\1", shown or target)
    return f"{bang}[{text}]({WIKI_MARK}{quote(target)})"
