"""A few of the person's own words for a list of entries: the first win, else the first sentence."""

from __future__ import annotations

import html
import re

from generator.model import Entry

LONGEST = 140  # characters; longer words end at a word, with an ellipsis
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_SENTENCE = re.compile(r"(.+?[.!?…])(?:\s|$)")


def first_words(entry: Entry) -> str:
    """The first win, or the first sentence of the text; "" for an entry kept out of look-backs."""
    if not entry.resurface:
        return ""
    if entry.wins:
        return _shorten(entry.wins[0])
    for found in _PARAGRAPH.finditer(entry.html):  # headings, lists and quotes are passed over
        paragraph = found.group(1)
        text = _SPACE.sub(" ", html.unescape(_TAG.sub(" ", paragraph))).strip()
        if text:
            sentence = _SENTENCE.match(text)
            return _shorten(sentence.group(1) if sentence else text)
    return ""


def _shorten(words: str) -> str:
    if len(words) <= LONGEST:
        return words
    cut = words[:LONGEST].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
