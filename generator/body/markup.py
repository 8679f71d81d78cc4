"""Markdown to HTML: one reused converter, results cached, misses in parallel."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as etree
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from generator import __version__
from generator.body.wikitext import mark_wiki_links
from generator.cache import HtmlCache, cache_key
from generator.model import Entry

# Chosen by measurement: `extra` costs little; `smarty` would double the time.
EXTENSIONS = ("extra", "sane_lists")
BEFORE = "wiki-links-1"  # what mark_wiki_links does to the text first; part of the cache key
# Relative links in an entry point at files beside it. They are marked here and
# resolved per page, because the same HTML appears on pages at different depths.
ASSET_MARK = "cairn-asset:"
PAGE_MARK = "cairn-page:"  # a link to another entry's page, relative to the site root
_PARALLEL_FROM = 200
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^[#/]")


class _MarkRelativeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            attribute = {"img": "src", "a": "href"}.get(element.tag)
            value = element.get(attribute) if attribute else None
            if value and not _SCHEME.match(value):
                element.set(attribute, ASSET_MARK + value)


class _AssetLinks(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_MarkRelativeLinks(md), "cairn_assets", 0)


_converter: markdown.Markdown | None = None


def to_html(text: str) -> str:
    global _converter  # one instance per process: building it costs more than a page
    if _converter is None:
        _converter = markdown.Markdown(extensions=[*EXTENSIONS, _AssetLinks()], output_format="html")
    return _converter.reset().convert(mark_wiki_links(text))


def _key(body: str) -> str:
    return cache_key(body, ",".join(EXTENSIONS), BEFORE, __version__)


def render_bodies(entries: list[Entry], cache: HtmlCache) -> list[Entry]:
    """Entries with `html` filled in, from the cache where possible."""
    keys = [_key(e.body) for e in entries]
    html = [cache.get(k) for k in keys]
    missing = [i for i, h in enumerate(html) if h is None]
    bodies = [entries[i].body for i in missing]
    workers = os.cpu_count() or 1
    if len(missing) >= _PARALLEL_FROM and workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            converted = list(pool.map(to_html, bodies, chunksize=64))
    else:
        converted = [to_html(b) for b in bodies]
    for i, result in zip(missing, converted, strict=True):
        html[i] = result
        cache.put(keys[i], result)
    return [replace(e, html=h) for e, h in zip(entries, html, strict=True)]
