"""SVG charts drawn at build time, as plain functions of numbers: no plotting library.

Every chart is an accessible image (role="img", a <title>, and a <desc> that says in words
what it shows) and carries its numbers as rows for a table. Colours are CSS classes
(`mood-1` is the lowest level) with presentation-attribute defaults, so the theme can set
light and dark values without inline styles. Coordinates are rounded: same input, same bytes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.dates import MONTHS, month_label
from generator.model import Metric, MoodScale
from generator.palette import STOPS, mood_colour
from generator.progress.insights import (
    PeriodCount,
    Trend,
    TrendPoint,
    YearPixels,
    mean,
)

WIDTH = 640
DAILY_ROWS = 92  # a trend's table lists days up to this many, months beyond
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class Chart:
    svg: Markup
    title: str
    description: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def mood_trend_chart(trend: Trend, scale: MoodScale, id_prefix: str) -> Chart:
    """Each day's mood as a dot, with the rolling short (dashed) and long (solid) lines."""
    title = "Mood, day by day"
    if not trend.points:
        return _empty(title, "No moods written down yet.", id_prefix)
    description = (
        f"{_trend_change(trend, '', mood=True)} {_count(len(trend.points), 'day')} with a mood, "
        f"each a dot {_scale_words(scale)}; {_lines_words(trend)}"
    )

    def dot(point: TrendPoint) -> tuple[str, str]:
        css, fill = _mood_class(point.value, scale)
        return f"dot {css}", fill

    return _trend_chart(
        trend, (scale.low, scale.high), dot, lambda v: _mood_words(v, scale), title, description, id_prefix
    )


def metric_trend_chart(trend: Trend, metric: Metric, id_prefix: str) -> Chart:
    title = f"{metric.label}, day by day"
    if not trend.points:
        return _empty(title, f"No {metric.label.lower()} written down yet.", id_prefix)
    values = [p.value for p in trend.points]
    low = metric.low if metric.low is not None else math.floor(min(values))
    high = metric.high if metric.high is not None else math.ceil(max(values))
    unit = f" {metric.unit}" if metric.unit else ""
    description = (
        f"{_trend_change(trend, unit, mood=False)} {_count(len(values), 'day')} with a value; {_lines_words(trend)}"
    )
    return _trend_chart(
        trend,
        (low, max(high, low + 1)),
        lambda p: ("dot", STOPS[0]),
        lambda v: _num(v) + unit,
        title,
        description,
        id_prefix,
    )


