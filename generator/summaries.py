"""An entry's summary in a list (partials/entry_summary.html), drawn once per build
and kept between builds.

At 3,650 entries a summary appears on the timeline, its month, its tags, its emotions,
its day and in other entries' look-backs: drawing each again costs most of a rebuild
after one edit. A summary does not depend on the page it is on except through its
links, so it is drawn with a mark where the way up to the site root goes, and the mark
is replaced per page. It is known by what the built-in partial reads of the entry
(READS; tests/test_summaries.py holds the partial to it) and the photo it shows; the
salt names the templates, Cairn's code and the settings.

A journal with its own partials/entry_summary.html gets it drawn every time, seeing
the page's variables as an include would: what it reads is not ours to know.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator.cache import HtmlCache
from generator.model import Entry
from generator.urls import page_file, root_prefix

PARTIAL = "partials/entry_summary.html"
SUMMARIES = "summaries"  # a folder in .cairn/: an HtmlCache
# Printed unescaped by url() alone: an entry's own text always has its "<" escaped.
_ROOT_MARK = "<cairn-root>"
# What the built-in partial reads of an entry: itself, and through `first_words` (wins, resurface, html).
READS = ("url", "title", "has_title", "date", "mood", "wins", "resurface")


class Summaries:
    """Summaries by what they show; `memory` keeps them between builds."""

    def __init__(self, memory: HtmlCache | None = None, salt: str = "", known: dict[int, bytes] | None = None):
        """`known` are digests of whole entries by their id (shown.journal_print): a key
        made from one costs no hashing of the entry's HTML."""
        self.memory, self.salt, self._known = memory, salt, known or {}
        self.known: dict[str, str] = {}
        self.fresh: dict[str, str] = {}  # drawn in a worker process, not yet handed back to the parent
        self._parent = os.getpid()

    def draw(self, template: jinja2.Template, entry: Entry, shown: Any) -> str:
        """The summary with the root mark in its links."""
        key = summary_key(self.salt, entry, shown, self._known.get(id(entry)))
        html = self.known.get(key)
        if html is None and self.memory is not None:
            html = self.memory.get(key)
        if html is None:
            thumbs = {} if shown is None else {entry.url: shown}
            html = template.render(entry=entry, thumbs=thumbs, url=_marked_url)
            if os.getpid() != self._parent:  # the parent has it already (serve never hands any back)
                self.fresh[key] = html
            if self.memory is not None:
                self.memory.put(key, html)
        self.known[key] = html
        return html

    def take_fresh(self) -> dict[str, str]:
        fresh, self.fresh = self.fresh, {}
        return fresh

    def add(self, drawn: dict[str, str]) -> None:
        """Summaries a worker process drew."""
        self.known.update(drawn)
        if self.memory is not None:
            for key, html in drawn.items():
                self.memory.put(key, html)


def summary_key(salt: str, entry: Entry, shown: Any, whole: bytes | None = None) -> str:
    """`whole`: a digest of every field of the entry, when one is known (it covers READS)."""
    digest = hashlib.blake2b(salt.encode(), digest_size=16)
    if whole is not None:
        digest.update(whole)
    else:
        digest.update(repr(tuple(getattr(entry, name) for name in READS)).encode())
        digest.update(entry.html.encode("utf-8", "surrogatepass"))
    if shown is not None:
        digest.update(repr((shown.photo, shown.alt, shown.hope)).encode())
    return digest.hexdigest()


def _marked_url(target: str) -> Markup:
    return Markup(_ROOT_MARK) + escape(page_file(target))


def summary_global(env: jinja2.Environment, summaries: Summaries, theme: Path) -> Callable[..., Markup]:
    """The `entry_summary(entry)` that templates call. The partial is looked up on the
    first call, so a mistake in a journal's own is reported where pages are drawn."""
    found: list[tuple[jinja2.Template, bool]] = []  # the environment never reloads a template

    @jinja2.pass_context
    def entry_summary(context: jinja2.runtime.Context, entry: Entry) -> Markup:
        if not found:
            found.append((env.get_template(PARTIAL), _is_builtin(env, theme)))
        template, builtin = found[0]
        if not builtin:
            return Markup(template.render({**context.get_all(), "entry": entry}))
        thumbs = context.get("thumbs")
        shown = thumbs.get(entry.url) if isinstance(thumbs, dict) else None
        html = summaries.draw(template, entry, shown)
        return Markup(html.replace(_ROOT_MARK, root_prefix(context["page_url"])))

    return entry_summary


def _is_builtin(env: jinja2.Environment, theme: Path) -> bool:
    assert env.loader is not None
    _, filename, _ = env.loader.get_source(env, PARTIAL)
    return filename is not None and Path(filename).resolve().is_relative_to(theme.resolve())
