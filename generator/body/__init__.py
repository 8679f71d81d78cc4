"""BODY: each entry's final HTML (Markdown, links to files and entries, photos).

One call, `give_bodies`, runs after the entries have their URLs and before the
journal is indexed: Markdown (cached by the hash of what made it), then wiki links,
links to files beside the entries and to other entries, who mentions whom, then
photos, resized and stripped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.body.gallery import Shown, show_photos
from generator.body.links import resolve_links
from generator.body.markup import render_bodies
from generator.body.photos import is_photo
from generator.body.wikilinks import mention, resolve_wiki_links
from generator.cache import HtmlCache
from generator.errors import ContentError
from generator.model import Entry

__all__ = ["Bodies", "Shown", "give_bodies", "is_photo"]


@dataclass(frozen=True)
class Bodies:
    entries: list[Entry]  # with their final HTML
    photos: list[Shown]  # every photo an entry shows, in entry order
    files: dict[str, bytes]  # the published photos, by output path
    errors: list[ContentError]  # and warnings (ContentError.warning)


def give_bodies(
    journal: Path,
    entries: list[Entry],
    asset_names: set[str],
    html_cache: HtmlCache,
    photo_cache: Path,
    *,
    save_cache: bool,
) -> Bodies:
    """Entries must already have their URLs (links between entries need them)."""
    entries = render_bodies(entries, html_cache)
    entries, wiki_warnings = resolve_wiki_links(entries, asset_names)
    entries, link_errors = resolve_links(entries, asset_names)
    entries = mention(entries)
    gallery = show_photos(journal, entries, photo_cache, save_cache=save_cache)
    return Bodies(gallery.entries, gallery.shown, gallery.files, wiki_warnings + link_errors + gallery.errors)
