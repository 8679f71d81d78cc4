"""SVG charts: valid XML, accessible, the expected marks, and words that match the numbers."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup

from generator.model import Config, Metric, MoodScale
from generator.progress import bar_charts, calendars, charts, trend_charts
from generator.progress.days import year_in_pixels
from generator.progress.months import month_summaries
from generator.progress.trends import metric_trends, mood_trend
from generator.progress.wins import win_counts
from tests.journal_entries import date, entry, ten_days

SVG = "{http://www.w3.org/2000/svg}"
SCALE = MoodScale()
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def parse(chart: charts.Chart) -> ET.Element:
    """The SVG as XML, checked for what every chart must have."""
    assert isinstance(chart.svg, Markup)
    root = ET.fromstring(str(chart.svg))
    assert root.tag == SVG + "svg" and root.get("role") == "img" and root.get("width") == "100%"
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox", ""))
    title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert (title.text, desc.text) == (chart.title, chart.description)
    assert all(e.get("style") is None for e in root.iter()), "the Content-Security-Policy forbids inline styles"
    assert "!" not in chart.description
    numbers = re.findall(r'(?<![\w-])(?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)="(-?[\d.]+)"', str(chart.svg))
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d)?", n) for n in numbers)
    return root


def marks(root: ET.Element, tag: str, css: str) -> list[ET.Element]:
    return [e for e in root.iter(SVG + tag) if css in (e.get("class") or "").split()]


def moods(days_and_moods: list[tuple[str, int]]):
    return mood_trend([entry(day, mood) for day, mood in days_and_moods])


def test_mood_trend_has_a_dot_per_day_and_two_lines():
    chart = trend_charts.mood_trend_chart(mood_trend(ten_days()), SCALE, "mood")
    root = parse(chart)
    dots = marks(root, "circle", "dot")
    assert len(dots) == 9
    assert [d.get("class") for d in dots[:3]] == ["dot mood-3", "dot mood-4", "dot mood-2"]  # 1.5 rounds to 2
    assert len(marks(root, "path", "trend-short")) == len(marks(root, "path", "trend-long")) == 1
    assert chart.description == (
        "In March 2026 the 30-day mean of mood was 3.1. 9 days with a mood, each a dot on a scale of "
        "1 (awful) to 5 (great); the lines are 7-day and 30-day means."
    )
    assert chart.columns == ("Date", "Mood", "7-day mean", "30-day mean")
    assert chart.rows[2] == ("3 March 2026", "1.5", "2.8", "2.8")  # (3 + 4 + 1.5) / 3
    assert chart.rows[0] == ("1 March 2026", "3 of 5: okay", "3", "3")


def test_mood_trend_says_when_mood_rose():
    days = [(f"2026-03-{d:02d}", 2) for d in range(1, 11)] + [(f"2026-06-{d:02d}", 4) for d in range(1, 11)]
    chart = trend_charts.mood_trend_chart(moods(days), SCALE, "m")
    assert chart.description.startswith("Mood rose from a 30-day mean of 2 in March 2026 to 4 in June 2026.")
    # The lines break over the gap rather than drawing a slope nobody lived through.
    long_line = marks(parse(chart), "path", "trend-long")[0].get("d", "")
    assert long_line.count("M") == 2


def test_mood_trend_names_a_harder_stretch_kindly():
    days = [(f"2026-03-{d:02d}", 4) for d in range(1, 11)] + [(f"2026-06-{d:02d}", 2) for d in range(1, 11)]
    chart = trend_charts.mood_trend_chart(moods(days), SCALE, "m")
    assert chart.description.startswith(
        "A harder stretch: the 30-day mean went from 4 in March 2026 to 2 in June 2026."
    )


def test_mood_trend_held_steady():
    days = [("2026-03-01", 3), ("2026-03-02", 3), ("2026-04-20", 4), ("2026-04-21", 3), ("2026-04-22", 3)]
    chart = trend_charts.mood_trend_chart(moods(days), SCALE, "m")
    assert chart.description.startswith("Mood held around a 30-day mean of 3.3 from March 2026 to April 2026.")


def test_a_long_trend_is_tabled_by_month():
    start = dt.date(2025, 1, 1)
    trend = mood_trend([entry((start + dt.timedelta(days=i)).isoformat(), 3) for i in range(120)])
    chart = trend_charts.mood_trend_chart(trend, SCALE, "m")
    assert len(marks(parse(chart), "circle", "dot")) == 120
    assert chart.columns[0] == "Month" and [r[:2] for r in chart.rows] == [
        ("January 2025", "31"),
        ("February 2025", "28"),
        ("March 2025", "31"),
        ("April 2025", "30"),
    ]


def _daily(first: dt.date, count: int, mood) -> list:
    return [entry((first + dt.timedelta(days=i)).isoformat(), mood(i)) for i in range(count)]


def test_ten_years_of_days_are_drawn_as_the_long_line_alone_at_both_widths():
    """3,650 days leave a phone's drawing under a tenth of a pixel each: dots and the
    7-day line would be a smear. The 30-day line stays; the table still has every month."""
    trend = mood_trend(_daily(dt.date(2016, 1, 1), 3650, lambda i: 2 + i % 3))
    chart = trend_charts.mood_trend_chart(trend, SCALE, "m")
    assert chart.narrow is not None
    for root in (parse(chart), ET.fromstring(str(chart.narrow))):
        assert marks(root, "circle", "dot") == []
        assert marks(root, "path", "trend-short") == []
        assert len(marks(root, "path", "trend-long")) == 1
    key = [t.text for t in ET.fromstring(str(chart.narrow)).iter(SVG + "text")][:2]
    assert key == ["Line: 30-day mean.", "Too many days to show each one."]
    assert chart.description.endswith(
        "3650 days with a mood; drawn as the 30-day mean alone, with too many days to show each one."
    )
    assert len(chart.rows) == 120  # January 2016 to December 2025, by month
    assert chart.each_day is False


def test_a_year_of_days_keeps_its_dots_and_both_lines():
    trend = mood_trend(_daily(dt.date(2025, 1, 1), trend_charts.DAYS_WITH_DOTS, lambda i: 3))
    chart = trend_charts.mood_trend_chart(trend, SCALE, "m")
    assert chart.narrow is not None
    for root in (parse(chart), ET.fromstring(str(chart.narrow))):
        assert len(marks(root, "circle", "dot")) == trend_charts.DAYS_WITH_DOTS
        assert len(marks(root, "path", "trend-short")) == 1
    assert chart.description.endswith(
        "each a dot on a scale of 1 (awful) to 5 (great); the lines are 7-day and 30-day means."
    )
    assert chart.each_day is True


def test_a_long_metric_trend_is_drawn_as_its_long_line_alone():
    metric = Metric("sleep", "Sleep", "hours", 0, 12)
    entries = [e.but(metrics=(("sleep", 7.0),)) for e in _daily(dt.date(2020, 1, 1), 900, lambda i: None)]
    (trend,) = metric_trends(entries, Config(metrics=(metric,)))
    chart = trend_charts.metric_trend_chart(trend, metric, "sleep")
    root = parse(chart)
    assert marks(root, "circle", "dot") == [] and marks(root, "path", "trend-short") == []
    assert chart.description.endswith(
        "900 days with a value; drawn as the 30-day mean alone, with too many days to show each one."
    )


def test_an_empty_trend_still_describes_itself():
    chart = trend_charts.mood_trend_chart(mood_trend([]), SCALE, "m")
    parse(chart)
    assert (chart.description, chart.rows) == ("No moods written down yet.", ())


def test_metric_trend_in_its_unit():
    entries = [entry("2026-03-01", metrics=(("sleep", 6.0),)), entry("2026-04-02", metrics=(("sleep", 7.5),))]
    metric = Metric("sleep", "Sleep & rest", "h", 0, 12)
    (trend,) = metric_trends(entries, Config(metrics=(metric,)))
    chart = trend_charts.metric_trend_chart(trend, metric, "sleep")
    root = parse(chart)  # the & is escaped
    assert len(marks(root, "circle", "dot")) == 2
    assert chart.description == (
        "Sleep & rest: the 30-day mean went from 6 h in March 2026 to 7.5 h in April 2026. "
        "2 days with a value; the lines are 7-day and 30-day means."
    )
    assert chart.rows == (("1 March 2026", "6 h", "6", "6"), ("2 April 2026", "7.5 h", "7.5", "7.5"))


def test_year_in_pixels_has_a_square_for_every_day_and_a_legend():
    entries = [
        entry("2024-01-01", 1),
        entry("2024-01-02", 2),
        entry("2024-01-02", 3, slug="-b"),
        entry("2024-03-01", 5),
    ]
    (year,) = year_in_pixels(entries)
    chart = calendars.year_pixels_chart(year, SCALE, "y2024")
    root = parse(chart)
    days = marks(root, "rect", "day")
    assert len(days) == 366
    assert [d.get("class") for d in days[:3]] == ["day mood-1", "day mood-3", "day empty"]  # 2.5 rounds up
    assert len(marks(root, "rect", "swatch")) == 6
    legend = [t.text for t in root.iter(SVG + "text")]
    assert "1 awful" in legend and "5 great" in legend and "no mood" in legend and "Dec" in legend
    assert chart.description == (
        "Each day of 2024 as a square, coloured by mood. 3 days have a mood: awful on 1 day, okay on 1 day, great on 1 day."
    )
    assert chart.rows == (("January 2024", "2", "1.8"), ("March 2024", "1", "5"))


def test_wins_per_week_bars_and_words():
    weeks = win_counts(ten_days()).weeks
    chart = bar_charts.bar_chart(weeks, "Wins per week", "wins-week")
    root = parse(chart)
    assert len(marks(root, "rect", "bar")) == 3
    assert chart.description == (
        "Wins per week: 7 in all, over 3 weeks from the week of 23 February 2026 to the week of 9 March 2026. "
        "The most in one week: 3, in the week of 9 March 2026."
    )
    assert chart.columns == ("Week", "Wins") and chart.rows[0] == ("week of 23 February 2026", "1")


def test_wins_per_month_bars():
    entries = [entry("2026-03-01", wins=("a",)), entry("2026-04-01"), entry("2026-05-01", wins=("b", "c"))]
    chart = bar_charts.bar_chart(win_counts(entries).months, "Wins per month", "wins-month", period="month")
    assert len(marks(parse(chart), "rect", "bar")) == 3
    assert chart.description == (
        "Wins per month: 3 in all, over 3 months from March 2026 to May 2026. The most in one month: 2, in May 2026."
    )

    texts = [t.text for t in parse(chart).iter(SVG + "text")]
    assert [t for t in texts if t.endswith("win") or t.endswith("wins")] == ["1 win", "0 wins", "2 wins"]


def test_wins_per_year_rows_leave_room_for_a_count_of_four_figures():
    entries = [entry("2025-06-01", wins=("a",) * 1250), entry("2026-01-05", wins=("b",) * 3)]
    counts = win_counts(entries).years
    assert [(c.key, c.label, c.count) for c in counts] == [("2025", "2025", 1250), ("2026", "2026", 3)]
    chart = bar_charts.bar_chart(counts, "Wins each year", "wins-yearly", period="year")
    assert chart.description == (
        "Wins each year: 1253 in all, over 2 years from 2025 to 2026. The most in one year: 1250, in 2025."
    )
    svg = parse(chart)
    width = float(svg.get("viewBox").split()[2])
    texts = {t.text: float(t.get("x")) for t in svg.iter(SVG + "text")}
    assert list(texts) == ["2025", "1250 wins", "2026", "3 wins"]
    assert texts["1250 wins"] + 61.5 <= width  # "1250 wins" measured 61.3 units wide in Chromium


@pytest.mark.parametrize("period", ["week", "month"])
def test_a_life_event_on_the_wins_bars_is_named_in_its_marks_title(period):
    counts = win_counts(ten_days())
    events = ((date("2026-03-03"), "Started <walking> & more"),)
    chart = bar_charts.bar_chart(getattr(counts, period + "s"), "Wins", "w", period=period, events=events)
    (mark,) = marks(parse(chart), "line" if period == "week" else "rect", "event")
    title = mark.find(SVG + "title")  # an element, not its markup escaped into text
    assert title is not None and title.text == "3 March 2026: Started <walking> & more" and not mark.text


def test_a_month_shows_how_many_days_had_each_mood():
    days = [(date("2026-03-01"), 4.0), (date("2026-03-02"), 2.0), (date("2026-03-03"), 4.0), (date("2026-03-04"), None)]
    chart = calendars.mood_count_chart(days, SCALE, "counts")
    root = parse(chart)
    texts = [t.text for t in root.iter(SVG + "text")]
    # One labelled row a level, highest first, each with its count in words, the empty ones too.
    assert texts == ["5 great", "0 days", "4 good", "2 days", "3 okay", "0 days", "2 low", "1 day", "1 awful", "0 days"]
    bars = [(r.get("class"), r.find(SVG + "title").text) for r in marks(root, "rect", "day")]
    assert bars == [("day mood-4", "good: 2 days"), ("day mood-2", "low: 1 day")]  # a bar only where there are days
    assert chart.description == "3 days with a mood: low on 1 day, good on 2 days."
    assert chart.rows == (
        ("5 of 5: great", "0"),
        ("4 of 5: good", "2"),
        ("3 of 5: okay", "0"),
        ("2 of 5: low", "1"),
        ("1 of 5: awful", "0"),
    )


def test_month_calendar_cells_weekdays_and_numbers():
    march = month_summaries(ten_days(), Config())[2026, 3]
    chart = calendars.month_calendar_chart(march.days, SCALE, "cal", previous=("February 2026", 3.5))
    root = parse(chart)
    cells = marks(root, "rect", "day")
    assert len(cells) == 31
    assert len(marks(root, "rect", "empty")) == 22
    texts = [t.text for t in root.iter(SVG + "text")]
    assert texts[:7] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert all(str(day) in texts for day in range(1, 32))
    assert "1.5" in texts  # the mood is written, not only coloured
    assert chart.description == (
        "Each day of March 2026, coloured by mood, with the day's mood written in its square. 9 days with a mood; "
        "the mean is 3.1 on a scale of 1 (awful) to 5 (great). A harder month: mean mood 3.1, from 3.5 in February 2026."
    )
    assert chart.rows[2] == ("3 March 2026", "1.5") and len(chart.rows) == 9


def test_month_calendar_starts_on_the_right_weekday():
    days = tuple((dt.date(2026, 6, d), None) for d in range(1, 31))  # 1 June 2026 is a Monday
    root = parse(calendars.month_calendar_chart(days, SCALE, "june"))
    first, eighth = marks(root, "rect", "day")[0], marks(root, "rect", "day")[7]
    assert first.get("x") == eighth.get("x") and first.get("y") != eighth.get("y")


@pytest.mark.parametrize(("mean", "words"), [(3.9, "A lighter month: mean mood 3.9"), (3.6, "Close to February 2026")])
def test_month_comparisons(mean, words):
    days = ((date("2026-03-01"), mean),)
    assert words in calendars.month_calendar_chart(days, SCALE, "c", previous=("February 2026", 3.5)).description


def test_other_scales_get_their_own_levels():
    scale = MoodScale(low=0, labels=("0", "1", "2", "3", "4", "5", "6"))
    (year,) = year_in_pixels([entry("2026-01-01", 6), entry("2026-01-02", 0)])
    root = parse(calendars.year_pixels_chart(year, scale, "y"))
    assert [d.get("class") for d in marks(root, "rect", "day")[:2]] == ["day mood-7", "day mood-1"]
    assert len(marks(root, "rect", "swatch")) == 8


def test_output_is_deterministic_and_ids_are_checked():
    first = trend_charts.mood_trend_chart(mood_trend(ten_days()), SCALE, "a")
    assert first == trend_charts.mood_trend_chart(mood_trend(ten_days()), SCALE, "a")
    with pytest.raises(ValueError):  # when it is drawn: a chart is drawn when a page shows it
        _ = trend_charts.mood_trend_chart(mood_trend(ten_days()), SCALE, 'x" onload="').svg


def test_the_partial_draws_the_svg_and_a_table_of_its_numbers():
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    chart = bar_charts.bar_chart(win_counts(ten_days()).weeks, "Wins <per> week", "w")
    html = env.get_template("partials/chart.html").render(chart=chart)
    assert str(chart.svg) in html  # not escaped
    assert "<summary>The numbers</summary>" in html and "<caption>Wins &lt;per&gt; week</caption>" in html
    assert html.count('<th scope="col">') == 2 and html.count('<th scope="row">') == 3
    ET.fromstring(html)  # well-formed
    empty = env.get_template("partials/chart.html").render(chart=bar_charts.bar_chart((), "Wins per week", "w"))
    assert "<details>" not in empty and "<svg" in empty


def test_the_progress_page_of_a_long_journal_says_its_mood_chart_is_a_line(tmp_path: Path):
    """Two years of daily entries, built: the page's words about the chart match what it draws."""
    from generator.build import build

    first = dt.date(2024, 1, 1)
    for i in range(730):
        day = first + dt.timedelta(days=i)
        path = tmp_path / "content" / f"{day:%Y}" / f"{day}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\nmood: {2 + i % 3}\n---\nA day.\n", encoding="utf-8")
    build(tmp_path, tmp_path / "site")
    page = (tmp_path / "site/progress/index.html").read_text(encoding="utf-8")
    trend = page[page.index('id="trend-heading"') : page.index("</section>", page.index('id="trend-heading"'))]
    assert (
        "<p>The line is the mean of the last 30 days, so one hard day never reads as the whole story. "
        "Over this many days, a dot for each day would be too small to see.</p>"
    ) in trend
    assert 'class="dot' not in trend and "trend-short" not in trend and "trend-long" in trend
    assert "Line: 30-day mean." in trend


