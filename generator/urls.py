"""Links between pages: relative, so the site works under any sub-path of a host, and
naming each page's file, so it also works opened straight from disk (file://)."""

from __future__ import annotations

import posixpath


def relative_url(target: str, from_url: str) -> str:
    """Link from the page at `from_url` to `target`, both relative to the site root.

    Relative links keep the site working under any sub-path of a host, and a link to a
    folder names its index.html, so the site also works opened straight from disk.
    """
    return root_prefix(from_url) + page_file(target)


def root_prefix(from_url: str) -> str:
    """The way up from the page at `from_url` to the site root: "", "../", "../../"."""
    base = posixpath.dirname(from_url) if not from_url.endswith("/") else from_url.rstrip("/")
    return "../" * len([p for p in base.split("/") if p])


def page_file(url: str) -> str:
    """The file a page URL is written to: "tags/" -> "tags/index.html", "" -> "index.html"."""
    path, mark, rest = url.partition("#")
    path = path + "index.html" if not path or path.endswith("/") else path
    return path + mark + rest
