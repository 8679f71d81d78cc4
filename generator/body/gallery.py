"""Photos shown by entries: which ones, publishing them, and pointing <img> at them.

Only photos an entry shows or links to (a Markdown image, a link, its `photos:`
list) are published, resized and stripped of metadata; an unreferenced photo beside
an entry never is. links.py has already dealt with images that are not there.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

from generator.body.files import leads_outside, line_of
from generator.body.photos import PublishedPhoto, is_photo, publish_photos, srcset
from generator.errors import ContentError
from generator.model import Entry
from generator.urls import ASSET_MARK, PAGE_MARK

_IMG = re.compile(r'<img ([^>]*?)src="' + re.escape(ASSET_MARK) + r'([^"]+)"([^>]*?)\s*/?>')
_HREF = re.compile(r'href="' + re.escape(ASSET_MARK) + r'([^"#?]+)"')
_ALT = re.compile(r'alt="([^"]*)"')
SIZES = "(min-width: 45rem) 42rem, 100vw"


@dataclass(frozen=True)
class Shown:
    """One photo as one entry shows it."""

    photo: PublishedPhoto
    entry: Entry
    alt: str
    hope: bool = False  # marked `hope: true`, on the entry or on the photo in its `photos:` list


@dataclass(frozen=True)
class Gallery:
    entries: list[Entry]
    files: dict[str, bytes]
    shown: list[Shown]  # in entry order
    errors: list[ContentError]
    warnings: list[ContentError]  # a photo listed in front matter that is not there


def _source(entry: Entry, written: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(entry.source), unquote(html.unescape(written))))


def _listed(entry: Entry) -> list[str]:
    return [name for name, _ in _listed_marked(entry)]


def _listed_marked(entry: Entry) -> list[tuple[str, bool]]:
    """The `photos:` list: a name, or `{src: name, hope: true}`; each with its hope mark."""
    listed = entry.extra.get("photos") or []
    found = []
    for item in listed if isinstance(listed, list) else [listed]:
        if isinstance(item, dict):
            name, hope = item.get("src"), item.get("hope") is True
        else:
            name, hope = item, False
        if name:
            found.append((str(name), hope))
    return found


def _hopeful(entry: Entry, photos: list[tuple[str, str, str]]) -> set[str]:
    """Sources of the photos (`referenced(entry)`) an entry marks with hope: all of them
    when the entry is marked."""
    if entry.extra.get("hope") is True:
        return {source for source, _, _ in photos}
    return {_source(entry, name) for name, hope in _listed_marked(entry) if hope}


def referenced(entry: Entry) -> list[tuple[str, str, str]]:
    """(source, as written, alt) for every photo the entry shows or links to."""
    found = []
    if ASSET_MARK in entry.html:  # most entries link to no file beside them
        found = [
            (_source(entry, written), html.unescape(written), _alt(before + after))
            for before, written, after in _IMG.findall(entry.html)
            if is_photo(written)
        ]
        found += [(_source(entry, written), html.unescape(written), "") for written in _HREF.findall(entry.html)]
    found += [(_source(entry, p), p, "") for p in _listed(entry)]
    return [f for f in found if is_photo(f[0])]


def _alt(attributes: str) -> str:
    match = _ALT.search(attributes)
    return html.unescape(match.group(1)) if match else ""


def _img(photo: PublishedPhoto, alt: str, extra: str = "") -> str:
    display = photo.display
    return (
        f'<img alt="{html.escape(alt)}" src="{PAGE_MARK}{quote(display.path)}" '
        f'srcset="{srcset(photo, PAGE_MARK)}" sizes="{SIZES}" width="{display.width}" '
        f'height="{display.height}" loading="lazy" decoding="async"{extra}>'
    )


def show_photos(
    journal: Path, entries: list[Entry], cache_dir: Path, *, save_cache: bool = True, prune_cache: bool = True
) -> Gallery:
    shows = [referenced(entry) for entry in entries]  # two searches of each entry's HTML: once
    wanted = {
        source: (entry, written) for entry, found in zip(entries, shows, strict=True) for source, written, _ in found
    }
    outside = {source for source in wanted if leads_outside(journal, source)}
    files, published, problems = publish_photos(
        journal, set(wanted) - outside, cache_dir, save_cache=save_cache, prune_cache=prune_cache
    )
    problems.update(dict.fromkeys(outside, "is a symbolic link that leads out of content/; Cairn never follows it"))
    errors: list[ContentError] = []
    warnings: list[ContentError] = []
    for entry, found in zip(entries, shows, strict=True):
        for source, written, _ in found:
            if source in problems:
                missing = problems[source] == "is missing"
                message = f"shows the image {written}, which {problems[source]}"
                (warnings if missing else errors).append(
                    ContentError(entry.source, _line(entry, written), message, warning=missing)
                )
    if errors:
        return Gallery(entries, {}, [], sorted(set(errors)), [])

    shown: list[Shown] = []
    updated = []
    for entry, photos in zip(entries, shows, strict=True):
        if not photos:
            updated.append(entry)
            continue
        hopeful = _hopeful(entry, photos)  # before the marks in its HTML are replaced

        def to_published(match: re.Match, entry: Entry = entry) -> str:
            before, written, after = match.groups()
            if not is_photo(written):
                return match.group(0)
            photo = published.get(_source(entry, written))
            if photo is None:
                return match.group(0)
            extra = "".join(f" {a}" for a in re.findall(r'title="[^"]*"', before + after))
            return _img(photo, _alt(before + after), extra)

        def link_to_published(match: re.Match, entry: Entry = entry) -> str:
            photo = published.get(_source(entry, match.group(1)))
            return f'href="{PAGE_MARK}{quote(photo.display.path)}"' if photo else match.group(0)

        page = _HREF.sub(link_to_published, _IMG.sub(to_published, entry.html))
        listed = [published[_source(entry, p)] for p in _listed(entry) if _source(entry, p) in published]
        if listed:
            page += '<div class="photos">\n' + "\n".join(_img(p, "") for p in listed) + "\n</div>\n"
        entry = entry if page == entry.html else entry.but(html=page)  # most have no photo
        updated.append(entry)
        shown += [
            Shown(published[source], entry, alt, source in hopeful) for source, _, alt in photos if source in published
        ]
    return Gallery(updated, files, shown, [], sorted(set(warnings)))


def _line(entry: Entry, written: str) -> int:
    if written in _listed(entry):
        return entry.lines.get("photos", 1)
    return entry.body_line + line_of(entry.body, written)
