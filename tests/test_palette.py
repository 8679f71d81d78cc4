"""Mood colours for any scale: one per level, the same in the stylesheet and in the charts."""

from __future__ import annotations

import itertools
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
    assert min(steps) >= 3.5
    assert all(contrast(c.fill, c.ink) >= 4.5 for c in colours)


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
