"""Mood colours for any scale: one per level, the same in the stylesheet and in the charts."""

from __future__ import annotations

import itertools
import math
import re

import pytest

from generator.model import MoodScale
from generator.palette import mood_colours, mood_css
from tests.conftest import run_cairn


def scale_of(levels: int, low: int = 1) -> MoodScale:
    return MoodScale(low=low, labels=tuple(f"level{n}" for n in range(levels)))


def lightness(colour: str) -> float:
    """CIE L* of an sRGB colour, worked out here rather than taken from the code under test."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def contrast(one: str, other: str) -> float:
    ys = sorted(((lightness(c) + 16) / 116) ** 3 for c in (one, other))
    return (ys[1] + 0.05) / (ys[0] + 0.05)


def css_colours(css: str) -> dict[str, str]:
    return dict(re.findall(r"--(mood-(?:ink-)?\d+): (#[0-9a-f]{6});", css))


@pytest.mark.parametrize("levels", [3, 5, 11])
def test_one_colour_per_level_in_css_and_for_charts(levels):
    scale = scale_of(levels, low=0)
    colours = mood_colours(scale)
    assert [c.level for c in colours] == list(range(0, levels))
    assert [c.css for c in colours] == [f"mood-{n}" for n in range(1, levels + 1)]
    assert len({c.fill for c in colours}) == levels
    css = mood_css(scale)
    assert css_colours(css) == {
        **{f"mood-{n}": c.fill for n, c in enumerate(colours, 1)},
        **{f"mood-ink-{n}": c.ink for n, c in enumerate(colours, 1)},
    }
    for n in range(1, levels + 1):  # badges, chart shapes and chart text all have a rule
        assert f".mood-{n} {{ background: var(--mood-{n}); color: var(--mood-ink-{n}); }}" in css
        assert f"svg .mood-{n} {{ fill: var(--mood-{n}); }}" in css
        assert f"svg text.mood-ink-{n} {{ fill: var(--mood-ink-{n}); }}" in css
    assert f".mood-{levels + 1} " not in css


@pytest.mark.parametrize("levels", [3, 5, 11])
def test_neighbouring_levels_stay_apart_in_lightness_and_text_stays_readable(levels):
    """Lightness rising with every level reads in greyscale and for every kind of colour vision."""
    colours = mood_colours(scale_of(levels))
    steps = [lightness(b.fill) - lightness(a.fill) for a, b in itertools.pairwise(colours)]
    assert min(steps) >= 5
    assert all(contrast(c.fill, c.ink) >= 4.5 for c in colours)


# Machado, Oliveira and Fernandes (2009), full severity, applied to linear RGB.
VISION = {
    "typical": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protan": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deutan": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.01182, 0.04294, 0.968881)),
    "tritan": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.3039)),
}


def seen_lab(colour: str, vision: str) -> tuple[float, float, float]:
    """CIE L*a*b* of an sRGB colour as a reader with `vision` sees it."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    rgb = [linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5)]
    r, g, b = (min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in VISION[vision])
    x, y, z = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


@pytest.mark.parametrize("vision", sorted(VISION))
@pytest.mark.parametrize("levels", [3, 5, 7, 11])
def test_neighbouring_levels_stay_apart_for_every_kind_of_colour_vision(levels, vision):
    colours = mood_colours(scale_of(levels))
    apart = [math.dist(seen_lab(a.fill, vision), seen_lab(b.fill, vision)) for a, b in itertools.pairwise(colours)]
    assert min(apart) >= 7


def test_five_levels_keep_the_themes_colours():
    assert [c.fill for c in mood_colours(MoodScale())] == ["#3b4f8a", "#6b6f8f", "#a39b86", "#d6b45b", "#f4d03f"]


def test_a_three_level_journal_agrees_between_charts_css_and_words(journal):
    folder = journal(
        {
            "journal.yaml": "mood:\n  labels: [hard, okay, good]\n",
            "content/2026-11-21.md": "---\nmood: 1\n---\n",
            "content/2026-11-22.md": "---\nmood: 2\n---\n",
            "content/2026-11-23.md": "---\nmood: 3\n---\n",
        }
    )
    result = run_cairn("build", cwd=folder)
    assert result.returncode == 0, result.stderr
    css = css_colours((folder / "site/static/moods.css").read_text(encoding="utf-8"))
    assert len([name for name in css if not name.startswith("mood-ink")]) == 3
    progress = (folder / "site/progress/index.html").read_text(encoding="utf-8")
    drawn = set(re.findall(r'<rect class="day (mood-\d)" [^>]*fill="(#[0-9a-f]{6})"', progress))
    assert drawn == {("mood-1", css["mood-1"]), ("mood-2", css["mood-2"]), ("mood-3", css["mood-3"])}
    # Low days on a scale under four levels are its lowest level only, as the code counts them.
    assert "A low day is one rated hard. " in progress
    assert "<h3>2026 in pixels</h3>" in progress
    entry = (folder / "site/2026/11/23/index.html").read_text(encoding="utf-8")
    assert '<span class="mood mood-3">3 of 3: good</span>' in entry
    assert 'href="../../../static/moods.css"' in entry


def test_an_encrypted_build_keeps_moods_css_readable_and_it_gives_nothing_away(journal):
    """A tag "ink" or "root" is also a word of moods.css, which an encrypted site keeps readable."""
    import os

    folder = journal({"content/2026-11-23.md": "---\nmood: 2\ntags: [ink, root]\n---\nInk on the root.\n"})
    env = {**os.environ, "CAIRN_PASSPHRASE": "rain on the window, twice"}
    result = run_cairn("build", "--encrypt", cwd=folder, env=env)
    assert result.returncode == 0, result.stderr
    assert (folder / "site/static/moods.css").read_text(encoding="utf-8") == mood_css(MoodScale())
