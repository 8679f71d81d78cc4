"""What a chart is, and the SVG pieces, numbers and words every chart is drawn with.

Charts are drawn at build time, as plain functions of numbers: no plotting library. The
charts themselves are in trend_charts.py (day by day), bar_charts.py (wins per week and
month) and calendars.py (days as squares). Every chart is an accessible image (role="img", a <title>, and a <desc> that says in words
what it shows) and carries its numbers as rows for a table. Colours are CSS classes
(`mood-1` is the lowest level) with presentation-attribute defaults, so the theme can set
light and dark values without inline styles. Coordinates are rounded: same input, same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec

from markupsafe import Markup, escape

from generator.dates import month_label
from generator.model import MoodScale
from generator.palette import mood_colour

WIDTH = 640  # the drawing shown from 42rem up, where it is at least this many px wide
NARROW = 340  # the drawing shown on a phone (at least 343 px wide at 375): text stays >= 12 px
TEXT = 12  # the smallest font size in a drawing, in its own units (px at scale 1)
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class Chart:
    svg: Markup
    title: str
    description: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    narrow: Markup | None = None  # the same chart drawn for a phone's width
    each_day: bool = True  # a mark for every day (a trend over years: its long line alone)


Link = Callable[[dt.date], "str | None"]  # a day's page, relative to the page showing the chart
Made = ParamSpec("Made")


def when_shown(make: Callable[Made, Chart]) -> Callable[Made, Chart]:
    """A chart function whose charts are drawn the first time a page shows them.

    Drawing is most of planning a ten-year journal's pages (a few thousand SVGs), and
    a page whose fingerprint did not change since the last build is not drawn at all:
    so a chart is made at once from its inputs, and drawn only when its page is. Its
    fingerprint (`made_from`) is the function and the inputs, which must be plain
    values (numbers, dates, text, tuples, dataclasses of them), never a closure."""

    @functools.wraps(make)
    def later(*args: Made.args, **kwargs: Made.kwargs) -> Chart:
        return LaterChart(make, args, kwargs)

    return later


class LaterChart(Chart):
    """A Chart drawn on first use of any of its fields (see when_shown)."""

    _later: tuple[Callable[..., Chart], tuple, dict[str, Any]]

    def __init__(self, make: Callable[..., Chart], args: tuple, kwargs: dict[str, Any]):
        object.__setattr__(self, "_later", (make, args, kwargs))

    def made_from(self) -> tuple:
        make, args, kwargs = self._later
        return (f"{make.__module__}.{make.__qualname__}", args, sorted(kwargs.items()))

    @functools.cached_property
    def drawn(self) -> Chart:
        make, args, kwargs = self._later
        if _kept is None:
            return make(*args, **kwargs)
        key = hashlib.blake2b(repr(self.made_from()).encode("utf-8", "surrogatepass"), digest_size=16).digest()
        with _keeping:  # serve draws pages for the browser while it plans them again
            chart = _kept.pop(key, None)
        if chart is None:
            chart = make(*args, **kwargs)
        with _keeping:
            _kept[key] = chart  # the most recently used last
            while len(_kept) > _KEEP:
                _kept.popitem(last=False)
        return chart

    svg = property(lambda self: self.drawn.svg)
    title = property(lambda self: self.drawn.title)
    description = property(lambda self: self.drawn.description)
    columns = property(lambda self: self.drawn.columns)
    rows = property(lambda self: self.drawn.rows)
    narrow = property(lambda self: self.drawn.narrow)
    each_day = property(lambda self: self.drawn.each_day)


_KEEP = 1500  # about every chart of a ten-year journal's pages
_kept: OrderedDict[bytes, Chart] | None = None
_keeping = threading.Lock()


def keep_drawn_charts() -> None:
    """From now on, remember charts by what they are drawn from, so that a chart whose
    inputs did not change is not drawn again: for `serve`, which plans every page again
    after each save. A build draws each chart once and has no use for it."""
    global _kept
    if _kept is None:
        _kept = OrderedDict()


# SVG pieces


def draw_svg(
    id_prefix: str,
    title: str,
    description: str,
    width: float,
    height: float,
    parts: list[str],
    kind: str,
    linked: bool = False,
) -> Markup:
    """An image, or with links to days inside it a group (an image's insides are not reachable)."""
    if not _ID.fullmatch(id_prefix):
        raise ValueError(f"a chart's id prefix is letters, digits, - and _ (got {id_prefix!r})")
    t, d = f"{id_prefix}-title", f"{id_prefix}-desc"
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {kind}" role="{"group" if linked else "img"}" aria-labelledby="{t} {d}" '
        f'viewBox="0 0 {one_decimal(width)} {one_decimal(height)}" width="100%">'
        f'<title id="{t}">{escape(title)}</title><desc id="{d}">{escape(description)}</desc>{"".join(parts)}</svg>'
    )


