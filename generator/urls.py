"""Links between pages: relative, so the site works under any sub-path of a host, and
naming each page's file, so it also works opened straight from disk (file://)."""

from __future__ import annotations

import functools
import posixpath

# An entry's HTML is the same on every page that shows it, at any depth, so links in it
# are written with Cairn's own marks, as if by a URL scheme, and made relative per page
# when the page is drawn: a file beside the entry, another entry's page (from the site
# root), a [[wiki link]] still to resolve.
ASSET_SCHEME, PAGE_SCHEME, WIKI_SCHEME = "cairn-asset", "cairn-page", "cairn-wiki"
ASSET_MARK, PAGE_MARK, WIKI_MARK = ASSET_SCHEME + ":", PAGE_SCHEME + ":", WIKI_SCHEME + ":"


def relative_url(target: str, from_url: str) -> str:
    """Link from the page at `from_url` to `target`, both relative to the site root.

    Relative links keep the site working under any sub-path of a host, and a link to a
    folder names its index.html, so the site also works opened straight from disk.
    """
    return root_prefix(from_url) + page_file(target)


@functools.lru_cache(maxsize=8192)  # asked for each link on a page: some 170,000 times at 3,650 entries
def root_prefix(from_url: str) -> str:
    """The way up from the page at `from_url` to the site root: "", "../", "../../"."""
    base = posixpath.dirname(from_url) if not from_url.endswith("/") else from_url.rstrip("/")
    return "../" * len([p for p in base.split("/") if p])


def page_file(url: str) -> str:
    """The file a page URL is written to: "tags/" -> "tags/index.html", "" -> "index.html"."""
    path, mark, rest = url.partition("#")
    path = path + "index.html" if not path or path.endswith("/") else path
    return path + mark + rest