def year_pixels_chart(pixels: YearPixels, scale: MoodScale, id_prefix: str) -> Chart:
    """Twelve rows of days, one square each, coloured by the day's mood; a legend below."""
    cell, left, top = 18, 34, 18
    parts = [_text(left + (d - 1) * cell + 8, 12, str(d), anchor="middle", size=9) for d in (1, 5, 10, 15, 20, 25, 30)]
    parts += [_text(left - 6, top + m * cell + 12, MONTHS[m][:3], anchor="end", size=10) for m in range(12)]
    for day, mood in pixels.days:
        x, y = left + (day.day - 1) * cell, top + (day.month - 1) * cell
        parts.append(_cell(x, y, cell - 2, cell - 2, mood, scale, _tip(day, mood, scale)))
    legend_top = top + 12 * cell + 10
    items = [(f"{scale.low + i} {label}", scale.low + i) for i, label in enumerate(scale.labels)]
    items.append(("no mood", None))
    for i, (label, level) in enumerate(items):
        x, y = left + (i % 6) * 100, legend_top + (i // 6) * 20
        parts += [_cell(x, y, 14, 14, level, scale, "", kind="swatch"), _text(x + 20, y + 11, label, size=11)]
    height = legend_top + math.ceil(len(items) / 6) * 20 + 4

    title = f"{pixels.year} in pixels"
    counts = [0] * len(scale.labels)
    by_month: dict[int, list[float]] = {}
    for day, mood in pixels.days:
        if mood is not None:
            counts[_level(mood, scale) - scale.low] += 1
            by_month.setdefault(day.month, []).append(mood)
    total = sum(counts)
    description = f"Each day of {pixels.year} as a square, coloured by mood. "
    if total:
        spread = ", ".join(f"{label} on {n}" for label, n in zip(scale.labels, counts, strict=True) if n)
        description += f"{_count(total, 'day')} {'has' if total == 1 else 'have'} a mood: {spread}."
    else:
        description += f"No moods written down in {pixels.year} yet."
    rows = tuple((month_label(pixels.year, m), str(len(v)), _num(sum(v) / len(v))) for m, v in sorted(by_month.items()))
    svg = _svg(id_prefix, title, description, WIDTH, height, parts, "year-pixels")
    return Chart(svg, title, description, ("Month", "Days with a mood", "Mean mood"), rows)


def bar_chart(
    counts: Sequence[PeriodCount],
    title: str,
    id_prefix: str,
    period: str = "week",
    noun: tuple[str, str] = ("win", "wins"),
) -> Chart:
    """One bar per period: wins per week (`period="week"`) or per month (`period="month"`)."""
    if not counts:
        return _empty(title, f"No {noun[1]} written down yet.", id_prefix)
    left, right, top, bottom, height = 36, WIDTH - 8, 12, 168, 196
    most = max(c.count for c in counts)
    step = (right - left) / len(counts)
    parts = [
        _line(left, bottom, right, bottom, "axis"),
        _line(left, top, right, top, "grid"),
        _text(left - 6, top + 4, str(max(most, 1)), anchor="end", size=11),
        _text(left - 6, bottom + 4, "0", anchor="end", size=11),
    ]
    for i, c in enumerate(counts):
        h = (bottom - top) * c.count / max(most, 1)
        parts.append(
            f'<rect class="bar" x="{_num(left + (i + 0.1) * step)}" y="{_num(bottom - h)}" '
            f'width="{_num(step * 0.8)}" height="{_num(h)}" fill="currentColor" fill-opacity="0.7">'
            f"<title>{escape(c.label)}: {_count(c.count, *noun)}</title></rect>"
        )
    first, last = counts[0], counts[-1]
    parts.append(_text(left, bottom + 18, _short(first, period), size=11))
    if len(counts) > 1:
        parts.append(_text(right, bottom + 18, _short(last, period), anchor="end", size=11))

    the = "the " if period == "week" else ""  # "the week of 2 March 2026", but "March 2026"
    total = sum(c.count for c in counts)
    description = (
        f"{title}: {total} in all, over {_count(len(counts), period)} from {the}{first.label} to {the}{last.label}."
    )
    if most:
        busiest = max(reversed(counts), key=lambda c: c.count)  # the latest, on a tie
        description += f" The most in one {period}: {most}, in {the}{busiest.label}."
    svg = _svg(id_prefix, title, description, WIDTH, height, parts, "bars")
    rows = tuple((c.label, str(c.count)) for c in counts)
    return Chart(svg, title, description, (period.capitalize(), noun[1].capitalize()), rows)


def month_calendar_chart(
    days: Sequence[tuple[dt.date, float | None]],
    scale: MoodScale,
    id_prefix: str,
    previous: tuple[str, float] | None = None,
) -> Chart:
    """A month as a calendar: weekday headers, each day's number, and its mood written in the square.

    `days` is every day of one month (MonthSummary.days); `previous` is (label, mean mood)
    of an earlier month to compare with, or None.
    """
    first = days[0][0]
    month = month_label(first.year, first.month)
    cell_w, cell_h, left, top = 88, 56, 4, 22
    parts = [_text(left + (i + 0.5) * cell_w, 15, name, anchor="middle", size=12) for i, name in enumerate(WEEKDAYS)]
    offset = first.weekday()
    for day, mood in days:
        slot = offset + day.day - 1
        x, y = left + (slot % 7) * cell_w, top + (slot // 7) * cell_h
        css, fill = _ink(mood, scale)
        parts.append(_cell(x, y, cell_w - 4, cell_h - 4, mood, scale, _tip(day, mood, scale)))
        parts.append(_text(x + 6, y + 17, str(day.day), size=13, css=css, fill=fill))
        if mood is not None:
            parts.append(_text(x + cell_w - 10, y + cell_h - 10, _num(mood), anchor="end", size=11, css=css, fill=fill))
    height = top + math.ceil((offset + len(days)) / 7) * cell_h + 2

    moods = [mood for _, mood in days if mood is not None]
    average = mean(moods)
    if average is None:
        description = f"Each day of {month}. No moods written down this month."
    else:
        description = (
            f"Each day of {month}, coloured by mood, with the day's mood written in its square. "
            f"{_count(len(moods), 'day')} with a mood; the mean is {_num(average)} {_scale_words(scale)}."
        )
        if previous is not None:
            description += " " + _compare_month(average, *previous)
    rows = tuple((_date(day), _mood_words(mood, scale)) for day, mood in days if mood is not None)
    svg = _svg(id_prefix, f"{month}, day by day", description, 7 * cell_w + 2 * left, height, parts, "month-calendar")
    return Chart(svg, f"{month}, day by day", description, ("Date", "Mood"), rows)


# Trends


def _trend_chart(
    trend: Trend,
    bounds: tuple[float, float],
    dot: Callable[[TrendPoint], tuple[str, str]],
    words: Callable[[float], str],
    title: str,
    description: str,
    id_prefix: str,
) -> Chart:
    left, right, top, bottom, height = 40, WIDTH - 10, 26, 200, 228
    low, high = bounds
    points, first = trend.points, trend.points[0].date
    span = (points[-1].date - first).days

    def x(day: dt.date) -> float:
        return left + (right - left) * ((day - first).days / span if span else 0.5)

    def y(value: float) -> float:
        return bottom - (bottom - top) * (min(max(value, low), high) - low) / (high - low)

    stat = trend.statistic
    parts = [
        _text(
            left,
            12,
            f"Dots: days. Dashed: {trend.short_days}-day {stat}. Solid: {trend.long_days}-day {stat}.",
            size=11,
        )
    ]
    for value in _ticks(low, high):
        parts.append(_line(left, y(value), right, y(value), "grid"))
        parts.append(_text(left - 6, y(value) + 4, _num(value), anchor="end", size=11))
    for day, label in _month_ticks(first, points[-1].date):
        parts.append(_text(x(day), bottom + 18, label, anchor="middle", size=11))
    for p in points:
        css, fill = dot(p)
        parts.append(f'<circle class="{css}" cx="{_num(x(p.date))}" cy="{_num(y(p.value))}" r="3" fill="{fill}"/>')
    for line, days, look in (
        ("short", trend.short_days, ' stroke-width="2" stroke-dasharray="5 4"'),
        ("long", trend.long_days, ' stroke-width="3"'),
    ):
        path, previous = [], None
        for p in points:  # a gap longer than the window starts a new piece of line
            move = "M" if previous is None or (p.date - previous).days > days else "L"
            path.append(f"{move}{_num(x(p.date))} {_num(y(getattr(p, line)))}")
            previous = p.date
        parts.append(f'<path class="trend trend-{line}" d="{" ".join(path)}" fill="none" stroke="currentColor"{look}/>')
    svg = _svg(id_prefix, title, description, WIDTH, height, parts, "trend")
    return Chart(svg, title, description, *_trend_table(trend, words))


def _trend_table(trend: Trend, words: Callable[[float], str]) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    stat, long = trend.statistic, f"{trend.long_days}-day {trend.statistic}"
    if len(trend.points) <= DAILY_ROWS:
        columns = ("Date", trend.label, f"{trend.short_days}-day {stat}", long)
        return columns, tuple((_date(p.date), words(p.value), _num(p.short), _num(p.long)) for p in trend.points)
    months: dict[tuple[int, int], list[TrendPoint]] = {}
    for p in trend.points:
        months.setdefault((p.date.year, p.date.month), []).append(p)
    columns = ("Month", "Days", f"{trend.label}, mean of the days", f"{long} at the month's end")
    return columns, tuple(
        (month_label(*key), str(len(ps)), _num(sum(p.value for p in ps) / len(ps)), _num(ps[-1].long))
        for key, ps in months.items()
    )


def _trend_change(trend: Trend, unit: str, mood: bool) -> str:
    """How the long line moved from the end of the first month to the newest day, in words."""
    points, stat = trend.points, f"{trend.long_days}-day {trend.statistic}"
    opening = (points[0].date.year, points[0].date.month)
    start = next(p for p in reversed(points) if (p.date.year, p.date.month) == opening)
    end = points[-1]
    then, now = month_label(*opening), month_label(end.date.year, end.date.month)
    was, is_ = f"{_num(start.long)}{unit}", f"{_num(end.long)}{unit}"
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


def _compare_month(average: float, label: str, before: float) -> str:
    if average <= before - 0.3:
        return f"A harder month: mean mood {_num(average)}, from {_num(before)} in {label}."
    if average >= before + 0.3:
        return f"A lighter month: mean mood {_num(average)}, from {_num(before)} in {label}."
    return f"Close to {label}, when the mean was {_num(before)}."


# SVG pieces


def _svg(
    id_prefix: str, title: str, description: str, width: float, height: float, parts: list[str], kind: str
) -> Markup:
    if not _ID.fullmatch(id_prefix):
        raise ValueError(f"a chart's id prefix is letters, digits, - and _ (got {id_prefix!r})")
    t, d = f"{id_prefix}-title", f"{id_prefix}-desc"
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {kind}" role="img" aria-labelledby="{t} {d}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" width="100%">'
        f'<title id="{t}">{escape(title)}</title><desc id="{d}">{escape(description)}</desc>{"".join(parts)}</svg>'
    )


def _empty(title: str, description: str, id_prefix: str) -> Chart:
    parts = [_text(WIDTH / 2, 34, description, anchor="middle", size=14)]
    return Chart(_svg(id_prefix, title, description, WIDTH, 56, parts, "empty"), title, description, (), ())


def _cell(
    x: float, y: float, w: float, h: float, mood: float | None, scale: MoodScale, tip: str, kind: str = "day"
) -> str:
    box = f'x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" rx="2"'
    if mood is None:
        return f'<rect class="{kind} empty" {box} fill="none" stroke="currentColor" stroke-opacity="0.35"/>'
    css, fill = _mood_class(mood, scale)
    title = f"<title>{escape(tip)}</title>" if tip else ""
    return f'<rect class="{kind} {css}" {box} fill="{fill}">{title}</rect>'


def _text(
    x: float, y: float, words: str, anchor: str = "start", size: int = 12, css: str = "", fill: str = "currentColor"
) -> str:
    klass = f' class="{css}"' if css else ""
    return (
        f'<text{klass} x="{_num(x)}" y="{_num(y)}" font-size="{size}" text-anchor="{anchor}" fill="{fill}">'
        f"{escape(words)}</text>"
    )


def _line(x1: float, y1: float, x2: float, y2: float, css: str) -> str:
    return (
        f'<line class="{css}" x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
        f'stroke="currentColor" stroke-opacity="{0.6 if css == "axis" else 0.2}"/>'
    )


def _ticks(low: float, high: float) -> list[float]:
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if (high - low) / s <= 6), (high - low) / 4)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step) + 1)]


