"""Wiki links after Markdown: each points at the entry it names (by file name, date or
title) or at a file beside the entries (see wikitext.py for before); `mention` gives
every entry the entries that link to it.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import defaultdict
from collections.abc import Mapping
from urllib.parse import quote, unquote

from generator.body.wikitext import WIKI_MARK
from generator.content import CONTENT_DIR
from generator.errors import ContentError
from generator.model import Entry
from generator.urls import ASSET_MARK, PAGE_MARK, page_file

_LINK = re.compile(r'<a href="' + re.escape(WIKI_MARK) + r'([^"]*)">(.*?)</a>', re.S)
_IMAGE = re.compile(r'src="' + re.escape(WIKI_MARK) + r'([^"]*)"')
_MENTION = re.compile(r'href="' + re.escape(PAGE_MARK) + r'([^"#?]*)')


def resolve_wiki_links(
    entries: list[Entry], asset_names: set[str], sources: Mapping[str, Entry] | None = None
) -> tuple[list[Entry], list[ContentError]]:
    """Each wiki link pointed at its entry or file. A link to nothing shows its words as text,
    with one warning per missing name, at the first entry that writes it. `sources` are
    the entries links may point at (by default `entries` themselves)."""
    if not any(WIKI_MARK in entry.html for entry in entries):
        return entries, []  # nothing to look up: the index of every entry is not built
    find = _Finder(list(sources.values()) if sources is not None else entries, asset_names)
    resolved: list[Entry] = []
    missing: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for entry in entries:
        if WIKI_MARK not in entry.html:
            resolved.append(entry)
            continue
        folder = posixpath.dirname(entry.source)

        def link(match: re.Match, entry: Entry = entry, folder: str = folder) -> str:
            target = unquote(html.unescape(match.group(1)))
            found = find.entry(target)
            if found is not None:
                return f'<a href="{PAGE_MARK}{page_file(found.url)}">{match.group(2)}</a>'
            asset = find.asset(target, folder)
            if asset is not None:
                return f'<a href="{ASSET_MARK}{quote(posixpath.relpath(asset, folder))}">{match.group(2)}</a>'
            missing[target.casefold()].append((entry.source, entry.body_line + _line_of(entry.body, target), target))
            return match.group(2)

        def image(match: re.Match, folder: str = folder) -> str:
            target = unquote(html.unescape(match.group(1)))
            asset = find.asset(target, folder)
            # Not found: left to the image checks, which say so like for any image.
            return f'src="{ASSET_MARK}{quote(posixpath.relpath(asset, folder) if asset else target)}"'

        page = _IMAGE.sub(image, _LINK.sub(link, entry.html))
        resolved.append(entry if page == entry.html else entry.but(html=page))
    return resolved, [_missing(places) for places in missing.values()]


def _missing(places: list[tuple[str, int, str]]) -> ContentError:
    """One warning for a name (in any case) that links to nothing, at the first place it is written."""
    source, line, target = min(places)
    others = len({place[0] for place in places}) - 1
    also = f"; {others} other {'entry links' if others == 1 else 'entries link'} to it too" if others else ""
    message = f"links to [[{target}]], but no entry has that file name, date or title, so it shows as text{also}"
    return ContentError(source, line, message, warning=True)


def mention(entries: list[Entry]) -> list[Entry]:
    """Each entry with the entries that link to it ("Mentioned in"), oldest first."""
    by_url = {entry.url: entry for entry in entries}
    mentions: dict[str, dict[str, Entry]] = defaultdict(dict)
    for entry in entries:
        if PAGE_MARK not in entry.html:
            continue
        for file in _MENTION.findall(entry.html):
            url = file.removesuffix("index.html")  # links name the page's file; entries are known by URL
            if url in by_url and url != entry.url:
                mentions[url][entry.url] = entry
    return [
        e.but(mentioned_in=tuple((m.url, m.title) for m in sorted(mentions[e.url].values(), key=_order)))
        if e.url in mentions
        else e
        for e in entries
    ]


def _order(entry: Entry) -> tuple:
    return entry.sort_key


class _Finder:
    """Entries by file name (with or without folders), then by date, then by title or alias; files by name."""

    def __init__(self, entries: list[Entry], asset_names: set[str]):
        self.names: dict[str, Entry] = {}
        self.dates: dict[str, Entry] = {}
        self.titles: dict[str, Entry] = {}
        for entry in sorted(entries, key=_order):
            path = entry.source.removeprefix(CONTENT_DIR + "/").rsplit(".", 1)[0].casefold()
            parts = path.split("/")
            for n in range(len(parts)):
                self.names.setdefault("/".join(parts[n:]), entry)
            self.dates.setdefault(entry.date.isoformat(), entry)
            if entry.has_title:
                self.titles.setdefault(entry.title.casefold(), entry)
            aliases = entry.extra.get("aliases")  # Obsidian's other names for a note
            for alias in [aliases] if isinstance(aliases, str) else aliases if isinstance(aliases, list) else []:
                self.titles.setdefault(str(alias).strip().casefold(), entry)
        self.assets = sorted(asset_names)
        self.asset_set = asset_names

    def entry(self, target: str) -> Entry | None:
        name = target.split("#")[0].split("^")[0].strip().casefold()
        name = name.removesuffix(".md").removesuffix(".markdown")
        return self.names.get(name) or self.dates.get(name) or self.titles.get(name)

    def asset(self, target: str, folder: str) -> str | None:
        """A file beside the entry, then the one the vault path names, then any file of that name."""
        for candidate in (posixpath.join(folder, target), posixpath.join(CONTENT_DIR, target)):
            path = posixpath.normpath(candidate)
            if path in self.asset_set:
                return path
        base = posixpath.basename(target)
        return next((name for name in self.assets if posixpath.basename(name) == base), None)


def _line_of(body: str, target: str) -> int:
    index = body.find("[[" + target)
    return body.count("\n", 0, index) if index >= 0 else 0
