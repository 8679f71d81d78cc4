"""Which pages the last build left unchanged.

A page's fingerprint (fingerprints.py) is a hash of everything its template can see,
with the settings, the templates and Cairn's own code. When the fingerprint matches
the last build's and the file in the output folder is the one that build left there,
the page is kept as it is. Which pages need their fingerprint worked out again at
all: shown.py.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.cache import CACHE_DIR
from generator.fingerprints import Fingerprints, Printed
from generator.model import Later, Page
from generator.shown import JournalPrint, LastPlan, glimpses, to_work_out
from generator.workers import spread_shared
from generator.write import atomic_write

PRINTS = "pages.json"
SHOWN = "shown.json"  # the entries each page showed: the same for the same plan, so rarely written


@dataclass(frozen=True)
class Prints:
    """Each page's fingerprint and the files of the entries it shows, worked out afresh or
    carried over from the last build (shown.py), with what they were worked out from."""

    fingerprints: dict[str, str]  # page output -> fingerprint
    shows: dict[str, list[int]]  # page output -> the entries it shows, by place in planned_from.entries
    drawn_by: str
    planned_from: JournalPrint
    recorded: dict[str, list]  # the last build's [fingerprint, size, time] of each page
    showed: dict[str, list[int]] | None  # what SHOWN holds, when it is of the same plan
    glimpses: dict[str, str]  # shown.glimpses


def load_prints(journal: Path) -> tuple[dict[str, list], LastPlan | None]:
    """The last build's record of each page, and of what its pages were planned from."""
    try:
        data = json.loads((journal / CACHE_DIR / PRINTS).read_text(encoding="utf-8"))
        pages, sources, drawn_by, shape = data["pages"], data["sources"], data["drawn_by"], data["shape"]
        entries = dict(zip(sources, data["entries"], strict=True))
        glimpsed = {d: g for d, g in zip(data["entries"], data.get("glimpses", ()), strict=False) if type(g) is str}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}, None
    try:
        shown = json.loads((journal / CACHE_DIR / SHOWN).read_text(encoding="utf-8"))
        shows = shown["pages"]
        if [shown["drawn_by"], shown["shape"]] != [drawn_by, shape] or shows.keys() != pages.keys():
            return pages, None
        if not all(type(entries_shown) is list for entries_shown in shows.values()):
            return pages, None
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return pages, None
    return pages, LastPlan(drawn_by, shape, entries, shows, glimpsed)


def still_there(out: Path, name: str, record: list) -> bool:
    """The output file is the one the last build wrote (same size and time)."""
    try:
        stat = os.stat(os.path.join(out, name))
    except OSError:
        return False
    return [stat.st_size, stat.st_mtime_ns] == record[1:3]


def save_prints(
    journal: Path, out: Path, prints: Prints | None, kept: frozenset[str] = frozenset()
) -> dict[str, list[int]]:
    """Each page's record for the next build (none without `prints`: a sealed site's
    pages are never kept); the pages' sizes and times. A page `kept` (not written: the
    last build's is still there) keeps the size and time it had."""
    if prints is None:
        atomic_write(journal / CACHE_DIR / PRINTS, b"{}")
        return {}
    records = {}
    folder = str(out)
    for name, fingerprint in prints.fingerprints.items():
        record = prints.recorded.get(name)
        if name in kept and isinstance(record, list) and len(record) == 3 and record[0] == fingerprint:
            records[name] = record
            continue
        stat = os.stat(os.path.join(folder, name))
        records[name] = [fingerprint, stat.st_size, stat.st_mtime_ns]
    planned = {"drawn_by": prints.drawn_by, "shape": prints.planned_from.shape}
    if prints.shows != prints.showed:
        atomic_write(journal / CACHE_DIR / SHOWN, json.dumps({**planned, "pages": prints.shows}).encode())
    data = {
        **planned,
        "sources": list(prints.planned_from.entries),
        "entries": list(prints.planned_from.entries.values()),
        "glimpses": [prints.glimpses.get(digest, "") for digest in prints.planned_from.entries.values()],
        "pages": records,
    }
    atomic_write(journal / CACHE_DIR / PRINTS, json.dumps(data).encode())
    return {name: record[1:3] for name, record in records.items()}