def empty_chart(title: str, description: str, id_prefix: str) -> Chart:
    parts = [draw_text(WIDTH / 2, 34, description, anchor="middle", size=14)]
    return Chart(draw_svg(id_prefix, title, description, WIDTH, 56, parts, "empty"), title, description, (), ())


def draw_cell(
    x: float, y: float, w: float, h: float, mood: float | None, scale: MoodScale, tip: str, kind: str = "day"
) -> str:
    box = f'x="{one_decimal(x)}" y="{one_decimal(y)}" width="{one_decimal(w)}" height="{one_decimal(h)}" rx="2"'
    if mood is None:
        return f'<rect class="{kind} empty" {box} fill="none" stroke="currentColor" stroke-opacity="0.35"/>'
    css, fill = mood_class(mood, scale)
    title = f"<title>{escape(tip)}</title>" if tip else ""
    return f'<rect class="{kind} {css}" {box} fill="{fill}">{title}</rect>'


def draw_text(
    x: float, y: float, words: str, anchor: str = "start", size: int = 12, css: str = "", fill: str = "currentColor"
) -> str:
    klass = f' class="{css}"' if css else ""
    return (
        f'<text{klass} x="{one_decimal(x)}" y="{one_decimal(y)}" font-size="{size}" text-anchor="{anchor}" fill="{fill}">'
        f"{escape(words)}</text>"
    )


def draw_line(x1: float, y1: float, x2: float, y2: float, css: str) -> str:
    return (
        f'<line class="{css}" x1="{one_decimal(x1)}" y1="{one_decimal(y1)}" x2="{one_decimal(x2)}" y2="{one_decimal(y2)}" '
        f'stroke="currentColor" stroke-opacity="{0.6 if css == "axis" else 0.2}"/>'
    )


# Numbers, levels and words


def one_decimal(value: float) -> str:
    """At most 1 decimal: 3 -> "3", 3.25 -> "3.2", -0.04 -> "0". (Formatting rounds as
    round() does; a chart has thousands of numbers, so it is done once.)"""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def mood_level(mood: float, scale: MoodScale) -> int:
    """A day's mean mood as a level of the scale, halves rounding up."""
    return min(max(math.floor(mood + 0.5), scale.low), scale.high)


def mood_class(mood: float, scale: MoodScale) -> tuple[str, str]:
    colour = mood_colour(scale, mood_level(mood, scale))
    return colour.css, colour.fill


def mood_ink(mood: float | None, scale: MoodScale) -> tuple[str, str]:
    if mood is None:
        return "", "currentColor"
    colour = mood_colour(scale, mood_level(mood, scale))
    return colour.ink_css, colour.ink


def mood_words(mood: float, scale: MoodScale) -> str:
    return scale.describe(int(mood)) if mood == int(mood) else one_decimal(mood)


def scale_words(scale: MoodScale) -> str:
    return f"on a scale of {scale.low} ({scale.labels[0]}) to {scale.high} ({scale.labels[-1]})"


def date_words(day: dt.date) -> str:
    return f"{day.day} {month_label(day.year, day.month)}"


def count_words(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