def test_a_journal_longer_than_two_years_gets_its_last_24_months_and_a_bar_a_year(journal, tmp_path):
    """Ten years of months were 121 rows on a phone. An entry a month from January 2024 to
    February 2026, month k (from 0) with k % 3 + 1 wins: 24 in 2024, 24 in 2025, 3 in 2026."""
    import re

    from generator.build import build

    files = {}
    for k in range(26):
        year, month = 2024 + k // 12, k % 12 + 1
        wins = ", ".join(f"win {n}" for n in range(k % 3 + 1))
        files[f"content/{year}-{month:02d}-15.md"] = f"---\nwins: [{wins}]\n---\nA month.\n"
    build(journal(files), tmp_path / "site")
    page = (tmp_path / "site/progress/index.html").read_text(encoding="utf-8")
    section = page[page.index('<section id="wins"') :].split("</section>", 1)[0]
    assert re.findall(r"<h3>([^<]+)</h3>", section) == [
        "Each week, over the last year",
        "Each month, over the last two years",
        "Each year",
    ]
    assert (
        "Wins each month: 48 in all, over 24 months from March 2024 to February 2026. "
        "The most in one month: 3, in December 2025."
    ) in section
    assert "Wins each year: 51 in all, over 3 years from 2024 to 2026. The most in one year: 24, in 2025." in section