def _month_ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """At most about eight first-of-the-month marks between two days."""
    months = (last.year - first.year) * 12 + last.month - first.month
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60, 120, 240, 600) if months / s <= 7), 1200)
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


# Numbers, levels and words


def _num(value: float) -> str:
    """At most 1 decimal: 3 -> "3", 3.25 -> "3.2", -0.04 -> "0"."""
    text = f"{round(value, 1) + 0.0:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _level(mood: float, scale: MoodScale) -> int:
    """A day's mean mood as a level of the scale, halves rounding up."""
    return min(max(math.floor(mood + 0.5), scale.low), scale.high)


def _mood_class(mood: float, scale: MoodScale) -> tuple[str, str]:
    colour = mood_colour(scale, _level(mood, scale))
    return colour.css, colour.fill


def _ink(mood: float | None, scale: MoodScale) -> tuple[str, str]:
    if mood is None:
        return "", "currentColor"
    colour = mood_colour(scale, _level(mood, scale))
    return colour.ink_css, colour.ink


def _mood_words(mood: float, scale: MoodScale) -> str:
    return scale.describe(int(mood)) if mood == int(mood) else _num(mood)


def _scale_words(scale: MoodScale) -> str:
    return f"on a scale of {scale.low} ({scale.labels[0]}) to {scale.high} ({scale.labels[-1]})"


def _tip(day: dt.date, mood: float | None, scale: MoodScale) -> str:
    return f"{_date(day)}: {_mood_words(mood, scale)}" if mood is not None else ""


def _date(day: dt.date) -> str:
    return f"{day.day} {month_label(day.year, day.month)}"


def _short(count: PeriodCount, period: str) -> str:
    start = count.start
    day = f"{start.day} " if period == "week" else ""
    return f"{day}{MONTHS[start.month - 1][:3]} {start.year}"


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
