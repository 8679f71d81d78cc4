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
# Cairn marks relative links as if by a URL scheme (markup.ASSET_MARK, PAGE_MARK, and
# wikitext.WIKI_MARK for [[wiki links]], resolved after this): they must stay.
ASSET_SCHEME, PAGE_SCHEME, WIKI_SCHEME = "cairn-asset", "cairn-page", "cairn-wiki"
SCHEMES = frozenset({"http", "https", "mailto", "tel", ASSET_SCHEME, PAGE_SCHEME, WIKI_SCHEME})
# A URL that names its scheme, or starts at the site root or on the page: not a file beside the entry.
NOT_RELATIVE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^[#/]")
# Part of the cache key of an entry's HTML: change it whenever the safelist changes.
SAFELIST_VERSION = f"safelist-1,nh3-{getattr(nh3, '__version__', '')}"


def _mark_relative(tag: str, attribute: str, value: str) -> str:
    """A relative link written in raw HTML is marked like one written in Markdown, so it is
    checked and published the same way (or not at all)."""
    if (tag, attribute) in (("img", "src"), ("a", "href")) and value and not NOT_RELATIVE.match(value):
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
