"""Mood colours: the one place they come from, for a scale of any length.

Five stops of a colour-blind-safe sequence (blue to yellow, like cividis) are
stretched over the configured levels, so lightness rises with every level and
neighbours stay apart for every kind of colour vision. Charts draw with these
colours and the stylesheet `static/moods.css` is written from them, so a badge, a
calendar square and a year-in-pixels day of the same level always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from generator.model import MoodScale

STOPS = ("#3b4f8a", "#6b6f8f", "#a39b86", "#d6b45b", "#f4d03f")  # lowest to highest
# A scale longer than five levels runs further at both ends, so eleven levels still differ by
# about 5 in lightness, neighbour to neighbour, and by 7 or more in colour for every kind of
# colour vision (blue-yellow included), where the five stops alone give 3.7.
LONG_STOPS = ("#1d2b66", "#4a5488", "#807d84", "#b5a06b", "#e0bd4a", "#fae88e")
INKS = ("#ffffff", "#1c1a16")  # text on a level: light on the darker ones, dark on the lighter
READABLE = 4.5  # contrast text needs on its level (WCAG AA)


@dataclass(frozen=True)
class MoodColour:
    level: int  # the mood, on the scale
    css: str  # class name: mood-1 is the lowest level of any scale
    fill: str
    ink: str  # text colour with the better contrast on `fill`

    @property
    def ink_css(self) -> str:
        return self.css.replace("mood-", "mood-ink-")


def mood_colours(scale: MoodScale) -> tuple[MoodColour, ...]:
    """One colour per level, lowest first."""
    return _colours(scale.low, len(scale.labels))


# Charts ask for a colour per day drawn (tens of thousands in a ten-year journal), and
# working out contrasts costs far more than the drawing: each scale's colours are made once.
@lru_cache(maxsize=16)
def _colours(low: int, levels: int) -> tuple[MoodColour, ...]:
    colours = []
    stops = STOPS if levels <= len(STOPS) else LONG_STOPS
    for index in range(levels):
        fill = _between(index / (levels - 1), stops)
        ink = _most_readable(INKS, fill)
        if _contrast(ink, fill) < READABLE:  # a middle grey on a long scale: black reads on it
            ink = _most_readable((*INKS, "#000000"), fill)
        colours.append(MoodColour(low + index, f"mood-{index + 1}", fill, ink))
    return tuple(colours)


def mood_colour(scale: MoodScale, level: int) -> MoodColour:
    return mood_colours(scale)[min(max(level, scale.low), scale.high) - scale.low]


def mood_css(scale: MoodScale) -> str:
    """The stylesheet for the scale's levels: badges, and shapes and text in charts."""
    colours = mood_colours(scale)
    lines = [":root {"]  # no comment: in an encrypted site this file stays readable, so it says nothing more
    for c in colours:
        lines.append(f"  --{c.css}: {c.fill};")
        lines.append(f"  --{c.ink_css}: {c.ink};")
    lines.append("}")
    for c in colours:
        lines.append(f".{c.css} {{ background: var(--{c.css}); color: var(--{c.ink_css}); }}")
    for c in colours:
        lines.append(f"svg .{c.css} {{ fill: var(--{c.css}); }}")
    for c in colours:
        lines.append(f"svg text.{c.ink_css} {{ fill: var(--{c.ink_css}); }}")
    return "\n".join(lines) + "\n"


def _most_readable(inks: tuple[str, ...], fill: str) -> str:
    return max(inks, key=lambda ink: _contrast(ink, fill))


def _between(position: float, stops: tuple[str, ...]) -> str:
    """The colour at `position` (0 to 1) along the stops."""
    scaled = position * (len(stops) - 1)
    step = min(int(scaled), len(stops) - 2)
    part = scaled - step
    a, b = _rgb(stops[step]), _rgb(stops[step + 1])
    return "#" + "".join(f"{round(x + (y - x) * part):02x}" for x, y in zip(a, b, strict=True))


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
