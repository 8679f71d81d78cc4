"""Bar charts of counts: wins per week as upright bars, per month as labelled rows."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import escape

from generator.dates import MONTHS
from generator.progress.charts import (
    NARROW,
    TEXT,
    WIDTH,
    Chart,
    count_words,
    draw_line,
    draw_svg,
    draw_text,
    empty_chart,
    one_decimal,
    when_shown,
)
from generator.progress.wins import PeriodCount


@when_shown
def bar_chart(
    counts: Sequence[PeriodCount],
    title: str,
    id_prefix: str,
    period: str = "week",
    noun: tuple[str, str] = ("win", "wins"),
) -> Chart:
    """Wins per week (`period="week"`): one upright bar a week; per month: one labelled row a month."""
    if not counts:
        return empty_chart(title, f"No {noun[1]} written down yet.", id_prefix)
    most = max(c.count for c in counts)
    draw = _month_bars if period == "month" else _week_bars
    wide = draw(counts, WIDTH, most, noun, title, id_prefix)
    narrow = draw(counts, NARROW, most, noun, title, id_prefix + "-narrow")

    first, last = counts[0], counts[-1]
    the = "the " if period == "week" else ""  # "the week of 2 March 2026", but "March 2026"
    total = sum(c.count for c in counts)
    description = f"{title}: {total} in all, over {count_words(len(counts), period)} from {the}{first.label} to {the}{last.label}."
    if most:
        busiest = max(reversed(counts), key=lambda c: c.count)  # the latest, on a tie
        description += f" The most in one {period}: {most}, in {the}{busiest.label}."
    svg_wide = draw_svg(id_prefix, title, description, *wide)
    svg_narrow = draw_svg(id_prefix + "-narrow", title, description, *narrow)
    rows = tuple((c.label, str(c.count)) for c in counts)
    return Chart(svg_wide, title, description, (period.capitalize(), noun[1].capitalize()), rows, narrow=svg_narrow)


def _week_bars(
    counts: Sequence[PeriodCount], width: int, most: int, noun: tuple[str, str], title: str, prefix: str
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
    parts.append(draw_text(left, bottom + 18, _short(counts[0], "week"), size=TEXT))
    if len(counts) > 1:
        parts.append(draw_text(right, bottom + 18, _short(counts[-1], "week"), anchor="end", size=TEXT))
    return width, bottom + 28, parts, "bars"


def _month_bars(
    counts: Sequence[PeriodCount], width: int, most: int, noun: tuple[str, str], title: str, prefix: str
) -> tuple[int, int, list[str], str]:
    """One row a month, newest last: its name, a bar, and its count written beside it."""
    row, left, top = 24, 78, 4
    right = width - 60
    parts = []
    for i, c in enumerate(counts):
        y = top + i * row
        w = (right - left) * c.count / max(most, 1)
        parts.append(draw_text(left - 8, y + 16, _short(c, "month"), anchor="end", size=TEXT))
        parts.append(
            f'<rect class="bar" x="{left}" y="{one_decimal(y + 3)}" width="{one_decimal(w)}" height="{row - 6}" '
            f'fill="currentColor" fill-opacity="0.7"><title>{escape(c.label)}: {count_words(c.count, *noun)}</title></rect>'
        )
        parts.append(draw_text(left + w + 6, y + 16, count_words(c.count, *noun), size=TEXT))
    return width, top + len(counts) * row + 4, parts, "bars month-bars"


def _short(count: PeriodCount, period: str) -> str:
    start = count.start
    day = f"{start.day} " if period == "week" else ""
    return f"{day}{MONTHS[start.month - 1][:3]} {start.year}"
