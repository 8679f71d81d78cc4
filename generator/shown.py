"""Which pages show which entries: what a rebuild after an edit must work out again.

A page's fingerprint (fingerprints.py) covers everything its template can see, but
working out the contexts and fingerprints of every page of a ten-year journal costs
most of a second, nearly all of it for pages an edit did not touch. So each build
records, beside each page's fingerprint, the files of the entries its context holds,
and two things about the journal the pages were planned from: a digest of each entry
whole, and the journal's shape, a digest of everything planning reads but the entries'
words (every other field of every entry, the photos the entries show, the plan for hard
days).

Planning reads an entry's words (its body and HTML) nowhere but in the entry itself,
except on the pages of READS_WORDS, which quote them. So when the next build finds the
same shape, drawn by the same templates, settings and code, a page's context can
differ from the last build's only if it holds an entry whose words changed: only those
pages, and the ones of READS_WORDS, are worked out and fingerprinted again, and every
other page keeps the fingerprint it had.

Most pages that list entries show their words only in each entry's summary, where
the words are the entry's glimpse: its first win, else its first sentence
(excerpt.first_words). Such a page, of SHOW_GLIMPSES, is worked out again only when
the glimpse of an entry it holds changed; an edit further down keeps it as it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.excerpt import first_words
from generator.fingerprints import entry_digests
from generator.model import Entry, Page

if TYPE_CHECKING:
    from generator.body import Shown

# Their contexts quote entries' words without holding the entries (progress/sessions.py).
READS_WORDS = frozenset(("review.html", "reviews.html"))
# Built-in templates that show no entry's words, each with what it draws on: counts, names,
# dates and moods. While the journal replaces none of them, a page one draws cannot change
# when only words did, though its context holds every entry (the tags list and the feelings
# table hold each tag's and feeling's entries). tests/test_pagecache.py holds them to it.
SHOW_NO_WORDS = {
    "tags.html": frozenset(("base.html", "partials/tag_moods.html")),
    "emotions.html": frozenset(("base.html",)),
    "on_this_day_index.html": frozenset(("base.html",)),
    "search.html": frozenset(("base.html",)),
    "year.html": frozenset(("base.html", "partials/chart.html")),
}
# Built-in templates that show entries' words only through their summaries (summaries.PARTIAL),
# each with what it draws on. tests/test_pagecache.py holds them to it.
_LISTS = frozenset(("base.html", "partials/entry_summary.html"))
SHOW_GLIMPSES = {
    "timeline.html": _LISTS,
    "tag.html": _LISTS,
    "emotion.html": _LISTS,
    "day.html": _LISTS,
    "on_this_day.html": _LISTS,
    "month.html": _LISTS | {"partials/chart.html"},
    "home.html": _LISTS | {"partials/echoes.html"},
}


@dataclass(frozen=True)
class JournalPrint:
    shape: str
    entries: dict[str, str]  # an entry's file -> the digest of the whole entry
    known: dict[int, bytes]  # the same digests by the id of each Entry, for Fingerprints
    entry_of: dict[str, Entry]  # the entries by their files


def journal_print(entries: Sequence[Entry], photos: Sequence[Shown], plan_html: str | None) -> JournalPrint:
    """The shape and the entries' digests of what `routes.plan` is given."""
    shape = hashlib.blake2b(digest_size=20)
    digests: dict[str, str] = {}
    known: dict[int, bytes] = {}
    entry_of: dict[str, Entry] = {}
    for entry in entries:
        fields, whole = entry_digests(entry)
        shape.update(b"%d:" % len(fields) + fields)
        digests[entry.source] = whole.hex()
        known[id(entry)] = whole
        entry_of[entry.source] = entry
    for shown in photos:  # which photos an entry shows is read from its HTML
        seen = (shown.entry.source, shown.entry.url, shown.photo, shown.alt, shown.hope)
        shape.update(repr(seen).encode("utf-8", "surrogatepass") + b"\0")
    shape.update(b"plan" + repr(plan_html).encode("utf-8", "surrogatepass"))
    return JournalPrint(shape.hexdigest(), digests, known, entry_of)


@dataclass(frozen=True)
class LastPlan:
    """What the last build recorded: its pages' fingerprints and the entries each showed."""

    drawn_by: str
    shape: str
    entries: dict[str, str]  # file -> digest, as JournalPrint, in the order of the journal's entries
    shows: dict[str, list[int]]  # page output -> the entries it showed, by their place in `entries`
    glimpses: dict[str, str]  # an entry's digest -> its glimpse's


def glimpses(now: JournalPrint, drawn_by: str, last: LastPlan | None) -> dict[str, str]:
    """A digest of each entry's glimpse, by the entry's digest: the last build's where the
    entry is the same and was drawn by the same code, templates and settings."""
    kept = last.glimpses if last is not None and last.drawn_by == drawn_by else {}
    return {digest: kept.get(digest) or _glimpse(now.entry_of[source]) for source, digest in now.entries.items()}


def _glimpse(entry: Entry) -> str:
    return hashlib.blake2b(first_words(entry).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def to_work_out(
    pages: list[Page],
    drawn_by: str,
    now: JournalPrint,
    last: LastPlan | None,
    own: frozenset[str],
    glimpsed: dict[str, str],
) -> list[Page] | None:
    """The pages whose fingerprints may have changed since the last build, or None when
    all of them may have (the shape, the templates, settings or code, or the pages changed).
    `own`: the names of the journal's own templates; `glimpsed`: glimpses(now, drawn_by, last)."""
    if last is None or last.drawn_by != drawn_by or last.shape != now.shape:
        return None
    if len(pages) != len(last.shows) or any(page.output not in last.shows for page in pages):
        return None
    if list(now.entries) != list(last.entries):  # the same shape has the same entries, in order
        return None
    changed: set[int] = set()
    reglimpsed: set[int] = set()
    for i, (source, digest) in enumerate(last.entries.items()):
        if now.entries[source] != digest:
            changed.add(i)
            if glimpsed[now.entries[source]] != last.glimpses.get(digest):
                reglimpsed.add(i)
    wordless, lists = _still_builtin(SHOW_NO_WORDS, own), _still_builtin(SHOW_GLIMPSES, own)
    return [
        page
        for page in pages
        if page.template in READS_WORDS
        or (
            page.template not in wordless
            and not (reglimpsed if page.template in lists else changed).isdisjoint(last.shows[page.output])
        )
    ]


def _still_builtin(templates: dict[str, frozenset[str]], own: frozenset[str]) -> set[str]:
    """Those of `templates` the journal replaces neither of, nor anything they draw on."""
    return {name for name, uses in templates.items() if own.isdisjoint(uses | {name})}


def own_templates(journal: Path, theme: Path) -> frozenset[str]:
    """The names of the journal's own templates ("partials/chart.html"): none when its
    templates/ is the built-in theme itself, as render.make_environment reads it."""
    own = journal / "templates"
    if not own.is_dir() or own.resolve() == theme.resolve():
        return frozenset()
    return frozenset(path.relative_to(own).as_posix() for path in own.rglob("*") if path.is_file())
