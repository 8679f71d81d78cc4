"""Per-entry and per-page work spread over the cores, results in input order.

Reading front matter, converting Markdown and drawing pages are each a few tenths
of a millisecond to a few milliseconds per item, thousands of times: worth forked
worker processes (they start from a copy of this one, so the journal and the
templates need not be sent), not worth them for a few hundred items. The results
come back in the order of the input, so a parallel build writes the same bytes as a
serial one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
Tell = Callable[[str, int, int], None]  # (what, done, of): "read", 1200, 3650

PARALLEL_FROM = 200


def cores() -> int:
    """Workers worth starting: the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    import multiprocessing  # here, as the pool below: a rebuild after one edit starts no workers

    return multiprocessing.get_start_method(allow_none=False) == "fork"


def spread(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    chunk: int = 32,
    tell: Tell | None = None,
    what: str = "",
) -> list[Result]:
    """[work(item) for item in items], over every core when there are enough items.
    `work` must be a module-level function (or a partial of one) when forked."""
    return list(spread_iter(work, items, chunk=chunk, tell=tell, what=what))


Shared = TypeVar("Shared")
_shared: object = None  # what spread_shared's workers see, set before they fork


def spread_shared(
    work: Callable[[Shared, Item], Result],
    shared: Shared,
    items: Sequence[Item],
    *,
    chunk: int = 32,
    tell: Tell | None = None,
    what: str = "",
) -> list[Result]:
    """[work(shared, item) for item in items], over every core: forked workers find
    `shared` (the pages, an environment) already in their copy of this process, so it is
    never pickled; only the items (indices, say) and the results travel."""
    global _shared
    _shared = shared
    try:
        return spread(partial(_with_shared, work), items, chunk=chunk, tell=tell, what=what)
    finally:
        _shared = None


def _with_shared(work: Callable[[Any, Item], Result], item: Item) -> Result:
    return work(_shared, item)


def spread_iter(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    chunk: int = 32,
    tell: Tell | None = None,
    what: str = "",
) -> Iterator[Result]:
    workers = cores()
    total = len(items)
    if total < PARALLEL_FROM or workers < 2 or not can_fork():
        results: Iterator[Result] = map(work, items)
        pool = None
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(min(workers, 8), mp_context=multiprocessing.get_context("fork"))
        results = pool.map(work, items, chunksize=chunk)
    try:
        for done, result in enumerate(results, start=1):
            if tell is not None:
                tell(what, done, total)
            yield result
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
