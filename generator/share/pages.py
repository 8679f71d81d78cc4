"""Which pages of the site go out in a share, and links that point only at what goes out."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from generator.contexts import ReviewContext, ReviewsContext
from generator.model import Page

if TYPE_CHECKING:
    from generator.progress.sessions import Review

# URL prefix of each page name; the home page, 404 and entry pages always go out.
PAGE_PREFIXES = {
    "review": ("reviews/",),
    "progress": ("progress/",),
    "wins": ("wins/",),
    "timeline": ("timeline/",),
    "tags": ("tags/",),
    "emotions": ("emotions/",),
    "on-this-day": ("on-this-day/",),
    "photos": ("photos/",),
    "search": ("search/",),
    "hard-days": ("hard-days/",),
}
_MONTHS = re.compile(r"^\d{4}/(?:\d{2}/)?$")
_ENTRY = re.compile(r"^\d{4}/\d{2}/\d{2}/")
ALWAYS = ("", "404.html")
SEARCH_INDEX = "static/search-index.js"


def page_name(url: str) -> str | None:
    """The share page name a page belongs to: 'entry' for entry and day pages, None for
    a page no name covers (it never goes out)."""
    if url in ALWAYS:
        return "home"
    if _ENTRY.match(url):
        return "entry"
    if _MONTHS.match(url):
        return "months"
    return next((name for name, prefixes in PAGE_PREFIXES.items() if url.startswith(prefixes)), None)


def keep_pages(pages: list[Page], names: tuple[str, ...], start: dt.date | None, end: dt.date | None) -> list[Page]:
    wanted = {"home", "entry", *names}
    kept = [p for p in pages if page_name(p.url) in wanted]
    return _reviews_in_span(kept, start, end) if "review" in names else kept


def _reviews_in_span(pages: list[Page], start: dt.date | None, end: dt.date | None) -> list[Page]:
    """Only reviews of spans that meet the share's, each with entries in it."""

    def inside(review: Review) -> bool:
        span = review.span
        return bool(review.entries) and (start is None or span.end >= start) and (end is None or span.start <= end)

    def listing_inside(page: Page) -> Page:
        listing = cast(ReviewsContext, page.context)
        return replace(page, context={**listing, "reviews": [(r, link) for r, link in listing["reviews"] if inside(r)]})

    # The template says which TypedDict a page's context is.
    kept = [p for p in pages if p.template != "review.html" or inside(cast(ReviewContext, p.context)["review"])]
    return [listing_inside(p) if p.template == "reviews.html" else p for p in kept]


_NAV_ITEM = re.compile(r'<li\b[^>]*><a href="([^"]*)"[^>]*>[^<]*</a></li>\n?')
_SEE_ALSO = re.compile(r'[ \t]*<p class="(?:[^"]* )?see-also(?: [^"]*)?">.*?</p>\n?', re.S)
_HREF = re.compile(r'\bhref="([^"]*)"')
_LINK = re.compile(r'<a\b([^>]*?)\bhref="([^"]*)"([^>]*)>(.*?)</a>', re.S)
_FORM = re.compile(r'<form\b[^>]*\baction="([^"]*)".*?</form>', re.S)


def trim_links(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """Every link to a page or file that is not in the share becomes its plain text; a
    menu item, a theme's `<p class="see-also">` that points at a missing page and a form
    that would go to one disappear."""
    out = dict(files)
    for path, data in files.items():
        if path.endswith(".html"):
            out[path] = _trim_page(path, data.decode("utf-8"), files).encode("utf-8")
    return out


def _trim_page(path: str, text: str, files: Mapping[str, bytes]) -> str:
    def missing(href: str) -> bool:
        target = _target(path, href)
        return target is not None and target not in files

    text = _NAV_ITEM.sub(lambda m: "" if missing(m.group(1)) else m.group(0), text)
    text = _SEE_ALSO.sub(lambda m: "" if any(map(missing, _HREF.findall(m.group(0)))) else m.group(0), text)
    text = _LINK.sub(lambda m: m.group(4) if missing(m.group(2)) else m.group(0), text)
    return _FORM.sub(lambda m: "" if missing(m.group(1)) else m.group(0), text)


def _target(page: str, href: str) -> str | None:
    """The site file a relative link points at, or None for an outside link or an anchor."""
    href = href.split("#", 1)[0].split("?", 1)[0]
    if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I) or href.startswith("/"):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    if joined == ".":
        joined = ""
    if href.endswith("/") or href in (".", "./") or not posixpath.splitext(joined)[1]:
        joined = (joined + "/" if joined else "") + "index.html"
    return joined
