"""`cairn stats` on the fixture journal: figures worked out by hand."""

from __future__ import annotations

import json

from tests.conftest import run_cairn, snapshot
from tests.golden import FIXTURE

EXPECTED = """\
9 entries on 8 days, from 2025-11-02 to 2026-05-03.
Mean mood in May 2026: 4.2 (April 2026: 1.7; May 2025: no entries from then yet).
Small wins: 5 in May 2026, 9 in all.
Went for a walk: 3 of the last 14 days.
Took medication: 2 of the last 14 days.
Most used tags: walk (4), work (2), café (1), family (1), friends (1).
"""


def test_stats_summarises_the_fixture_kindly():
    before = snapshot(FIXTURE)
    result = run_cairn("--journal", FIXTURE, "stats")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == EXPECTED
    assert snapshot(FIXTURE) == before  # stats writes nothing, not even a cache


def test_stats_as_json_for_scripts():
    result = run_cairn("--journal", FIXTURE, "stats", "--json")
    figures = json.loads(result.stdout)
    assert figures["entries"] == 9 and figures["days"] == 8
    assert figures["latest_month"] == {"month": "May 2026", "entries": 3, "mean_mood": 4.25}
    assert figures["previous_month"]["mean_mood"] == 5 / 3
    assert figures["year_before"] == {"month": "May 2025", "entries": 0, "mean_mood": None}
    assert figures["wins_latest_month"] == 5 and figures["wins_total"] == 9
    assert figures["routines"] == [["Went for a walk", 3, 14], ["Took medication", 2, 14]]
    assert figures["top_tags"][0] == ["walk", 4]


def test_stats_of_an_empty_journal(journal):
    folder = journal({"journal.yaml": "title: New\n"})
    result = run_cairn("--journal", folder, "stats")
    assert result.stdout == "No entries yet. `cairn new` starts the first one.\n"


def test_stats_reports_broken_entries_like_build(journal):
    folder = journal({"content/2026-11-23.md": "---\nmood: 9\n---\n"})
    result = run_cairn("--journal", folder, "stats")
    assert result.returncode == 1
    assert result.stderr == (
        "content/2026-11-23.md:2: mood must be a whole number from 1 to 5 (got 9)\nNo figures yet: 1 problem to fix first.\n"
    )
