"""A page's fingerprint: a hash of everything its template can see.

Its context, with each entry by a digest of its fields (worked out once per build
however often the entry appears), and a chart not yet drawn by what it is drawn from
(`made_from`). Plain values, and lists and pairs of them, go in by one repr; the type
of each value is part of what is hashed, since text is escaped where Markup is not.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import operator
from collections.abc import Callable
from typing import Any

from generator.model import Entry, Page

Printed = dict[str, tuple[str, frozenset[str]]]  # page output -> its fingerprint, the files of the entries it shows


class Fingerprints:
    """Hashes page contexts; each entry is hashed once per build however often it appears.
    `known` are digests of entries already worked out (entry_digests), by id. After `of`,
    `shown` holds the files of the entries that page's context holds."""

    def __init__(self, salt: str, known: dict[int, bytes] | None = None):
        self.salt = salt.encode()
        self._entries: dict[int, bytes] = dict(known or {})
        # By id, with the object kept so its id is not reused, and the entries it holds.
        self._objects: dict[int, tuple[Any, bytes, frozenset[str]]] = {}
        self._fields: dict[type, Callable[[Any], tuple] | None] = {}  # a dataclass's fields, by its type
        self.shown: set[str] = set()

    def of(self, page: Page) -> str:
        self.shown = set()
        digest = hashlib.blake2b(self.salt, digest_size=16)
        digest.update(page.template.encode())
        digest.update(b"{")
        for name, value in page.context.items():
            self._feed(digest, name)
            if type(value) is not Entry and self._fields_of(type(value)) is not None:
                digest.update(self._shared(value))
            else:
                self._feed(digest, value)
        digest.update(b"}")
        return digest.hexdigest()

    def _shared(self, value: Any) -> bytes:
        """A summary or chart in a page's context, hashed once however many pages show it
        (a month's summary is on its own page and beside both its neighbours')."""
        known = self._objects.get(id(value))
        if known is None or known[0] is not value:
            digest = hashlib.blake2b(digest_size=16)
            outer, self.shown = self.shown, set()
            self._feed(digest, value)
            known = self._objects[id(value)] = (value, b"D" + digest.digest(), frozenset(self.shown))
            self.shown = outer
        self.shown |= known[2]
        return known[1]

    def _entry(self, entry: Entry) -> bytes:
        self.shown.add(entry.source)
        known = self._entries.get(id(entry))
        if known is None:
            known = self._entries[id(entry)] = entry_digests(entry)[1]
        return known

    def _feed(self, digest: Any, value: Any) -> None:
        kind = type(value)
        if kind is str:
            digest.update(b"s%d:" % len(value) + value.encode("utf-8", "surrogatepass"))
        elif kind in _SCALARS:
            digest.update(repr(value).encode() + b"\0")
        elif kind is Entry:
            digest.update(self._entry(value))
        elif kind is tuple or kind is list:
            self._feed_items(digest, b"[", value)
        elif kind is dict:
            digest.update(b"{")
            for key, item in value.items():
                if type(key) is str:  # a context's names: most keys
                    digest.update(b"s%d:" % len(key) + key.encode("utf-8", "surrogatepass"))
                else:
                    self._feed(digest, key)
                self._feed(digest, item)
            digest.update(b"}")
        elif isinstance(value, str):  # Markup is drawn as it is, text is escaped: the type is part of it
            digest.update(kind.__name__.encode() + b"%d:" % len(value) + value.encode("utf-8", "surrogatepass"))
        elif (fields := self._fields_of(kind)) is not None:
            made_from = getattr(value, "made_from", None)  # drawn only when shown: what it is drawn from
            if callable(made_from):
                self._feed_items(digest, kind.__name__.encode() + b"<", made_from())
            else:
                self._feed_items(digest, kind.__name__.encode() + b"(", fields(value))
        else:  # anything else a page could hold (an Entry of a subclass, a date): its repr says what it is
            if isinstance(value, Entry):
                self.shown.add(value.source)
            digest.update(repr(value).encode() + b"\0")

    def _fields_of(self, kind: type) -> Callable[[Any], tuple] | None:
        """A dataclass's field values as a tuple, by one C call; None for other types."""
        if kind not in self._fields:
            self._fields[kind] = _field_values(kind) if dataclasses.is_dataclass(kind) else None
        return self._fields[kind]

    def _feed_items(self, digest: Any, opening: bytes, items: Any) -> None:
        """Items in order; plain text, numbers and dates (or pairs of them, as days with their
        moods are), most items, by one repr of them all; entries by their digests."""
        kinds = set(map(type, items))
        if kinds <= _PLAIN or (
            kinds <= _PLAIN_OR_TUPLE and all(_all_plain(item) for item in items if type(item) is tuple)
        ):
            digest.update(opening + repr(tuple(items)).encode("utf-8", "surrogatepass") + b"\0")
            return
        if kinds == _ENTRY:
            digest.update(opening + b"".join(map(self._entry, items)) + b"]")
            return
        digest.update(opening)
        for item in items:
            self._feed(digest, item)
        digest.update(b"]")


def _field_values(kind: type) -> Callable[[Any], tuple]:
    names = [f.name for f in dataclasses.fields(kind)]
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        one = operator.attrgetter(names[0])
        return lambda value: (one(value),)
    return lambda value: ()


def _all_plain(items: tuple) -> bool:
    return set(map(type, items)) <= _PLAIN


def entry_digests(entry: Entry) -> tuple[bytes, bytes]:
    """An entry's shape (every field but its words, the body and its HTML, as one repr) and
    a digest of the whole entry, made from the shape and the words."""
    shape = repr((_entry_others(entry), _entry_names(entry))).encode("utf-8", "surrogatepass")
    digest = hashlib.blake2b(shape, digest_size=16)
    for value in _entry_words(entry):
        digest.update(b"\0s%d:" % len(value) + value.encode("utf-8", "surrogatepass"))
    return shape, b"E" + digest.digest()


_WORDS = ("body", "html")
_TEXTS = tuple(f.name for f in dataclasses.fields(Entry) if f.type in ("str", str))
_entry_words = operator.attrgetter(*_WORDS)
_entry_names = operator.attrgetter(*(name for name in _TEXTS if name not in _WORDS))
_entry_others = operator.attrgetter(*(f.name for f in dataclasses.fields(Entry) if f.name not in _TEXTS))
_SCALARS = frozenset((int, float, bool, type(None), dt.date, dt.datetime, dt.time))
_PLAIN = frozenset((str, *_SCALARS))  # their repr says both the type and the value
_PLAIN_OR_TUPLE = _PLAIN | {tuple}
_ENTRY = frozenset((Entry,))
