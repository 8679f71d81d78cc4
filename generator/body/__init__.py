"""BODY: each entry's final HTML (Markdown, links to files and entries, photos).

One call, `give_bodies`, runs after the entries have their URLs and before the
journal is indexed: Markdown, sanitised (cached by the hash of what made it), then
wiki links, links to files beside the entries and to other entries, who mentions
whom, then photos, resized and stripped. Only files that an entry links to or
shows are published.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.body.gallery import Shown, show_photos
from generator.body.links import resolve_links
from generator.body.markup import converter as markdown_converter
from generator.body.markup import render_bodies
from generator.body.photos import is_photo
from generator.body.plan import render_plan
from generator.body.wikilinks import mention, resolve_wiki_links
from generator.cache import HtmlCache
from generator.errors import ContentError
from generator.model import Entry

__all__ = ["Bodies", "Shown", "give_bodies", "is_photo", "markdown_converter", "render_plan"]


@dataclass(frozen=True)
class Bodies:
    entries: list[Entry]  # with their final HTML
    photos: list[Shown]  # every photo an entry shows, in entry order
    files: dict[str, bytes]  # the published photos and linked documents, by output path
    errors: list[ContentError]  # and warnings (ContentError.warning)


def give_bodies(
    journal: Path,
    entries: list[Entry],
    asset_names: set[str],
    html_cache: HtmlCache,
    photo_cache: Path,
    *,
    save_cache: bool,
    sources: Mapping[str, Entry] | None = None,
    whole_journal: bool = True,
) -> Bodies:
    """Entries must already have their URLs (links between entries need them).
    `sources` (by source path) are the entries links may point at, when they are
    more than `entries`: `serve` gives one edited entry its body this way. Photos
    no entry shows leave the photo cache only when `entries` are the whole journal
    (not with `sources`, not for a share's selection)."""
    entries = render_bodies(entries, html_cache)
    entries, wiki_warnings = resolve_wiki_links(entries, asset_names, sources)
    linked = resolve_links(journal, entries, asset_names, sources)
    entries = linked.entries
    if sources is None:  # who mentions whom needs every entry: `serve` keeps what it knew
        entries = mention(entries)
    gallery = show_photos(
        journal, entries, photo_cache, save_cache=save_cache, prune_cache=whole_journal and sources is None
    )
    problems = wiki_warnings + linked.errors + linked.warnings + gallery.errors + gallery.warnings
    return Bodies(gallery.entries, gallery.shown, {**linked.documents, **gallery.files}, problems)
