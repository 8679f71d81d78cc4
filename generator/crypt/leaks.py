"""The leak check: reads every output file and file name for the journal's words.

It is kept apart from the sealing code it checks, so a mistake there cannot hide here."""

from __future__ import annotations

import functools
import html
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import unquote

from generator.crypt.shell import KEPT_NAMES, LINK_WORDS, LOCK_NOTES, LOCK_UNITS, SHELL, SHELL_TITLE

# --- the leak check ------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_ENCODED_RUN = re.compile(r"[A-Za-z0-9+/=]{64,}")  # base64 and the like: noise, not words
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_DATE_IN_NAME = re.compile(r"(?<!\d)(?:\d{4}[-_/.]\d{1,2}|\d{1,2}[-_.]\d{1,2}(?:[-_.]\d{2,4})?)(?!\d)")
_BODY_WORD_LENGTH = 4
_FIELD_WORD_LENGTH = 3
_CONTEXT = 12


def _words(text: str, shortest: int) -> set[str]:
    return {w for w in _WORD.findall(unicodedata.normalize("NFC", text).casefold()) if len(w) >= shortest}


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, (list, tuple, set)):
        for v in value:
            yield from _strings(v)


def journal_words(entries: Iterable[Any], files: Iterable[str] = (), config: Any = None) -> set[str]:
    """Words that must not be readable in an encrypted site: every word of titles, tags,
    wins, gratitude, feelings, what helped, habits and other front matter (3 letters or
    more), of entry text (4 or more), of the names of files beside entries (photos), and
    the journal's title and author. `files` are the site's paths (only files/ counts)."""
    words: set[str] = set()
    for entry in entries:
        fields = [
            entry.title,
            *entry.tags,
            *entry.wins,
            *entry.gratitude,
            *entry.emotions,
            *entry.coping,
            *entry.habits,
            *_strings(entry.extra),
        ]
        for text in fields:
            words |= _words(text, _FIELD_WORD_LENGTH)
        words |= _words(entry.body, _BODY_WORD_LENGTH)
    for path in files:
        if path.startswith("files/"):
            stem = posixpath.splitext(path.removeprefix("files/"))[0]
            words |= _words(stem.replace("/", " "), _FIELD_WORD_LENGTH)
    if config is not None:
        texts = [config.title, config.author]
        texts += [t for m in config.metrics for t in (m.name, m.label, m.unit)]
        texts += [t for h in config.habits for t in (h.name, h.label)]
        for text in texts:
            words |= _words(text, _FIELD_WORD_LENGTH)
    return words


@functools.cache
def public_words() -> frozenset[str]:
    """Words Cairn itself publishes readably in an encrypted site: the unlock shell's and
    those of the built-in theme's static files (style.css, unlock.js, search.js...).
    A journal word that is one of them says nothing about the journal."""
    from generator.model import MoodScale
    from generator.palette import mood_css
    from generator.render import builtin_theme

    texts = [
        SHELL.format(
            salt="", iterations="", check="", lock_after="", lock_note="", title=SHELL_TITLE, links="", payload=""
        ),
        *LOCK_NOTES,
        LOCK_UNITS,
        LINK_WORDS,
        "User-agent: * Disallow: /",
        "robots.txt",
        *KEPT_NAMES,
        mood_css(MoodScale()),  # static/moods.css: the same words for any scale, only colours differ
    ]
    static = builtin_theme() / "static"
    if static.is_dir():
        for path in sorted(static.rglob("*")):
            if path.is_file():
                texts.append(path.name)
                if path.suffix in (".css", ".js", ".svg", ".txt"):
                    texts.append(path.read_text(encoding="utf-8", errors="replace"))
    words: set[str] = set()
    for text in texts:
        words |= _words(text, 1)
    return frozenset(words)


def _readable(data: bytes) -> tuple[str, bool]:
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), True


def _text_like(text: str) -> bool:
    printable = sum(1 for ch in text if (ch.isprintable() and ch != "\ufffd") or ch in "\t\n\r")
    return printable >= 0.9 * len(text)


def _in_text(text: str, start: int, end: int) -> bool:
    """Whether a word found in a binary file stands in text: on one side of it, a
    stretch of printable characters with a space (as in a photo's description)."""
    before = text[max(0, start - _CONTEXT) : start]
    after = text[end : end + _CONTEXT]
    return any(len(side) >= 4 and " " in side and _text_like(side) for side in (before, after))


def _found_in(text: str, binary: bool, words: set[str]) -> set[str]:
    found = set()
    text = _ENCODED_RUN.sub(" ", text)
    if binary:
        # In an image or other binary file, letters fall together by chance: a word
        # counts only where it reads as text.
        for match in _WORD.finditer(text):
            word = unicodedata.normalize("NFC", match.group(0)).casefold()
            if word in words and _in_text(text, match.start(), match.end()):
                found.add(word)
        return found
    for form in {text, html.unescape(text), unquote(text), _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)}:
        found |= _words(form, 1) & words
    return found


def leaks(files: Mapping[str, bytes], words: Iterable[str]) -> list[tuple[str, str]]:
    """(path, what is readable there) for every file whose name or bytes show a journal word."""
    wanted = {unicodedata.normalize("NFC", w).casefold() for w in words} - public_words()
    found: list[tuple[str, str]] = []
    for path in sorted(files):
        in_name = _words(unquote(path), 1) & wanted
        if in_name:
            found.append((path, "the file name shows " + _listed(in_name)))
        elif _DATE_IN_NAME.search(path):
            found.append((path, "the file name shows a date"))
        text, binary = _readable(files[path])
        in_content = _found_in(text, binary, wanted)
        if in_content:
            found.append((path, "readable journal words: " + _listed(in_content)))
    return found


def _listed(words: set[str], most: int = 8) -> str:
    ordered = sorted(words)
    shown = ", ".join(f"'{w}'" for w in ordered[:most])
    return shown + (f" and {len(ordered) - most} more" if len(ordered) > most else "")


def find_leaks(files: Mapping[str, bytes], words: Iterable[str]) -> list[str]:
    """Readable journal words in the files' names or bytes, one line per file: `path: what`.

    Long runs of base64 are ciphertext, not words; words Cairn itself publishes (see
    public_words) do not count."""
    return [f"{path}: {what}" for path, what in leaks(files, words)]
