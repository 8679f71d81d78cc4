"""Dates from year 1 to 9999 never crash a build: every window and span stops at the calendar's ends."""

from __future__ import annotations

import datetime as dt

from generator.dates import days_after, days_before
from tests.conftest import run_cairn


def test_shifting_a_date_stops_at_the_ends_of_the_calendar():
    assert days_before(dt.date(1, 1, 3), 30) == dt.date.min
    assert days_before(dt.date(2026, 11, 23), 7) == dt.date(2026, 11, 16)
    assert days_after(dt.date(9999, 12, 30), 7) == dt.date.max
    assert days_after(dt.date(2026, 11, 23), 8) == dt.date(2026, 12, 1)


def test_a_journal_from_year_1_to_9999_builds(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "first.md").write_text("---\ndate: 0001-01-01\nmood: 2\nwins: [Began]\n---\nLong ago.\n")
    (content / "last.md").write_text("---\ndate: 9999-12-31\nmood: 4\ncoping: [a walk]\n---\nFar off.\n")
    # The last minute there is, written in the last time zone there is: still 31 December 9999.
    (content / "latest.md").write_text("---\ndate: 9999-12-31T23:59+14:00\ntitle: Latest\n---\n")
    (tmp_path / "journal.yaml").write_text('day_starts_at: "04:00"\n')
    result = run_cairn("build", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("Built 3 entries into ")
    assert (tmp_path / "site/9999/12/31/latest/index.html").is_file()
    for page in ("9999/12/31/last/index.html", "progress/index.html", "hard-days/index.html", "timeline/index.html"):
        assert (tmp_path / "site" / page).is_file(), page
    assert "Long ago." in next((tmp_path / "site").glob("1/01/01/index.html")).read_text()
