"""Progress, wins, feelings, look-back and monthly review pages of the fixture journal.

Every figure below was worked out by hand from tests/fixture/content; the newest
entry is 2026-05-03, so "now" is 4 April to 3 May 2026.
"""

from __future__ import annotations

import html
import re

from tests.golden import GOLDEN


def text(page: str) -> str:
    """The words of a golden page, charts left out, as a reader would see them."""
    raw = (GOLDEN / page).read_text(encoding="utf-8")
    raw = re.sub(r"<svg.*?</svg>", " ", raw, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def test_routines_count_days_kept_never_streaks():
    page = text("progress/index.html")
    assert "Went for a walk 3 of 14 2 of 3 May 2026: 67% of days" in page
    assert "Took medication 2 of 14 2 of 3 May 2026: 67% of days" in page
    assert "streak" not in page.lower()


def test_then_and_now_compares_the_same_spans_and_says_once_when_there_is_nothing():
    page = text("progress/index.html")
    # Nothing was written a year before: it is said once, not as a column of empty cells.
    assert (
        "The last 30 days beside the same 30 days six months earlier. No entries from a year before them yet."
    ) in page
    assert "Now 4 Apr 2026 to 3 May 2026 6 months earlier 5 Oct 2025 to 3 Nov 2025 Mean mood" in page
    assert "12 months earlier" not in page and "No entries from this time yet" not in page
    assert "Mean mood 2.7 3.0 Share of low days 60% 0% Wins per week 1.6 0.2" in page
    assert "Days a routine was kept 3 of 30 1 of 30 Days with an entry 6 of 30 1 of 30" in page


def test_bounce_back_and_what_helped_on_low_days():
    page = text("progress/index.html")
    # Low on 20 Nov 2025 (2), 4 Apr (2), 28 Apr (1) and 29 Apr (2); 1 May (3 and 4: 3.5) is
    # okay or better, so one stretch of 4 days written, however long the gap between them.
    assert "Bouncing back 1 hard stretch since November 2025. It lasted 4 days. It passed." in page
    assert "Month Hard stretches Days each lasted November 2025 1 4" in page
    # called Sam: 4 Apr and 1 May; a walk: 29 Apr and 1 May (two days after 29 Apr).
    assert "What helped on low days and the 2 days after called Sam 2 days went for a walk 2 days" in page


def test_mood_trend_states_its_statistic_and_lists_its_numbers():
    page = text("progress/index.html")
    assert "The lines are the mean of the last 7 and 30 days" in page
    assert "1 May 2026 3.5 2.2 2.1 3 May 2026 5 of 5: great 2.9 2.7" in page
    assert "9 small wins written down so far." in page


def test_tags_and_mood_waits_for_five_days():
    assert "A tag used on at least 5 days shows its mood here." in text("progress/index.html")


def test_home_looks_back_a_month_and_six_months():
    page = (GOLDEN / "index.html").read_text()
    assert re.search(
        r'1 month ago</span>\s*<ol class="entries compact">\s*<li>.*?<a class="title" href="2026/04/04/index.html">',
        page,
        re.S,
    )
    assert re.search(
        r'6 months ago</span>\s*<ol class="entries compact">\s*<li>.*?<a class="title" href="2025/11/02/index.html">',
        page,
        re.S,
    )
    assert "1 year ago" not in page  # nothing near 3 May 2025: no empty line about it


def test_an_entry_kept_from_resurfacing_stays_out_of_on_this_day():
    assert "No entries from this day yet." in text("on-this-day/04-28/index.html")
    assert "28 April" not in text("on-this-day/index.html")
    assert "The hard one" in text("2026/04/28/index.html")  # still on its own page
    assert "The hard one" in text("2026/04/index.html")  # and in its month


def test_on_this_day_opens_today_with_a_script_and_lists_days_without_one():
    page = (GOLDEN / "on-this-day/index.html").read_text()
    assert '<script src="../static/on-this-day.js"></script>' in page
    assert '<a data-day="05-03" href="../on-this-day/05-03/index.html">3 May</a>' in page
    assert len(list((GOLDEN / "on-this-day").glob("*/index.html"))) == 366


def test_wins_page_newest_month_first_with_counts_and_gratitude():
    page = text("wins/index.html")
    assert "9 small wins and 3 things to be grateful for" in page
    assert page.index("May 2026 5 wins") < page.index("April 2026 2 wins") < page.index("November 2025 2 wins")
    assert "Grateful for Sam 3 May 2026 the bakery 3 May 2026 Rain on the window 1 May 2026" in page


def test_feelings_are_counted_case_blind_with_when_first_named():
    page = text("emotions/index.html")
    assert "tired 1 1 1 3 20 Nov 2025" in page  # in three months, 3 in all, first on 20 November
    assert (GOLDEN / "emotions/tired/index.html").is_file()


def test_monthly_review_has_calendar_numbers_and_a_summary():
    page = text("2026/05/index.html")
    assert "3 entries, mean mood 4.2 of 5, 5 small wins." in page
    raw = (GOLDEN / "2026/05/index.html").read_text()
    assert raw.count('role="img"') >= 2  # the calendar and the mood chart
    assert "Went for a walk: 2 days" in page
    assert "Took medication: 2 days" in page


def test_year_in_pixels_colours_chosen_days():
    raw = (GOLDEN / "progress/index.html").read_text()
    year = raw[raw.index("2026 in pixels") :]
    year = year[: year.index("</svg>")]  # the wide drawing; the narrow one shows the same days
    cells = re.findall(r'<rect class="day ([a-z0-9-]+)"[^>]*?(?:/>|><title>([^<]*)</title>)', year)
    by_title = {title.split(":")[0]: css for css, title in cells if title}
    assert by_title["28 April 2026"] == "mood-1"  # awful
    assert by_title["29 April 2026"] == "mood-2"  # low
    assert by_title["1 May 2026"] == "mood-4"  # two entries, 3 and 4: a mean of 3.5
    assert by_title["3 May 2026"] == "mood-5"  # great
    assert "30 April 2026" not in by_title  # an entry without a mood stays plain
    assert sum(1 for css, _ in cells if css == "empty") == 365 - 5  # 2026 has five days with a mood


def test_a_leap_day_has_its_own_on_this_day_page():
    assert "On 29 February" in text("on-this-day/02-29/index.html")
    assert "No entries from this day yet." in text("on-this-day/02-29/index.html")


def test_a_monthly_review_links_to_the_months_before_and_after():
    april = (GOLDEN / "2026/04/index.html").read_text()
    assert '<a href="../../2025/11/index.html" rel="prev"><span>Month before</span> November 2025</a>' in april
    assert '<a href="../../2026/05/index.html" rel="next"><span>Month after</span> May 2026</a>' in april
    assert 'rel="prev"' not in (GOLDEN / "2025/11/index.html").read_text()  # the first month has none before


def test_every_day_in_a_calendar_and_in_the_year_in_pixels_links_to_its_entry():
    days = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.glob("2026/*/[0-9][0-9]") if p.is_dir())
    assert len(days) == 6  # 4, 28, 29 and 30 April (no mood that day), 1 and 3 May
    year = (GOLDEN / "2026/index.html").read_text()
    assert "2026 in pixels" in year  # the year page shows its year in pixels
    for day in days:
        assert f'<a href="../{day}/index.html" aria-label=' in year, day
        month = (GOLDEN / day[:7] / "index.html").read_text()
        assert f'<a href="../../{day}/index.html" aria-label=' in month, day
    # A day's link says its mood with its meaning, the mean of two entries too.
    may = (GOLDEN / "2026/05/index.html").read_text()
    assert 'aria-label="3 May 2026: 5 of 5: great"' in may and 'aria-label="1 May 2026: 3.5 of 5"' in may


def test_look_backs_show_the_thumbnail_of_a_photo():
    # "Café & “quotes”" (1 May 2026) shows park.png; its summary carries the small rendition wherever it looks back.
    for page, prefix in (
        ("index.html", ""),
        ("on-this-day/05-01/index.html", "../../"),
        ("timeline/index.html", "../"),
    ):
        raw = (GOLDEN / page).read_text()
        thumb = f'<img class="thumb" src="{prefix}files/2026/05/park-48.png" width="48" height="32" alt=""'
        assert thumb in raw, page
        after = raw[raw.index(thumb) :]
        assert after.index(f'href="{prefix}2026/05/01/cafe-quotes/index.html"') < after.index("</li>"), page
