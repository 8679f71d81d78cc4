"""Charts of a trend, day by day: each day a dot, with the rolling short and long lines
(over more than DAYS_WITH_DOTS days, the long line alone).

Mood and each metric are drawn the same way, wide and narrow, with life events marked;
the table beside a chart lists days while there are few, and months beyond.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from generator.dates import MONTHS, month_label
from generator.model import Metric, MoodScale
from generator.palette import STOPS
from generator.progress.charts import (
    NARROW,
    TEXT,
    WIDTH,
    Chart,
    count_words,
    date_words,
    draw_line,
    draw_svg,
    draw_text,
    empty_chart,
    mood_class,
    mood_words,
    one_decimal,
    scale_words,
    when_shown,
)
from generator.progress.trends import Trend, TrendPoint

DAILY_ROWS = 92  # a trend's table lists days up to this many, months beyond
# Over a longer span than this, a phone's drawing has under a pixel for each day: dots and
# the short line are a smear, so both drawings show the long line alone (weeks, not days).
DAYS_WITH_DOTS = 550
Marks = Sequence[tuple[dt.date, str]]  # life events: the day, and what happened


@when_shown
def mood_trend_chart(trend: Trend, scale: MoodScale, id_prefix: str, events: Marks = ()) -> Chart:
    """Each day's mood as a dot, with the rolling short (dashed) and long (solid) lines;
    each life event in the chart's span a thin upright line with its number."""
    title = "Mood, day by day"
    if not trend.points:
        return empty_chart(title, "No moods written down yet.", id_prefix)
    description = f"{_trend_change(trend, '', mood=True)} {count_words(len(trend.points), 'day')} with a mood"

    def dot(point: TrendPoint) -> tuple[str, str]:
        css, fill = mood_class(point.value, scale)
        return f"dot {css}", fill

    def tick(value: float) -> str:
        return f"{one_decimal(value)} {scale.label(int(value))}" if value == int(value) else one_decimal(value)

    return _trend_chart(
        trend,
        (scale.low, scale.high),
        dot,
        lambda v: mood_words(v, scale),
        title,
        description,
        id_prefix,
        tick,
        events,
        dots=f"each a dot {scale_words(scale)}",
    )


@when_shown
def metric_trend_chart(trend: Trend, metric: Metric, id_prefix: str, events: Marks = ()) -> Chart:
    title = f"{metric.label}, day by day"
    if not trend.points:
        return empty_chart(title, f"No {metric.label.lower()} written down yet.", id_prefix)
    values = [p.value for p in trend.points]
    low = metric.low if metric.low is not None else math.floor(min(values))
    high = metric.high if metric.high is not None else math.ceil(max(values))
    unit = f" {metric.unit}" if metric.unit else ""
    description = f"{_trend_change(trend, unit, mood=False)} {count_words(len(values), 'day')} with a value"
    return _trend_chart(
        trend,
        (low, max(high, low + 1)),
        lambda p: ("dot", STOPS[0]),
        lambda v: one_decimal(v) + unit,
        title,
        description,
        id_prefix,
        lambda v: one_decimal(v) + unit,
        events,
    )


def _trend_chart(
    trend: Trend,
    bounds: tuple[float, float],
    dot: Callable[[TrendPoint], tuple[str, str]],
    words: Callable[[float], str],
    title: str,
    description: str,
    id_prefix: str,
    tick: Callable[[float], str],
    events: Marks = (),
    dots: str = "",
) -> Chart:
    """`description` says what the days hold; how they are drawn is added here."""
    days = (trend.points[-1].date - trend.points[0].date).days + 1
    dense = days > DAYS_WITH_DOTS
    long_line = f"{trend.long_days}-day {trend.statistic}"
    if dense:
        description += f"; drawn as the {long_line} alone, with too many days to show each one."
    else:
        description += (f", {dots}" if dots else "") + f"; {_lines_words(trend)}"
    marked = [(day, what) for day, what in events if trend.points[0].date <= day <= trend.points[-1].date]
    if marked:
        description += " Marked: " + "; ".join(f"{n}, {date_words(d)}: {w}" for n, (d, w) in enumerate(marked, 1)) + "."

    def draw(width: int, prefix: str) -> Markup:
        narrow = width < WIDTH
        ticks = _ticks(*bounds)
        left = 10 + max(len(tick(v)) for v in ticks) * 7
        right, top = width - 10, 44 if narrow else 26
        bottom = top + (150 if narrow else 174)
        low, high = bounds
        points, first = trend.points, trend.points[0].date
        span = (points[-1].date - first).days

        def x(day: dt.date) -> float:
            return left + (right - left) * ((day - first).days / span if span else 0.5)

        def y(value: float) -> float:
            return bottom - (bottom - top) * (min(max(value, low), high) - low) / (high - low)

        stat = trend.statistic
        key = [f"Dots: days. Thin line: {trend.short_days}-day {stat}.", f"Thick line: {long_line}."]
        if dense:
            key = [f"Line: {long_line}.", "Too many days to show each one."]
        parts = [
            draw_text(10, 14 + 17 * i, line, size=TEXT) for i, line in enumerate(key if narrow else [" ".join(key)])
        ]
        for value in ticks:
            parts.append(draw_line(left, y(value), right, y(value), "grid"))
            parts.append(draw_text(left - 6, y(value) + 4, tick(value), anchor="end", size=TEXT))
        for day, label in _day_ticks(first, points[-1].date, 3 if narrow else 7):
            parts.append(
                draw_text(min(max(x(day), left + 24), right - 24), bottom + 18, label, anchor="middle", size=TEXT)
            )
        for p in () if dense else points:
            css, fill = dot(p)
            r = 3.5 if narrow else 4
            parts.append(
                f'<circle class="{css}" cx="{one_decimal(x(p.date))}" cy="{one_decimal(y(p.value))}" r="{r}" fill="{fill}"/>'
            )
        lines = [("short", trend.short_days, ' stroke-width="1.5"')] if not dense else []
        lines.append(("long", trend.long_days, ' stroke-width="3.5" stroke-linecap="round"'))
        for line, window, look in lines:
            path, previous = [], None
            for p in points:  # a gap longer than the window starts a new piece of line
                move = "M" if previous is None or (p.date - previous).days > window else "L"
                path.append(f"{move}{one_decimal(x(p.date))} {one_decimal(y(getattr(p, line)))}")
                previous = p.date
            parts.append(
                f'<path class="trend trend-{line}" d="{" ".join(path)}" fill="none" stroke="currentColor"{look}/>'
            )
        for number, (day, what) in enumerate(marked, 1):
            parts.append(
                f'<line class="event" x1="{one_decimal(x(day))}" y1="{top - 6}" x2="{one_decimal(x(day))}" y2="{bottom}" '
                f'stroke="currentColor" stroke-width="1.5" stroke-dasharray="2 2"><title>{escape(date_words(day))}: '
                f"{escape(what)}</title></line>"
            )
            parts.append(draw_text(x(day) + 3, top + 2, str(number), size=TEXT, css="event-number"))
        return draw_svg(prefix, title, description, width, bottom + 28, parts, "trend")

    wide, narrow = draw(WIDTH, id_prefix), draw(NARROW, id_prefix + "-narrow")
    return Chart(wide, title, description, *_trend_table(trend, words), narrow=narrow, each_day=not dense)


