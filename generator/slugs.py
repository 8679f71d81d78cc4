"""ASCII-safe URL parts for any title or tag."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_NOT_WORD = re.compile(r"[^a-z0-9]+")


# Spelled out in tag slugs, so C++, C# and C get three pages, not one.
_SYMBOLS = {"+": " plus ", "#": " sharp ", "&": " and ", "@": " at ", "%": " percent "}


@lru_cache(maxsize=8192)  # a ten-year journal asks for its few hundred tags tens of thousands of times
def tag_slug(name: str) -> str:
    """A tag's (or a feeling's) URL part: case, accents and spacing never matter ("Walk",
    "walk"; "Café", "cafe"), but the symbols that tell tags apart do ("C++", "C#", "C")."""
    return slugify("".join(_SYMBOLS.get(char, char) for char in name))


def slugify(text: str) -> str:
    """'Café & friends' -> 'cafe-friends'. Never empty, never '..' or a slash."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_WORD.sub("-", ascii_text.lower()).strip("-")
    if slug:
        return slug[:80].rstrip("-")
    # Titles in scripts without an ASCII form still need a stable, distinct name.
    return "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
