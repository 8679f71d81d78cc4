"""Session reviews and life events in the person's own site, on tests/share_fixture.py.

Every figure below is worked out by hand from that journal. Between the sessions of
1 and 15 September there are entries on 11 days; 2026-09-05 (private: true) and
2026-09-06 (private tag) are never in a review, which leaves 9 days with moods
3 2 1 2 2 3 4 3 4 (1, 2, 3, 4, 7, 8, 10, 11, 13 September).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from generator.build import prepare
from generator.config import load_config
from generator.content import load_entries
from generator.index import assign_urls
from generator.progress.events import life_events
from generator.progress.sessions import Span, session_spans
from tests.conftest import run_cairn
from tests.share_fixture import make_journal

FIRST = "reviews/2026-09-01-to-2026-09-14/index.html"
SINCE = "reviews/2026-09-15-to-2026-09-20/index.html"


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_journal(tmp_path_factory.mktemp("sessions") / "journal")


@pytest.fixture(scope="module")
def site(journal: Path) -> dict[str, str]:
    return {name: (data or b"").decode("utf-8", "replace") for name, data in prepare(journal).files.items()}


def words(page: str) -> str:
    page = re.sub(r"<svg.*?</svg>|<details>.*?</details>", " ", page, flags=re.S)
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()
    return re.sub(r" ([,.;:])", r"\1", text)


def test_a_span_between_each_two_sessions_and_one_since_the_last():
    sessions = (dt.date(2026, 9, 1), dt.date(2026, 9, 15), dt.date(2026, 10, 1))
    assert session_spans(sessions, dt.date(2026, 10, 4)) == [
        Span(dt.date(2026, 9, 1), dt.date(2026, 9, 14)),
        Span(dt.date(2026, 9, 15), dt.date(2026, 9, 30)),
        Span(dt.date(2026, 10, 1), dt.date(2026, 10, 4), since_last=True),
    ]
    assert session_spans(sessions, dt.date(2026, 9, 20))[-1] == Span(dt.date(2026, 9, 15), dt.date(2026, 9, 30))


def test_the_reviews_page_lists_each_span_newest_first(site: dict[str, str]):
    page = words(site["reviews/index.html"])
    assert (
        "15 Sep 2026 to 20 Sep 2026 since the last session, entries on 6 of 6 days so far "
        "1 Sep 2026 to 14 Sep 2026 entries on 9 of 14 days"
    ) in page


def test_a_review_in_its_fixed_order_with_figures_worked_out_by_hand(site: dict[str, str]):
    page = words(site[FIRST])
    # Median of 1 2 2 2 3 3 3 4 4 is 3; four days at 2 or lower; "tired" on 1, 2 and 4 September.
    expected_in_order = [
        "Between sessions: 1 Sep 2026 to 14 Sep 2026",
        "14 days; entries on 9 of them.",
        "Entries on 9 of 14 days; the median mood was 3 of 5: okay over 9 days with a mood, from 1 to 4.",
        "The feeling named most often was tired (3 entries); 4 of 9 days with a mood were at 2 of 5 or lower; "
        "2 wins were written down.",
        "This is the first review, so there is no earlier span to set it beside.",
        "Trends",
        "Marked: 1, 8 September 2026: Started sertraline.",
        "Life events 8 Sep 2026: Started sertraline.",
        # The three lowest days: 3 September (1), then 2 and 4 September (2; 7 September is later).
        "The hardest days Wednesday 2 September 2026, mood 2 of 5. What helped that day: called Sam. "
        "The day after: breathing exercise.",
        "Thursday 3 September 2026, mood 1 of 5. Could not get out of bed until noon. The hollowfen feeling again. "
        "What helped that day: breathing exercise. The day after: went for a walk.",
        "Friday 4 September 2026, mood 2 of 5. What helped that day: went for a walk.",
        "Routines kept Went for a walk on 6 of 14 days",
        "A few wins Made tea 1 Sep 2026 Cooked dinner 10 Sep 2026",
        "To raise at the session ask about sleep 8 Sep 2026 the wedding in October 13 Sep 2026",
    ]
    at = [page.find(part) for part in expected_in_order]
    assert -1 not in at, [part for part, found in zip(expected_in_order, at, strict=True) if found == -1]
    assert at == sorted(at)
    assert "quillmarrow" not in page.casefold() and "plumbrook" not in page.casefold()


def test_since_the_last_session_says_so_far_and_sets_it_beside_the_previous_review(site: dict[str, str]):
    page = words(site[SINCE])
    # Moods 3 4 3 2 4 4: the median is 3.5; walks on 15, 16, 19 and 20 September.
    assert "Entries on 6 of 6 days so far; the median mood was 3.5 of 5 over 6 days with a mood, from 2 to 4." in page
    assert (
        "Beside the previous review (1 September 2026 to 14 September 2026): median mood 3.5, from 3; "
        "days written 6 of 6, from 9 of 14."
    ) in page
    assert "Went for a walk on 4 of 6 days so far" in page
    assert "1 of 6 days with a mood was at 2 of 5 or lower" in page  # 18 September
    assert "No day in this span had a mood" not in page
    assert "Saturday 19 September 2026" not in page.split("The hardest days")[1].split("Routines")[0]


def test_cairn_review_draws_any_span_and_prints_its_path(journal: Path):
    result = run_cairn("--journal", journal, "review", "--from", "2026-09-01", "--to", "2026-09-14")
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path == journal / "reviews" / "2026-09-01-to-2026-09-14" / "index.html"
    page = words(path.read_text(encoding="utf-8"))
    assert "Entries on 9 of 14 days; the median mood was 3 of 5: okay" in page
    assert "Review: 1 Sep 2026 to 14 Sep 2026" in page  # not between two sessions: any span
    # The 14 days before: 25 to 31 August, each mood 2.
    assert (
        "Beside the 14 days before (18 August 2026 to 31 August 2026): median mood 3, from 2; "
        "days written 9 of 14, from 7 of 14."
    ) in page
    assert (path.parent / "static" / "style.css").is_file()
    bad = run_cairn("--journal", journal, "review", "--from", "2026-09-14", "--to", "2026-09-01")
    assert (bad.returncode, bad.stderr) == (2, "cairn: --to (2026-09-01) is before --from (2026-09-14)\n")


def test_events_get_before_and_after_medians_only_with_seven_days_on_each_side(journal: Path):
    config = load_config(journal)
    entries = assign_urls(load_entries(journal, config).entries)
    (event,) = life_events(entries, config)
    assert (event.date, event.text) == (dt.date(2026, 9, 8), "Started sertraline")
    # Before (9 August to 7 September): 25-31 August at 2, then 3 2 1 2 1 1 2 -> median 2 of 14 days.
    # After (9 September to 8 October): 4 3 4 3 4 3 2 4 4 -> median 4 of 9 days.
    # Sleep before: seven 6s, then 7 6 5 6 6 -> 6 of 12 days; after: 8 7 8 7 7 6 5 8 8 -> 7 of 9.
    assert [(f.name, f.before.median, f.before.days, f.after.median, f.after.days) for f in event.figures] == [
        ("mood", 2, 14, 4, 9),
        ("sleep", 6, 12, 7, 9),
    ]
    fewer = [e for e in entries if e.date >= dt.date(2026, 9, 2)]  # six days before: no figure
    assert life_events(fewer, config)[0].figures == ()


def test_events_are_marked_on_every_chart_that_spans_them_and_listed_on_progress(site: dict[str, str]):
    progress = site["progress/index.html"]
    assert "Mood: 2 before (14 days), 4 after (9 days)" in words(progress)
    assert "Sleep: 6 hours before (12 days), 7 hours after (9 days)" in words(progress)
    for page, drawn in (("progress/index.html", 2), ("2026/09/index.html", 1), (FIRST, 2)):
        charts = re.findall(r"<svg[^>]*class=\"chart trend\".*?</svg>", site[page], re.S)
        assert len(charts) == 2 * drawn, page  # mood and sleep (a month counts its moods), wide and narrow
        assert all('<line class="event"' in chart and "Started sertraline" in chart for chart in charts), page
    calendars = re.findall(r"<svg[^>]*class=\"chart month-calendar.*?</svg>", site["2026/09/index.html"], re.S)
    assert len(calendars) == 2  # wide and narrow
    assert all(c.count('<rect class="event"') == 1 and "Started sertraline" in c for c in calendars)
    assert "Marked: 1, 8 September 2026: Started sertraline." in site["2026/09/index.html"]
    for page in ("progress/index.html", "2026/index.html"):  # the year in pixels, wide and narrow
        pixels = re.findall(r"<svg[^>]*class=\"chart year-pixels.*?</svg>", site[page], re.S)
        assert len(pixels) == 2, page
        assert all(p.count('<rect class="event"') == 1 and "Started sertraline" in p for p in pixels), page
        assert "Outlined for a life event: 8 September 2026: Started sertraline." in html.unescape(site[page]), page
    for kind in ("wins-weekly", "wins-monthly"):  # the bars of 7 to 13 September, and of September
        bars = re.findall(rf'<svg[^>]*aria-labelledby="{kind}(?:-narrow)?-title.*?</svg>', progress, re.S)
        assert len(bars) == 2 and all(b.count('class="event"') == 1 and "Started sertraline" in b for b in bars), kind
    august = re.findall(r"<svg[^>]*class=\"chart trend\".*?</svg>", site["2026/08/index.html"], re.S)
    assert august and not any('class="event"' in chart for chart in august)
    assert not any('class="event"' in chart for chart in re.findall(r"<svg.*?</svg>", site[SINCE], re.S))
