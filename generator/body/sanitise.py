"""Raw HTML in entries, cleaned to what a journal uses.

Markdown lets an entry carry any HTML. The site's Content Security Policy stops
scripts, but not everything: `<meta http-equiv="refresh">` sends the reader to
another site, and a page opened from disk has no policy to lean on. So every
entry's HTML goes through nh3 (the Ammonia sanitiser) with a safelist: formatting,
headings, lists, quotes, code, tables, images, details/summary, footnotes and
links stay (a relative link is marked for Cairn as in Markdown); scripts, styles, event handlers, `meta`, `base`, `iframe`, `object`,
`embed`, forms and `javascript:` or `data:` links do not.
"""

from __future__ import annotations

import re

import nh3

from generator.urls import ASSET_SCHEME, PAGE_SCHEME, WIKI_SCHEME

TAGS = frozenset(
    {
        *("p", "br", "hr", "div", "span", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("b", "strong", "i", "em", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr"),
        *("q", "blockquote", "cite", "code", "pre", "kbd", "samp", "var", "dfn", "time"),
        *("ul", "ol", "li", "dl", "dt", "dd"),
        *("table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"),
        *("a", "img", "figure", "figcaption", "details", "summary"),
    }
)
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "time": {"datetime"},
}
# Cairn's own link marks (see urls.py) must stay.
SCHEMES = frozenset({"http", "https", "mailto", "tel", ASSET_SCHEME, PAGE_SCHEME, WIKI_SCHEME})
# A URL that names its scheme, or starts at the site root or on the page: not a file beside the entry.
NOT_RELATIVE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^[#/]")
# An image from the root of a Jekyll or Hugo site (`/assets/rain.jpg`): looked for from content/.
FROM_ROOT = re.compile(r"^/(?!/)")
# Part of the cache key of an entry's HTML: change it whenever the safelist changes.
SAFELIST_VERSION = f"safelist-3,nh3-{getattr(nh3, '__version__', '')}"


def is_file_name(tag: str, value: str) -> bool:
    """A link or image that names a file of the journal: relative, or an image from the root."""
    return not NOT_RELATIVE.match(value) or (tag == "img" and bool(FROM_ROOT.match(value)))


def _mark_relative(tag: str, attribute: str, value: str) -> str:
    """A relative link written in raw HTML is marked like one written in Markdown, so it is
    checked and published the same way (or not at all)."""
    if (tag, attribute) in (("img", "src"), ("a", "href")) and value and is_file_name(tag, value):
        return f"{ASSET_SCHEME}:{value}"
    return value


_cleaner = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags={"script", "style"},
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    url_schemes=set(SCHEMES),
    link_rel=None,
    strip_comments=True,
    attribute_filter=_mark_relative,
)


def clean_html(html: str) -> str:
    return _cleaner.clean(html)
