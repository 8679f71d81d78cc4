"""Hard stretches, what helped and the words after: one March worked out by hand.

Day moods (1-5, low is 1 or 2, a stretch passes at 3, "okay"):
  1st 4 | 2nd 2 | 3rd 1 | 4th 3 | 5th 4 | 8th 1 | 9th no mood | 11th 2.5 (2 and 3) | 12th 3
  13th 5 | 20th 1 | 21st 1 | 22nd 2 | 23rd 4 | 24th, 25th no mood | 30th 2
Stretches: 2nd-3rd (2 days, passed on the 4th), 8th-11th (the 8th and 11th have moods:
2 days, passed on the 12th), 20th-22nd (3 days, passed on the 23rd), and the 30th, not
passed so far.
"""

from __future__ import annotations

import pytest

from generator.model import MoodScale
from generator.progress import stretches as st
from tests.journal_entries import date, entry

SCALE = MoodScale()


def march() -> list:
    return [
        entry("2026-03-01", 4),
        entry("2026-03-02", 2, coping=("walk",)),
        entry("2026-03-03", 1, coping=("called Sam", "walk")),
        entry("2026-03-04", 3, wins=("Cooked",), coping=("walk",)),
        entry("2026-03-05", 4, gratitude=("Sun on the stairs",)),
        entry("2026-03-08", 1, coping=("breathing",)),
        entry("2026-03-09", None, coping=("walk",)),
        entry("2026-03-11", 2, coping=("tea",)),  # three days after the 8th: not counted
        entry("2026-03-11", 3, slug="-evening"),
        entry("2026-03-12", 3, wins=("Made tea",)),
        entry("2026-03-13", 5, wins=("Ran", "Slept", "Laughed")),
        entry("2026-03-20", 1),
        entry("2026-03-21", 1),
        entry("2026-03-22", 2, coping=("breathing",)),
        entry("2026-03-23", 4),
        entry("2026-03-24", None, wins=("Kept out of view",), coping=("Walk",), resurface=False),
        entry("2026-03-25", None, gratitude=("Rain",)),
        entry("2026-03-30", 2),
    ]


def test_stretches_start_on_a_low_day_and_pass_at_okay():
    result = st.hard_stretches(march(), SCALE)
    assert [(s.start, s.last, s.days, s.low_days, s.passed_on) for s in result.all] == [
        (date("2026-03-02"), date("2026-03-03"), 2, 2, date("2026-03-04")),
        (date("2026-03-08"), date("2026-03-11"), 2, 1, date("2026-03-12")),  # the 9th has no mood
        (date("2026-03-20"), date("2026-03-22"), 3, 3, date("2026-03-23")),
        (date("2026-03-30"), date("2026-03-30"), 1, 1, None),
    ]
    assert len(result.passed) == 3 and result.ongoing == result.all[-1]
    assert result.usual == (2, 2)  # 2 of the 3 lasted 2 days
    assert result.longest is not None and result.longest.start == date("2026-03-20")
    assert (result.since, result.okay, result.okay_label) == ("March 2026", 3, "okay")
    assert [(m.label, len(m.stretches)) for m in result.months] == [("March 2026", 4)]


def test_a_fixed_mark_does_not_rise_as_things_get_better():
    # Months of 5s would lift a personal median to 5; a 3 still ends the stretch.
    entries = [entry(f"2026-01-{d:02d}", 5) for d in range(1, 29)]
    entries += [entry("2026-02-01", 1), entry("2026-02-02", 3)]
    (stretch,) = st.hard_stretches(entries, SCALE).all
    assert (stretch.days, stretch.passed_on) == (1, date("2026-02-02"))


def test_no_stretches_so_far():
    result = st.hard_stretches([entry("2026-03-01", 3), entry("2026-03-02")], SCALE)
    assert (result.all, result.usual, result.longest, result.since, result.months) == ((), None, None, None, ())


@pytest.mark.parametrize(
    ("lengths", "usual"),
    [([1, 2, 9], (1, 2)), ([5], (5, 5)), ([1, 4], (1, 4)), ([], None), ([3, 1, 1, 2, 2, 8], (1, 2))],
)
def test_the_usual_length_is_the_narrowest_range_holding_more_than_half(lengths, usual):
    assert st.usual_range(lengths) == usual


@pytest.mark.parametrize(
    ("low", "labels", "okay"),
    [
        (1, ("awful", "low", "okay", "good", "great"), 3),
        (1, ("bad", "meh", "fine", "good"), 3),
        (1, ("a", "b", "c"), 2),
    ],
)
def test_okay_is_the_middle_of_the_scale_and_always_above_low(low, labels, okay):
    assert st.okay_level(MoodScale(low, labels)) == okay


def test_what_helped_counts_low_days_and_the_two_days_after_once_a_day():
    # walk: the 2nd, 3rd, 4th, 9th and 24th ("Walk"); breathing: the 8th and 22nd;
    # called Sam: the 3rd; tea on the 11th is three days after the 8th and the 11th is not low.
    assert st.what_helped(march(), SCALE) == (("walk", 5), ("breathing", 2), ("called Sam", 1))


def test_words_from_the_week_after_each_stretch_newest_first():
    entries = march()
    after = st.words_after(entries, st.hard_stretches(entries, SCALE))
    assert [(a.stretch.start, [(w.text, w.kind, w.entry.date) for w in a.words]) for a in after] == [
        (date("2026-03-20"), [("Rain", "gratitude", date("2026-03-25"))]),  # the 24th is kept out of view
        (
            date("2026-03-08"),
            [
                ("Made tea", "win", date("2026-03-12")),
                ("Ran", "win", date("2026-03-13")),
                ("Slept", "win", date("2026-03-13")),
            ],
        ),
        (
            date("2026-03-02"),
            [("Cooked", "win", date("2026-03-04")), ("Sun on the stairs", "gratitude", date("2026-03-05"))],
        ),
    ]


def test_the_newest_day_is_low_by_the_mean_of_its_moods():
    assert st.newest_day_is_low(march(), SCALE)
    assert not st.newest_day_is_low([entry("2026-03-01", 2), entry("2026-03-01", 4, slug="-b")], SCALE)
    assert not st.newest_day_is_low([entry("2026-03-01", 1), entry("2026-03-02")], SCALE)
    assert not st.newest_day_is_low([], SCALE)
