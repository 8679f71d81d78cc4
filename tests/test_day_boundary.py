"""day_boundary: the day an entry belongs to is the day the person lived."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.day_boundary import journal_today, lived_day, read_day_start
from tests.conftest import run_cairn


@pytest.mark.parametrize(
    "text, start",
    [
        ("04:00", dt.time(4)),
        ("4:30", dt.time(4, 30)),
        ("00:00", dt.time(0)),
        ("12:00", dt.time(12)),
        ("12:01", None),
        ("24:00", None),
        ("4", None),
        ("04:00 am", None),
        ("", None),
    ],
)
def test_read_day_start(text, start):
    assert read_day_start(text) == start


def test_lived_day():
    four = dt.time(4)
    assert lived_day(dt.date(2026, 1, 1), dt.time(1, 30), four) == dt.date(2025, 12, 31)
    assert lived_day(dt.date(2026, 1, 1), dt.time(4, 0), four) == dt.date(2026, 1, 1)
    assert lived_day(dt.date(2026, 1, 1), None, four) == dt.date(2026, 1, 1)
    assert lived_day(dt.date(2026, 1, 1), dt.time(1, 30)) == dt.date(2026, 1, 1)  # the day starts at midnight
    assert lived_day(dt.date.min, dt.time(1, 30), four) == dt.date.min


def test_journal_today_in_its_time_zone():
    moment = dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)
    assert journal_today("UTC", now=moment) == dt.date(2026, 6, 30)
    assert journal_today("Europe/Berlin", now=moment) == dt.date(2026, 7, 1)  # 01:30 there
    assert journal_today("Europe/Berlin", dt.time(4), now=moment) == dt.date(2026, 6, 30)
    assert journal_today("Asia/Tokyo", dt.time(4), now=moment) == dt.date(2026, 7, 1)  # 08:30 there


def test_a_late_night_entry_is_shown_on_the_day_before_everywhere(journal):
    folder = journal(
        {
            "journal.yaml": 'title: Nights\nday_starts_at: "04:00"\n',
            "content/2026/11/2026-11-23.md": "---\nmood: 2\n---\nA long evening.\n",
            "content/2026/11/2026-11-24-late.md": "---\ndate: 2026-11-24T01:30:00\nmood: 3\n---\nStill awake, tea helped.\n",
            "content/2026/11/2026-11-25.md": "---\ndate: 2026-11-25T04:10:00+09:00\nmood: 4\n---\nAn early start.\n",
        }
    )
    result = run_cairn("build", cwd=folder)
    assert result.returncode == 0, result.stderr
    site = folder / "site" / "2026" / "11"
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html")) == [
        "23/1/index.html",
        "23/index.html",
        "23/late/index.html",
        "25/index.html",
        "index.html",
    ]
    assert "Still awake, tea helped." in (site / "23" / "late" / "index.html").read_text()
    assert "Still awake, tea helped." not in (site / "25" / "index.html").read_text()


def test_a_late_night_entry_comes_last_in_the_day_it_counts_for():
    from generator.content import read_entry
    from generator.model import Config

    config = Config(day_starts_at=dt.time(4))
    written = {
        "content/late.md": "---\ndate: 2026-11-24T01:30:00\n---\n",
        "content/evening.md": "---\ndate: 2026-11-23T22:00:00\n---\n",
        "content/morning.md": "---\ndate: 2026-11-23T08:15:00\n---\n",
        "content/2026-11-23.md": "no time\n",
    }
    entries = [read_entry(name, text.encode(), config)[0] for name, text in written.items()]
    ordered = sorted((e for e in entries if e is not None), key=lambda e: e.sort_key)
    assert [e.source for e in ordered] == [
        "content/2026-11-23.md",
        "content/morning.md",
        "content/evening.md",
        "content/late.md",
    ]
    assert {e.date for e in ordered} == {dt.date(2026, 11, 23)}
