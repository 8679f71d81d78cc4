"""Relative links in entries: files beside them, and other entries by file name."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import replace
from urllib.parse import unquote

from generator.body.markup import ASSET_MARK, PAGE_MARK
from generator.content import CONTENT_DIR
from generator.errors import ContentError
from generator.model import Entry
from generator.urls import page_file

_MARKED = re.compile(r'(src|href)="' + re.escape(ASSET_MARK) + r'([^"#?]*)([^"]*)"')


def resolve_links(entries: list[Entry], asset_names: set[str]) -> tuple[list[Entry], list[ContentError]]:
    """Keep marks on links to files that exist; point links to .md files at their
    entry's page; leave other links as written. A missing image is an error.
    Entries must already have their URLs."""
    sources = {e.source: e for e in entries}
    resolved, errors = [], []
    for entry in entries:
        if ASSET_MARK not in entry.html:
            resolved.append(entry)
            continue
        folder = posixpath.dirname(entry.source)

        def relink(match: re.Match) -> str:
            attribute, name, rest = match.groups()
            written = html.unescape(name)  # as in the Markdown: `a&b.png`, not `a&amp;b.png`
            target = posixpath.normpath(posixpath.join(folder, unquote(written)))
            if target in asset_names:
                return match.group(0)
            if target in sources and attribute == "href":
                return f'href="{PAGE_MARK}{page_file(sources[target].url)}{rest}"'
            if attribute == "src":
                line = entry.body_line + line_of(entry.body, written)
                where = posixpath.relpath(folder, CONTENT_DIR)
                where = "content/" if where == "." else f"content/{where}/"
                errors.append(ContentError(entry.source, line, f"shows the image {written}, which is not in {where}"))
            return f'{attribute}="{name}{rest}"'

        resolved.append(replace(entry, html=_MARKED.sub(relink, entry.html)))
    return resolved, sorted(set(errors))


def line_of(body: str, name: str) -> int:
    """Lines before the one that writes `name` (preferably as a link target)."""
    for needle in (f"({name}", name, unquote(name)):
        index = body.find(needle)
        if index >= 0:
            return body.count("\n", 0, index)
    return 0