def _trend_table(trend: Trend, words: Callable[[float], str]) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    stat, long = trend.statistic, f"{trend.long_days}-day {trend.statistic}"
    if len(trend.points) <= DAILY_ROWS:
        columns = ("Date", trend.label, f"{trend.short_days}-day {stat}", long)
        return columns, tuple(
            (date_words(p.date), words(p.value), one_decimal(p.short), one_decimal(p.long)) for p in trend.points
        )
    months: dict[tuple[int, int], list[TrendPoint]] = {}
    for p in trend.points:
        months.setdefault((p.date.year, p.date.month), []).append(p)
    columns = ("Month", "Days", f"{trend.label}, mean of the days", f"{long} at the month's end")
    return columns, tuple(
        (month_label(*key), str(len(ps)), one_decimal(sum(p.value for p in ps) / len(ps)), one_decimal(ps[-1].long))
        for key, ps in months.items()
    )


def _trend_change(trend: Trend, unit: str, mood: bool) -> str:
    """How the long line moved from the end of the first month to the newest day, in words."""
    points, stat = trend.points, f"{trend.long_days}-day {trend.statistic}"
    opening = (points[0].date.year, points[0].date.month)
    start = next(p for p in reversed(points) if (p.date.year, p.date.month) == opening)
    end = points[-1]
    then, now = month_label(*opening), month_label(end.date.year, end.date.month)
    was, is_ = f"{one_decimal(start.long)}{unit}", f"{one_decimal(end.long)}{unit}"
    if then == now:
        return f"In {now} the {stat} of {trend.label.lower()} was {is_}."
    if not mood:
        return f"{trend.label}: the {stat} went from {was} in {then} to {is_} in {now}."
    if end.long - start.long >= 0.5:
        return f"Mood rose from a {stat} of {was} in {then} to {is_} in {now}."
    if end.long - start.long <= -0.5:
        return f"A harder stretch: the {stat} went from {was} in {then} to {is_} in {now}."
    return f"Mood held around a {stat} of {is_} from {then} to {now}."


def _lines_words(trend: Trend) -> str:
    return f"the lines are {trend.short_days}-day and {trend.long_days}-day {trend.statistic}s."


def _ticks(low: float, high: float) -> list[float]:
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if (high - low) / s <= 6), (high - low) / 4)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step) + 1)]


def _day_ticks(first: dt.date, last: dt.date, most: int) -> list[tuple[dt.date, str]]:
    """Marks along the time axis: first days of months, or within a month or so, days."""
    if (last - first).days > 45:
        return _month_ticks(first, last, most)
    for step in (1, 2, 7, 14, 28):
        days = [first + dt.timedelta(days=n) for n in range(0, (last - first).days + 1, step)]
        if len(days) <= most:
            return [(day, f"{day.day} {MONTHS[day.month - 1][:3]}") for day in days]
    return [(first, f"{first.day} {MONTHS[first.month - 1][:3]}")]


def _month_ticks(first: dt.date, last: dt.date, most: int = 7) -> list[tuple[dt.date, str]]:
    """At most about `most` first-of-the-month marks between two days."""
    months = (last.year - first.year) * 12 + last.month - first.month
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60, 120, 240, 600) if months / s <= most), 1200)
    index = first.year * 12 + first.month - (1 if first.day == 1 else 0)  # months since year 0, from 0
    if step >= 12:
        index = -(-index // 12) * 12  # years start in January
    ticks: list[tuple[dt.date, str]] = []
    while index <= last.year * 12 + last.month - 1:
        day = dt.date(index // 12, index % 12 + 1, 1)
        year = step >= 12 or day.month == 1 or not ticks
        label = str(day.year) if step >= 12 else MONTHS[day.month - 1][:3] + (f" {day.year}" if year else "")
        ticks.append((day, label))
        index += step
    return ticks
