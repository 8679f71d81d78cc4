"""A few of the person's own words beside an entry in a list."""

from __future__ import annotations

from dataclasses import replace

from generator.excerpt import LONGEST, first_words
from generator.progress.feelings import feeling_table
from generator.progress.patterns import emotions
from tests.journal_entries import entry


def test_the_first_win_comes_first():
    assert first_words(replace(entry("2026-03-01", wins=("Texted Sam back",)), html="<p>Slept badly.</p>")) == (
        "Texted Sam back"
    )


def test_else_the_first_sentence_of_the_first_paragraph_with_words():
    html = '<h2>Morning</h2><p><img alt="the park" src="x.jpg"></p><p>Rain &amp; wind. Then sun.</p>'
    assert first_words(replace(entry("2026-03-01"), html=html)) == "Rain & wind."


def test_a_long_sentence_ends_at_a_word():
    words = first_words(replace(entry("2026-03-01"), html="<p>" + "very " * 60 + "long.</p>"))
    assert len(words) <= LONGEST + 1 and words.endswith("very…")


def test_an_entry_kept_out_of_look_backs_shows_no_words():
    kept_back = replace(entry("2026-03-01", wins=("A win",)), resurface=False, html="<p>Hard day.</p>")
    assert first_words(kept_back) == ""


def test_feelings_are_grouped_pleasant_first_calm_first_and_counted_by_month():
    entries = [
        entry("2026-03-01", emotions=("anxious", "calm", "hopeful")),
        entry("2026-03-02", emotions=("tired", "wistful")),
        entry("2026-04-01", emotions=("anxious", "hopeful")),
    ]
    table = feeling_table(emotions(entries), entries)
    assert table.month_labels == ("Mar 2026", "Apr") and table.span == "March 2026 to April 2026"
    groups = {heading: [(r.emotion.name, r.months) for r in rows] for heading, rows in table.groups}
    assert list(groups) == ["Pleasant feelings", "Unpleasant feelings", "Other feelings"]
    assert groups["Pleasant feelings"] == [("calm", (1, 0)), ("hopeful", (1, 1))]
    assert groups["Unpleasant feelings"] == [("tired", (1, 0)), ("anxious", (1, 1))]
    assert groups["Other feelings"] == [("wistful", (1, 0))]
