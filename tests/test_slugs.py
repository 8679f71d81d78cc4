"""slugs: ASCII-safe URL parts for any title or tag."""

from __future__ import annotations

import pytest

from generator.slugs import slugify


@pytest.mark.parametrize(
    "text, slug",
    [
        ("A quieter morning", "a-quieter-morning"),
        ("Café & friends", "cafe-friends"),
        ("naïve Ωmega", "naive-mega"),
        ("  --walk--  ", "walk"),
        ("../../x", "x"),
        ("<script>", "script"),
        ("/etc/passwd", "etc-passwd"),
        ("2026-11-23", "2026-11-23"),
        ("C++", "c"),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize("text", ["日記", "..", "", "🙂", "Ωμέγα"])
def test_text_without_an_ascii_form_gets_a_stable_distinct_name(text):
    slug = slugify(text)
    assert slug == slugify(text)
    assert slug.startswith("x") and len(slug) == 9 and slug.isascii() and slug.isalnum()


def test_different_scripts_do_not_share_a_slug():
    assert len({slugify(t) for t in ["日記", "日记", "🙂", "🙁", ".."]}) == 5


def test_long_titles_are_cut_at_80_without_a_trailing_dash():
    slug = slugify("word " * 40)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.startswith("word-word")
