"""Markdown to HTML: one reused converter, results cached, misses in parallel."""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from importlib import import_module

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from generator import __version__
from generator.body.sanitise import SAFELIST_VERSION, clean_html, is_file_name
from generator.body.wikitext import mark_wiki_links
from generator.cache import HtmlCache, cache_key
from generator.model import Entry
from generator.urls import ASSET_MARK
from generator.workers import spread

# Chosen by measurement: `extra` costs little; `smarty` would double the time.
EXTENSIONS = ("extra", "sane_lists")  # as named in the cache key; made in converter()
# What Markdown's `extra` is made of, in its order (tests/test_cache.py holds it to that).
EXTRA = ("fenced_code", "footnotes", "attr_list", "def_list", "tables", "abbr", "md_in_html")
BEFORE = "wiki-links-1"  # what mark_wiki_links does to the text first; part of the cache key
MARKS = "relative-marks-3"  # what _MarkRelativeLinks takes for a file; part of the cache key


class _MarkRelativeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            attribute = {"img": "src", "a": "href"}.get(element.tag)
            value = element.get(attribute) if attribute else None
            # An email autolink (<a@b.org>) arrives as character references behind Markdown's own mark.
            written = html.unescape(value.replace(AMP_SUBSTITUTE, "&")) if value else value
            if attribute and value and written and is_file_name(element.tag, written):
                element.set(attribute, ASSET_MARK + value)


class _AssetLinks(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_MarkRelativeLinks(md), "cairn_assets", 0)


_converter: markdown.Markdown | None = None


def converter() -> markdown.Markdown:
    """One instance per process. The extensions are given as objects, `extra` as the ones
    it is made of, in its order: named, Markdown first looks for each among every installed
    package's entry points, some 50 ms."""
    global _converter
    if _converter is None:  # imported here: a build that converts nothing needs none of them
        made = [import_module(f"markdown.extensions.{name}").makeExtension() for name in (*EXTRA, "sane_lists")]
        _converter = markdown.Markdown(extensions=[*made, _AssetLinks()], output_format="html")
    return _converter


def to_html(text: str) -> str:
    return clean_html(converter().reset().convert(mark_wiki_links(text)))


def _key(body: str) -> str:
    return cache_key(body, ",".join(EXTENSIONS), BEFORE, MARKS, __version__, SAFELIST_VERSION)


def render_bodies(entries: list[Entry], cache: HtmlCache) -> list[Entry]:
    """Entries with `html` filled in, from the cache where possible."""
    keys = [_key(e.body) for e in entries]
    html = [cache.get(k) for k in keys]
    missing = [i for i, h in enumerate(html) if h is None]
    bodies = [entries[i].body for i in missing]
    converted = spread(to_html, bodies, chunk=64)
    fresh = dict(zip(missing, converted, strict=True))
    for i, result in fresh.items():
        cache.put(keys[i], result)
    return [e.but(html=h if h is not None else fresh[i]) for i, (e, h) in enumerate(zip(entries, html, strict=True))]
