"""Bar charts of counts: wins per week as upright bars, per month or year as labelled rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial

from markupsafe import escape

from generator.dates import MONTHS
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
    one_decimal,
    when_shown,
)
from generator.progress.trend_charts import Marks
from generator.progress.wins import PeriodCount

Marked = Sequence[tuple[int, int, dt.date, str]]  # (mark's number, bar's index, day, what happened)


@when_shown
def bar_chart(
    counts: Sequence[PeriodCount],
    title: str,
    id_prefix: str,
    period: str = "week",
    noun: tuple[str, str] = ("win", "wins"),
    events: Marks = (),
) -> Chart:
    """Wins per week (`period="week"`): one upright bar a week; per month or year: one labelled
    row each. Each of `events` is marked, numbered, on the bar of its week, month or year."""
    if not counts:
        return empty_chart(title, f"No {noun[1]} written down yet.", id_prefix)
    most = max(c.count for c in counts)
    marked = _marked(counts, period, events)
    draw = _week_bars if period == "week" else partial(_row_bars, period=period)
    wide = draw(counts, WIDTH, most, noun, marked)
    narrow = draw(counts, NARROW, most, noun, marked)

    first, last = counts[0], counts[-1]
    the = "the " if period == "week" else ""  # "the week of 2 March 2026", but "March 2026"
    total = sum(c.count for c in counts)
    description = f"{title}: {total} in all, over {count_words(len(counts), period)} from {the}{first.label} to {the}{last.label}."
    if most:
        busiest = max(reversed(counts), key=lambda c: c.count)  # the latest, on a tie
        description += f" The most in one {period}: {most}, in {the}{busiest.label}."
    if marked:
        description += " Marked: " + "; ".join(f"{n}, {date_words(d)}: {w}" for n, _, d, w in marked) + "."
    svg_wide = draw_svg(id_prefix, title, description, *wide)
    svg_narrow = draw_svg(id_prefix + "-narrow", title, description, *narrow)
    rows = tuple((c.label, str(c.count)) for c in counts)
    return Chart(svg_wide, title, description, (period.capitalize(), noun[1].capitalize()), rows, narrow=svg_narrow)


def _marked(counts: Sequence[PeriodCount], period: str, events: Marks) -> Marked:
    """Each event that falls in a bar's week, month or year, numbered in order."""

    def holds(c: PeriodCount, day: dt.date) -> bool:
        if period == "year":
            return c.start.year == day.year
        if period == "month":
            return (c.start.year, c.start.month) == (day.year, day.month)
        return c.start <= day < c.start + dt.timedelta(days=7)

    found = [(i, day, what) for day, what in events for i, c in enumerate(counts) if holds(c, day)]
    return [(n, i, day, what) for n, (i, day, what) in enumerate(found, 1)]


def _by_bar(marked: Marked) -> dict[int, tuple[str, str]]:
    """For each marked bar: its marks' numbers ("2, 3") and their title, so that two
    events in one week or month share one mark."""
    bars: dict[int, list[tuple[int, dt.date, str]]] = {}
    for number, i, day, what in marked:
        bars.setdefault(i, []).append((number, day, what))
    return {
        i: (
            ", ".join(str(n) for n, _, _ in items),
            # One f-string: "<title>" + a Markup would escape the tags themselves.
            f"<title>{escape('; '.join(f'{date_words(d)}: {w}' for _, d, w in items))}</title>",
        )
        for i, items in bars.items()
    }


def _week_bars(
    counts: Sequence[PeriodCount], width: int, most: int, noun: tuple[str, str], marked: Marked
) -> tuple[int, int, list[str], str]:
    left, right, top, bottom = 36, width - 8, 12, 150 if width < WIDTH else 168
    step = (right - left) / len(counts)
    parts = [
        draw_line(left, bottom, right, bottom, "axis"),
        draw_line(left, top, right, top, "grid"),
        draw_text(left - 6, top + 4, str(max(most, 1)), anchor="end", size=TEXT),
        draw_text(left - 6, bottom + 4, "0", anchor="end", size=TEXT),
    ]
    bar = min(step * 0.8, 24)  # a few weeks are a few slim bars, not slabs
    for i, c in enumerate(counts):
        h = (bottom - top) * c.count / max(most, 1)
        parts.append(
            f'<rect class="bar" x="{one_decimal(left + (i + 0.5) * step - bar / 2)}" y="{one_decimal(bottom - h)}" '
            f'width="{one_decimal(bar)}" height="{one_decimal(h)}" fill="currentColor" fill-opacity="0.7">'
            f"<title>{escape(c.label)}: {count_words(c.count, *noun)}</title></rect>"
        )
    for i, (numbers, tip) in _by_bar(marked).items():
        x = one_decimal(left + (i + 0.5) * step)
        parts.append(
            f'<line class="event" x1="{x}" y1="{top - 8}" x2="{x}" y2="{bottom}" stroke="currentColor" '
            f'stroke-width="1.5" stroke-dasharray="2 2">{tip}</line>'
        )
        parts.append(draw_text(left + (i + 0.5) * step + 3, top + 2, numbers, size=TEXT, css="event-number"))
    parts.append(draw_text(left, bottom + 18, _short(counts[0], "week"), size=TEXT))
    if len(counts) > 1:
        parts.append(draw_text(right, bottom + 18, _short(counts[-1], "week"), anchor="end", size=TEXT))
    return width, bottom + 28, parts, "bars"


def _row_bars(
    counts: Sequence[PeriodCount], width: int, most: int, noun: tuple[str, str], marked: Marked, period: str
) -> tuple[int, int, list[str], str]:
    """One row a month or year, newest last: its name, a bar, and its count written beside it."""
    row, left, top = 24, 78, 4
    room = max(60, 6 + 7 * len(count_words(most, *noun)))  # for the count: a year's can be "1250 wins"
    right = width - room - (36 if marked else 0)  # and for the numbers of marks
    parts = []
    for i, c in enumerate(counts):
        y = top + i * row
        w = (right - left) * c.count / max(most, 1)
        parts.append(draw_text(left - 8, y + 16, _short(c, period), anchor="end", size=TEXT))
        parts.append(
            f'<rect class="bar" x="{left}" y="{one_decimal(y + 3)}" width="{one_decimal(w)}" height="{row - 6}" '
            f'fill="currentColor" fill-opacity="0.7"><title>{escape(c.label)}: {count_words(c.count, *noun)}</title></rect>'
        )
        parts.append(draw_text(left + w + 6, y + 16, count_words(c.count, *noun), size=TEXT))
    for i, (numbers, tip) in _by_bar(marked).items():
        y = top + i * row
        parts.append(
            f'<rect class="event" x="2" y="{one_decimal(y + 1)}" width="{width - 4}" height="{row - 2}" fill="none" '
            f'stroke="currentColor" stroke-width="1.5" stroke-dasharray="4 3">{tip}</rect>'
        )
        parts.append(draw_text(width - 8, y + 16, numbers, anchor="end", size=TEXT, css="event-number"))
    return width, top + len(counts) * row + 4, parts, "bars month-bars"


def _short(count: PeriodCount, period: str) -> str:
    start = count.start
    if period == "year":
        return str(start.year)
    day = f"{start.day} " if period == "week" else ""
    return f"{day}{MONTHS[start.month - 1][:3]} {start.year}"
