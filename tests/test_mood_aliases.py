"""mood.aliases in journal.yaml: a person's own words and emoji for the levels of their scale."""

from __future__ import annotations

import pytest

from generator.config import load_config
from generator.errors import BuildFailed
from generator.model import MoodScale

ALIASES = (
    "title: Stones\n"
    "mood:\n"
    "  labels: [awful, low, okay, good, great]\n"
    "  aliases:\n"
    "    😀: 5\n"
    "    rad: 5\n"
    "    meh: 3\n"
    "    \"so so\": 3\n"
)


def errors_of(folder) -> list[str]:
    with pytest.raises(BuildFailed) as caught:
        load_config(folder)
    return [str(e) for e in caught.value.errors]


def test_aliases_are_read_in_order_and_folded(journal):
    scale = load_config(journal({"journal.yaml": ALIASES})).mood
    assert scale.aliases == (("😀", 5), ("rad", 5), ("meh", 3), ("so so", 3))
    assert scale.labels == ("awful", "low", "okay", "good", "great")


@pytest.mark.parametrize(
    "word, level",
    [
        ("😀", 5),
        ("😀\ufe0f", 5),  # the same emoji with a variation selector, as phones often send it
        ("RAD", 5),
        ("  Meh ", 3),
        ("so   so", 3),
        ("great", 5),  # a label of the scale
        ("Awful", 1),
        ("low", 2),
        ("ecstatic", None),
        ("", None),
    ],
)
def test_level_of_a_word_or_emoji(journal, word, level):
    assert load_config(journal({"journal.yaml": ALIASES})).mood.level_of(word) == level


def test_level_of_works_without_any_aliases_on_any_scale():
    scale = MoodScale(low=0, labels=("bad", "meh", "fine"))
    assert [scale.level_of(w) for w in ("bad", "MEH", "fine", "great")] == [0, 1, 2, None]


def test_an_alias_wins_only_where_no_label_says_otherwise(journal):
    text = "mood:\n  labels: [awful, low, okay, good, great]\n  aliases:\n    good: 4\n"
    assert load_config(journal({"journal.yaml": text})).mood.level_of("good") == 4


def test_every_alias_problem_is_reported_at_its_own_line(journal):
    text = (
        "mood:\n"  # 1
        "  low: 1\n"  # 2
        "  labels: [awful, low, okay, good, great]\n"  # 3
        "  aliases:\n"  # 4
        "    😀: 6\n"  # 5
        "    rad: five\n"  # 6
        "    good: 5\n"  # 7
        "    meh: 3\n"  # 8
        "    MEH: 3\n"  # 9
        "    ok: true\n"  # 10
        "    '': 2\n"  # 11
    )
    assert errors_of(journal({"journal.yaml": text})) == [
        "journal.yaml:5: mood alias '😀' must be a whole number from 1 to 5 (got 6)",
        "journal.yaml:6: mood alias 'rad' must be a whole number from 1 to 5 (got 'five')",
        "journal.yaml:7: mood alias 'good' is 5, but 'good' is the label of 4: remove the alias or change the label",
        "journal.yaml:9: mood alias 'MEH' is listed twice (first at line 8)",
        "journal.yaml:10: mood alias 'ok' must be a whole number from 1 to 5 (got True)",
        "journal.yaml:11: a mood alias must be a word or an emoji, not empty",
    ]


def test_aliases_must_be_a_mapping_on_the_scale_of_low(journal):
    text = "mood:\n  low: 0\n  labels: [bad, meh, fine]\n  aliases: [rad]\n"
    assert errors_of(journal({"journal.yaml": text})) == [
        "journal.yaml:4: mood aliases must map each word or emoji to a level, one per line (for example 😀: 5)"
    ]
    text = "mood:\n  low: 0\n  labels: [bad, meh, fine]\n  aliases:\n    rad: 3\n    yay: 2\n"
    assert errors_of(journal({"journal.yaml": text})) == [
        "journal.yaml:5: mood alias 'rad' must be a whole number from 0 to 2 (got 3)"
    ]


def test_an_empty_aliases_key_means_none(journal):
    text = "mood:\n  labels: [low, high]\n  aliases:\n"
    assert load_config(journal({"journal.yaml": text})).mood == MoodScale(1, ("low", "high"))


DAYLIO_CUSTOM = (
    "full_date,date,weekday,time,mood,activities,note_title,note\n"
    "2024-03-03,3 Mar,Sunday,21:00,😀,,,\n"
    "2024-03-02,2 Mar,Saturday,21:00,Vaguely OK,,,\n"
    "2024-03-01,1 Mar,Friday,21:00,rad,,,\n"
    "2024-02-29,29 Feb,Thursday,21:00,okay,,,\n"
    "2024-02-28,28 Feb,Wednesday,21:00,sleepy,,,\n"
)


def test_daylio_custom_labels_map_through_journal_yaml(journal):
    from generator.importers import run_import

    folder = journal(
        {
            "journal.yaml": "mood:\n  labels: [awful, low, okay, good, great]\n  aliases:\n    😀: 5\n    vaguely ok: 3\n",
            "daylio.csv": DAYLIO_CUSTOM,
        }
    )
    config = load_config(folder)
    report = run_import("daylio", folder / "daylio.csv", folder, config, mood_labels={"sleepy": 2})
    assert report.rejected == []
    moods = {}
    for name in report.imported:
        text = (folder / name).read_text(encoding="utf-8")
        moods[name] = next(line for line in text.splitlines() if line.startswith("mood:"))
    assert moods == {
        "content/2024/02/2024-02-28.md": "mood: 2",  # --mood sleepy=2, a fallback for what journal.yaml lacks
        "content/2024/02/2024-02-29.md": "mood: 3",  # the scale's own label
        "content/2024/03/2024-03-01.md": "mood: 5",  # Daylio's default label
        "content/2024/03/2024-03-02.md": "mood: 3",  # alias, any case
        "content/2024/03/2024-03-03.md": "mood: 5",  # emoji alias
    }


def test_a_mood_flag_that_contradicts_journal_yaml_is_a_usage_error(journal):
    from generator.importers import UsageError, run_import

    folder = journal({"journal.yaml": "mood:\n  labels: [awful, low, okay, good, great]\n  aliases:\n    😀: 5\n"})
    (folder / "daylio.csv").write_text(DAYLIO_CUSTOM, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        run_import("daylio", folder / "daylio.csv", folder, load_config(folder), mood_labels={"😀": 4})
    assert str(caught.value) == "--mood 😀=4: journal.yaml already makes '😀' 5; change it there instead"
    assert not (folder / "content").exists()