def fingerprints_of(pages: list[Page], drawn_by: str, known: dict[int, bytes]) -> Printed:
    """Each page's fingerprint and the entries it shows, over every core: hashing thousands
    of contexts is a few tenths of a second. `known`: entry digests already worked out."""
    for page in pages:  # in this process, so that the workers that draw the pages have them too
        if isinstance(page.context, Later):
            page.context.made()
    printed = spread_shared(_print, (Fingerprints(drawn_by, known), pages), range(len(pages)), chunk=256)
    return dict(zip((page.output for page in pages), printed, strict=True))


def _print(printing: tuple[Fingerprints, list[Page]], index: int) -> tuple[str, frozenset[str]]:
    fingerprints, pages = printing
    return fingerprints.of(pages[index]), frozenset(fingerprints.shown)


def page_prints(
    journal: Path,
    drawn_by: str,
    *,
    pages: list[Page],
    planned_from: JournalPrint,
    out: Path | None,
    sealed: bool,
    own: frozenset[str] = frozenset(),
) -> tuple[Prints, Callable[[Page], bool] | None, Fingerprints | None]:
    """Each page's fingerprint, and a test for pages the last build left unchanged in `out`
    (None when there is nothing to compare with, or the site is sealed). `drawn_by` names
    the templates, Cairn's code and the settings; `planned_from` is what the pages were
    planned from. Only the pages that may have changed are worked out (shown.py).

    With nothing to compare with, every page is drawn, and fingerprinted as it is drawn,
    over every core, by the Fingerprints returned (render.render_pages; then add_prints);
    a sealed site's pages are never kept, so it is given none."""
    recorded, last = load_prints(journal) if out is not None and not sealed else ({}, None)
    glimpsed = glimpses(planned_from, drawn_by, last) if out is not None and not sealed else {}
    if not recorded or out is None:  # nothing to compare with
        prints = Prints({}, {}, drawn_by, planned_from, recorded, _showed(last, drawn_by, planned_from), glimpsed)
        return prints, None, None if sealed else Fingerprints(drawn_by, planned_from.known)
    todo = to_work_out(pages, drawn_by, planned_from, last, own, glimpsed)
    fingerprints: dict[str, str] = {}
    shows: dict[str, list[int]] = {}
    if todo is not None and last is not None:  # the same entries in the same order: their places hold
        fingerprints = {name: record[0] for name, record in recorded.items()}
        shows = dict(last.shows)
    showed = _showed(last, drawn_by, planned_from)
    prints = Prints(fingerprints, shows, drawn_by, planned_from, recorded, showed, glimpsed)
    add_prints(prints, fingerprints_of(todo if todo is not None else pages, drawn_by, planned_from.known))
    folder = out

    def unchanged(page: Page) -> bool:
        record = recorded.get(page.output)
        return (
            record is not None and record[0] == fingerprints[page.output] and still_there(folder, page.output, record)
        )

    return prints, unchanged, None


def add_prints(prints: Prints, printed: Printed) -> None:
    """Pages' fingerprints and the entries they show, worked out by fingerprints_of or as
    the pages were drawn, into `prints`."""
    place = {source: i for i, source in enumerate(prints.planned_from.entries)}
    for output, (fingerprint, shown) in printed.items():
        prints.fingerprints[output] = fingerprint
        prints.shows[output] = sorted(place[source] for source in shown if source in place)


def _showed(last: LastPlan | None, drawn_by: str, planned_from: JournalPrint) -> dict[str, list[int]] | None:
    if last is not None and [last.drawn_by, last.shape] == [drawn_by, planned_from.shape]:
        return last.shows
    return None
