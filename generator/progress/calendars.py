"""Charts of days: the year in pixels, a month as a calendar, and how many days had each mood.

Each is drawn twice, wide and narrow (charts.WIDTH, charts.NARROW), so that its words stay
at 12 px or more on a phone; a day with an entry links to it when a `link` is given.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from markupsafe import Markup, escape

from generator.dates import MONTHS, month_label
from generator.model import MoodScale
from generator.progress.charts import (
    NARROW,
    TEXT,
    WIDTH,
    Chart,
    Link,
    count_words,
    date_words,
    draw_cell,
    draw_svg,
    draw_text,
    mood_ink,
    mood_level,
    mood_words,
    one_decimal,
    scale_words,
    when_shown,
)
from generator.progress.days import YearPixels
from generator.progress.measures import mean
from generator.progress.trend_charts import Marks

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@when_shown
def year_pixels_chart(
    pixels: YearPixels, scale: MoodScale, id_prefix: str, link: Link | None = None, events: Marks = ()
) -> Chart:
    """Twelve rows of days, one square each, coloured by the day's mood; a legend below.
    Each of `events` in the year outlines its day's square, and the description names it."""
    title = f"{pixels.year} in pixels"
    counts = [0] * len(scale.labels)
    by_month: dict[int, list[float]] = {}
    for day, mood in pixels.days:
        if mood is not None:
            counts[mood_level(mood, scale) - scale.low] += 1
            by_month.setdefault(day.month, []).append(mood)
    total = sum(counts)
    description = f"Each day of {pixels.year} as a square, coloured by mood. "
    if total:
        spread = ", ".join(f"{label} on {n}" for label, n in zip(scale.labels, counts, strict=True) if n)
        description += f"{count_words(total, 'day')} {'has' if total == 1 else 'have'} a mood: {spread}."
    else:
        description += f"No moods written down in {pixels.year} yet."
    marked = [(day, what) for day, what in events if day.year == pixels.year]
    if marked:
        description += " Outlined for a life event: " + "; ".join(f"{date_words(d)}: {w}" for d, w in marked) + "."

    def draw(width: int, prefix: str) -> Markup:
        narrow = width < WIDTH
        left, top = 36, 20
        cell = (width - left - 4) / 31
        row = 16 if narrow else cell
        labels = (1, 10, 20, 31) if narrow else (1, 5, 10, 15, 20, 25, 31)
        parts = [draw_text(left + (d - 0.5) * cell, 14, str(d), anchor="middle", size=TEXT) for d in labels]
        parts += [
            draw_text(left - 6, top + m * row + row / 2 + 4, MONTHS[m][:3], anchor="end", size=TEXT) for m in range(12)
        ]
        for day, mood in pixels.days:
            x, y = left + (day.day - 1) * cell, top + (day.month - 1) * row
            square = draw_cell(x, y, cell - 2, row - 2, mood, scale, _tip(day, mood, scale))
            parts.append(_linked(square, link(day) if link else None, _tip(day, mood, scale) or date_words(day)))
        for day, what in marked:
            x, y = left + (day.day - 1) * cell, top + (day.month - 1) * row
            parts.append(
                f'<rect class="event" x="{one_decimal(x - 1)}" y="{one_decimal(y - 1)}" width="{one_decimal(cell)}" '
                f'height="{one_decimal(row)}" fill="none" stroke="currentColor" stroke-width="1.5">'
                f"<title>{escape(date_words(day))}: {escape(what)}</title></rect>"
            )
        legend_top, columns = top + 12 * row + 12, 3 if narrow else 6
        items: list[tuple[str, int | None]] = [
            (f"{scale.low + i} {label}", scale.low + i) for i, label in enumerate(scale.labels)
        ]
        items.append(("no mood", None))
        spacing = (width - left) / columns
        for i, (label, level) in enumerate(items):
            x, y = left + (i % columns) * spacing, legend_top + (i // columns) * 22
            parts += [
                draw_cell(x, y, 14, 14, level, scale, "", kind="swatch"),
                draw_text(x + 20, y + 12, label, size=TEXT),
            ]
        height = legend_top + math.ceil(len(items) / columns) * 22 + 4
        return draw_svg(prefix, title, description, width, height, parts, "year-pixels", linked=link is not None)

    rows = tuple(
        (month_label(pixels.year, m), str(len(v)), one_decimal(sum(v) / len(v))) for m, v in sorted(by_month.items())
    )
    columns = ("Month", "Days with a mood", "Mean mood")
    return Chart(draw(WIDTH, id_prefix), title, description, columns, rows, narrow=draw(NARROW, id_prefix + "-narrow"))


@when_shown
def month_calendar_chart(
    days: Sequence[tuple[dt.date, float | None]],
    scale: MoodScale,
    id_prefix: str,
    previous: tuple[str, float] | None = None,
    link: Link | None = None,
    events: Marks = (),
) -> Chart:
    """A month as a calendar: weekday headers, each day's number, and its mood written in the square.

    `days` is every day of one month (MonthSummary.days); `previous` is (label, mean mood)
    of an earlier month to compare with, or None; each of `events` outlines its day's square
    and is numbered there, and the description says what each number marks.
    """
    first = days[0][0]
    month = month_label(first.year, first.month)
    offset = first.weekday()
    moods = [mood for _, mood in days if mood is not None]
    average = mean(moods)
    if average is None:
        description = f"Each day of {month}. No moods written down this month."
    else:
        description = (
            f"Each day of {month}, coloured by mood, with the day's mood written in its square. "
            f"{count_words(len(moods), 'day')} with a mood; the mean is {one_decimal(average)} {scale_words(scale)}."
        )
        if previous is not None:
            description += " " + _compare_month(average, *previous)
    mood_on = dict(days)
    marked = [(day, what) for day, what in events if day in mood_on]
    if marked:
        description += " Marked: " + "; ".join(f"{n}, {date_words(d)}: {w}" for n, (d, w) in enumerate(marked, 1)) + "."

    def draw(width: int, prefix: str) -> Markup:
        left, top = 2, 22
        cell_w = (width - 2 * left) / 7
        cell_h = 44 if width < WIDTH else 56
        parts = [
            draw_text(left + (i + 0.5) * cell_w, 15, name, anchor="middle", size=TEXT)
            for i, name in enumerate(WEEKDAYS)
        ]
        numbers = []  # drawn over the squares; each square's link or title says the same in words
        for day, mood in days:
            slot = offset + day.day - 1
            x, y = left + (slot % 7) * cell_w, top + (slot // 7) * cell_h
            css, fill = mood_ink(mood, scale)
            square = draw_cell(x, y, cell_w - 4, cell_h - 4, mood, scale, _tip(day, mood, scale))
            parts.append(_linked(square, link(day) if link else None, _tip(day, mood, scale) or date_words(day)))
            numbers.append(draw_text(x + 5, y + 16, str(day.day), size=13, css=css, fill=fill))
            if mood is not None:
                numbers.append(
                    draw_text(
                        x + cell_w - 9, y + cell_h - 10, one_decimal(mood), anchor="end", size=TEXT, css=css, fill=fill
                    )
                )
        for number, (day, what) in enumerate(marked, 1):
            slot = offset + day.day - 1
            x, y = left + (slot % 7) * cell_w, top + (slot // 7) * cell_h
            parts.append(
                f'<rect class="event" x="{one_decimal(x - 1)}" y="{one_decimal(y - 1)}" width="{one_decimal(cell_w - 2)}" '
                f'height="{cell_h - 2}" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="4 3">'
                f"<title>{escape(date_words(day))}: {escape(what)}</title></rect>"
            )
            css, fill = mood_ink(mood_on[day], scale)
            numbers.append(draw_text(x + cell_w - 9, y + 16, str(number), anchor="end", size=TEXT, css=css, fill=fill))
        parts.append(f'<g class="numbers" aria-hidden="true">{"".join(numbers)}</g>')
        height = top + math.ceil((offset + len(days)) / 7) * cell_h + 2
        return draw_svg(
            prefix, f"{month}, day by day", description, width, height, parts, "month-calendar", linked=link is not None
        )

    rows = tuple((date_words(day), mood_words(mood, scale)) for day, mood in days if mood is not None)
    wide, narrow = draw(7 * 88 + 4, id_prefix), draw(NARROW, id_prefix + "-narrow")
    return Chart(wide, f"{month}, day by day", description, ("Date", "Mood"), rows, narrow=narrow)


@when_shown
def mood_count_chart(days: Sequence[tuple[dt.date, float | None]], scale: MoodScale, id_prefix: str) -> Chart:
    """How many days of a span had each level of mood: one labelled row a level, highest first."""
    title = "Days at each mood"
    counts = [0] * len(scale.labels)
    for _, mood in days:
        if mood is not None:
            counts[mood_level(mood, scale) - scale.low] += 1
    total = sum(counts)
    spread = ", ".join(f"{label} on {n}" for label, n in zip(scale.labels, counts, strict=True) if n)
    description = f"{count_words(total, 'day')} with a mood: {spread}." if total else "No moods written down yet."
    levels = list(range(scale.high, scale.low - 1, -1))

    def draw(width: int, prefix: str) -> Markup:
        row, left, right = 26, 12 + max(len(f"{v} {scale.label(v)}") for v in levels) * 7, width - 64
        parts = []
        for i, level in enumerate(levels):
            y, n = 4 + i * row, counts[level - scale.low]
            w = max((right - left) * n / max(max(counts), 1), 0)
            parts.append(draw_text(left - 8, y + 17, f"{level} {scale.label(level)}", anchor="end", size=TEXT))
            if n:
                parts.append(
                    draw_cell(left, y + 3, w, row - 6, level, scale, f"{scale.label(level)}: {count_words(n, 'day')}")
                )
            parts.append(draw_text(left + w + 6, y + 17, count_words(n, "day"), size=TEXT))
        return draw_svg(prefix, title, description, width, 8 + len(levels) * row, parts, "mood-counts")

    rows = tuple((scale.describe(v), str(counts[v - scale.low])) for v in levels)
    return Chart(
        draw(WIDTH, id_prefix), title, description, ("Mood", "Days"), rows, narrow=draw(NARROW, id_prefix + "-narrow")
    )


def _linked(marks: str, href: str | None, words: str) -> str:
    """Marks wrapped in a link to the day's page, or as they are when the day has none."""
    if not href:
        return marks
    return f'<a href="{escape(href)}" aria-label="{escape(words)}">{marks}</a>'


def _tip(day: dt.date, mood: float | None, scale: MoodScale) -> str:
    return f"{date_words(day)}: {mood_words(mood, scale)}" if mood is not None else ""


def _compare_month(average: float, label: str, before: float) -> str:
    if average <= before - 0.3:
        return f"A harder month: mean mood {one_decimal(average)}, from {one_decimal(before)} in {label}."
    if average >= before + 0.3:
        return f"A lighter month: mean mood {one_decimal(average)}, from {one_decimal(before)} in {label}."
    return f"Close to {label}, when the mean was {one_decimal(before)}."
