"""Relative links in entries: files beside them, other entries by file name, and
what cannot be shown (a missing file, a backup, a remote image).

Incomplete is a warning: a missing image, a missing file behind a link, a backup
or a remote image leaves its words on the page (the alt text, the link's text or
a short note) and the build goes on. A link out of content/ through a symbolic
link is an error: the entry asks for something Cairn must never publish.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from generator.body.active import why_left_out
from generator.body.files import (
    folder_words,
    is_backup,
    leads_outside,
    line_of,
    relative_name,
    source_of,
    written_name,
)
from generator.body.photos import image_format, is_photo
from generator.errors import ContentError
from generator.model import Entry
from generator.urls import ASSET_MARK, PAGE_MARK, page_file

_ASSET = re.escape(ASSET_MARK)
_IMG = re.compile(r'<img [^>]*?src="' + _ASSET + r'([^"#?]*)[^"]*"[^>]*>')
_LINK = re.compile(r'<a [^>]*?href="' + _ASSET + r'([^"#?]*)([^"]*)"[^>]*>(.*?)</a>', re.S)
_REMOTE_IMG = re.compile(r'<img [^>]*?src="(?:https?:)?//([^/"]*)[^"]*"[^>]*>', re.I)
_ALT = re.compile(r'alt="([^"]*)"')
_LEFT_OUT = re.compile(r"<(script|iframe|object|embed|meta|base|form)\b", re.I)
REMOTE_NOTE = "(an image from another site, not loaded: the journal makes no requests)"


@dataclass(frozen=True)
class Linked:
    entries: list[Entry]
    documents: dict[str, bytes]  # files/... -> bytes: linked files that are not photos, as they are
    errors: list[ContentError]
    warnings: list[ContentError]


def resolve_links(
    journal: Path, entries: list[Entry], asset_names: set[str], sources: Mapping[str, Entry] | None = None
) -> Linked:
    """Entries must already have their URLs. Links to photos keep their mark for the gallery.
    `sources` are the entries links may point at (by default `entries` themselves)."""
    if sources is None:
        sources = {e.source: e for e in entries}
    documents: dict[str, bytes] = {}
    errors: list[ContentError] = []
    warnings: list[ContentError] = []
    resolved = []
    for entry in entries:
        warnings.extend(_left_out(entry))
        if ASSET_MARK not in entry.html and "//" not in entry.html:
            resolved.append(entry)
            continue

        templated: list[str] = []  # {{ site.url }}/x.png: another generator's template tags, told once per file

        def problem(
            written: str, message: str, entry: Entry = entry, warning: bool = True, templated: list[str] = templated
        ) -> None:
            if warning and _TEMPLATE_TAG.search(written):
                templated.append(written)
                return
            line = entry.body_line + line_of(entry.body, written)
            (warnings if warning else errors).append(ContentError(entry.source, line, message, warning=warning))

        def image(match: re.Match, entry: Entry = entry) -> str:
            written, source = written_name(match.group(1)), source_of(entry.source, match.group(1))
            what = _unusable(journal, source, asset_names)
            if what is None:
                if not is_photo(source) and not _publish(
                    journal, source, documents, f"shows {written}", written, problem
                ):
                    return _words_instead(_alt(match.group(0)) or written)
                if written.startswith("/"):  # from the root: named from the entry's folder from here on
                    marked = f'"{ASSET_MARK}{match.group(1)}'
                    return match.group(0).replace(
                        marked, f'"{ASSET_MARK}{quote(relative_name(entry.source, source))}', 1
                    )
                return match.group(0)
            problem(
                written,
                f"shows the image {written}, {what.format(where=folder_words(source))}",
                warning=what != _OUTSIDE,
            )
            return _words_instead(_alt(match.group(0)) or written)

        def link(match: re.Match, entry: Entry = entry) -> str:
            marked, rest, text = match.groups()
            written, source = written_name(marked), source_of(entry.source, marked)
            if source in sources:
                return match.group(0).replace(
                    f'"{ASSET_MARK}{marked}{rest}"', f'"{PAGE_MARK}{page_file(sources[source].url)}{rest}"', 1
                )
            what = _unusable(journal, source, asset_names)
            if what is None:
                if not is_photo(source) and not _publish(
                    journal, source, documents, f"links to {written}", written, problem
                ):
                    return text
                return match.group(0)
            problem(
                written,
                f"links to {written}, {what.format(where=folder_words(source))}",
                warning=what != _OUTSIDE,
            )
            return text

        def remote(match: re.Match, entry: Entry = entry) -> str:
            problem(
                match.group(1),
                f"shows an image from {match.group(1)}, which the site does not load (it makes no requests to other sites); the page shows its alt text or a note instead",
            )
            return _words_instead(_alt(match.group(0)) or REMOTE_NOTE)

        page = _REMOTE_IMG.sub(remote, _LINK.sub(link, _IMG.sub(image, entry.html)))
        resolved.append(entry if page == entry.html else entry.but(html=page))  # most have no link
        if templated:
            warnings.append(_templated(entry, templated))
    return Linked(resolved, documents, sorted(set(errors)), sorted(set(warnings)))


_TEMPLATE_TAG = re.compile(r"\{\{|\{%|%7B%7B|%7B%25", re.IGNORECASE)


def _templated(entry: Entry, written: list[str]) -> ContentError:
    line = entry.body_line + line_of(entry.body, written[0])
    count = f"{len(written)} links or images" if len(written) > 1 else "a link or image"
    return ContentError(
        entry.source,
        line,
        f"has {count} written with another site generator's template tags ({{{{ … }}}} or {{% … %}}), "
        "which Cairn does not run; they show as their words",
        warning=True,
    )


_OUTSIDE = "which is a symbolic link that leads out of content/; Cairn never follows it"


def _unusable(journal: Path, source: str, asset_names: set[str]) -> str | None:
    """Why the file cannot be published (a template for `where`), or None when it can."""
    if is_backup(source):
        return "an editor's backup, which is never published; the page shows its words instead"
    if source not in asset_names:
        if source.endswith(".md") and (journal / source).is_file():
            return "an entry that is not published (a draft?); the page shows the link's words alone"
        return "which is not in {where}; the page shows its words instead"
    if leads_outside(journal, source):
        return _OUTSIDE
    return None


def _publish(
    journal: Path, source: str, documents: dict[str, bytes], what: str, written: str, problem: Callable[..., None]
) -> bool:
    """Publish a linked file as it is (True), unless it is an image under a name that is
    not a photo's (it would go out with its metadata) or a document a browser would run
    (active.py): those stay out (False)."""
    output = "files/" + source.removeprefix("content/")
    data = documents.get(output) or (journal / source).read_bytes()
    kind = image_format(data)
    if kind is not None:
        problem(
            written,
            f"{what}, an image ({kind}) in a file whose name is not a photo's, so it is left out rather than "
            "published with its metadata (a place, the camera); save it as .jpg or .png to show it",
        )
        return False
    left_out = why_left_out(source, data)
    if left_out:
        problem(written, f"{what}, {left_out}")
        return False
    documents[output] = data
    problem(
        written,
        f"{what}, which is published as it is: unlike a photo, a file keeps its own metadata "
        "(author, dates, sometimes a place)",
    )
    return True


def _alt(img: str) -> str:
    match = _ALT.search(img)
    return html.unescape(match.group(1)) if match else ""


def _words_instead(words: str) -> str:
    return f'<span class="missing">{html.escape(words)}</span>'


def _left_out(entry: Entry) -> list[ContentError]:
    """Raw HTML the sanitiser leaves out, named so its absence is no mystery."""
    found = []
    for match in _LEFT_OUT.finditer(entry.body):
        line = entry.body_line + entry.body.count("\n", 0, match.start())
        tag = match.group(1).lower()
        found.append(
            ContentError(
                entry.source,
                line,
                f"has a <{tag}>, which Cairn leaves out of the page (entries run nothing and load nothing from elsewhere)",
                warning=True,
            )
        )
    return found
