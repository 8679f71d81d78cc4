"""Work spread over the cores gives the same results, in the same order, as one core."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import workers
from tests.conftest import snapshot
from tests.golden import GOLDEN, build_fixture


def _square(number: int) -> int:
    return number * number


def test_spread_keeps_the_order_and_tells_how_far_it_is(monkeypatch):
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    heard: list[tuple[str, int, int]] = []
    items = list(range(500))
    assert workers.spread(_square, items, chunk=7, tell=lambda *t: heard.append(t), what="draw") == [
        n * n for n in items
    ]
    assert heard[0] == ("draw", 1, 500) and heard[-1] == ("draw", 500, 500)


@pytest.mark.skipif(not workers.can_fork() or workers.cores() < 2, reason="needs two cores and fork")
def test_a_build_over_every_core_writes_the_golden_bytes(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)  # the fixture is small: fork for every stage
    build_fixture(tmp_path / "site")
    assert snapshot(tmp_path / "site") == snapshot(GOLDEN)
