"""mood.aliases in journal.yaml: a person's own words and emoji for the levels of their scale."""

from __future__ import annotations

import pytest

from generator.config import load_config
from generator.errors import BuildFailed
from generator.model import MoodScale
from tests.conftest import CORPORA

ALIASES = (
    "title: Stones\n"
    "mood:\n"
    "  labels: [awful, low, okay, good, great]\n"
    "  aliases:\n"
    "    😀: 5\n"
    "    rad: 5\n"
    "    meh: 3\n"
    '    "so so": 3\n'
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
    from generator.importers.run import run_import

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
    from generator.importers.run import UsageError, run_import

    folder = journal({"journal.yaml": "mood:\n  labels: [awful, low, okay, good, great]\n  aliases:\n    😀: 5\n"})
    (folder / "daylio.csv").write_text(DAYLIO_CUSTOM, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        run_import("daylio", folder / "daylio.csv", folder, load_config(folder), mood_labels={"😀": 4})
    assert str(caught.value) == "--mood 😀=4: journal.yaml already makes '😀' 5; change it there instead"
    assert not (folder / "content").exists()


# A journal.yaml written once for the labels used across the real Daylio samples: no --mood flags.
CORPUS_JOURNAL = """\
mood:
  labels: [awful, low, okay, good, great]
  aliases:
    ok: 3
    OK but sleepy: 3
    refreshed: 4
    anxious: 2
    sad: 2
    average: 3
    vaguely ok: 3
    "vaguely ok, but uncertain": 3
    vaguely good: 4
    vaguely bad: 2
    fatigued: 2
    captivated: 4
    tired: 2
    grateful: 4
    blissful: 5
    in awe: 5
    lifeless: 1
    hungry: 3
    helpless: 1
    laughing: 5
    rested: 4
metrics:
  sleep_quality: {label: Sleep Quality, min: 0, max: 10}
  sleep: {label: Sleep Time, unit: hours, min: 0, max: 24}
  awake_mid_sleep: {label: Awake mid-sleep, unit: hours, min: 0, max: 24}
"""

# (sample, entries imported with --skip-bad, entries rejected for a broken row)
DAYLIO_SAMPLES = [
    ("deutschegabanna-obsidian-daylio-parser/daylio_export_bad_corrupted.csv", 0, 0),
    ("deutschegabanna-obsidian-daylio-parser/daylio_export_bad_empty.csv", 0, 0),
    ("deutschegabanna-obsidian-daylio-parser/daylio_export_bad_empty_lines_whitespace.csv", 4, 1),
    ("deutschegabanna-obsidian-daylio-parser/daylio_export_bad_inconsistent_fields.csv", 1, 4),
    ("deutschegabanna-obsidian-daylio-parser/daylio_export_bad_missing_fields.csv", 3, 2),
    ("deutschegabanna-obsidian-daylio-parser/daylio_export_bad_quoted_fields.csv", 5, 0),
    ("deutschegabanna-obsidian-daylio-parser/daylio_export_bad_unknown_fields.csv", 0, 0),
    ("deutschegabanna-obsidian-daylio-parser/daylio_export_escaped_characters.csv", 4, 1),
    ("deutschegabanna-obsidian-daylio-parser/daylio_export_ok.csv", 11, 1),
    ("deutschegabanna-obsidian-daylio-parser/daylio_export_ok_scales.csv", 7, 0),
    ("michaelcurrin-daylio-csv-parser/sample.csv", 3, 0),
    ("michaelcurrin-daylio-csv-parser/sample_multiple_moods.csv", 7, 0),
    ("staticf0x-daylio-parser/test_data.csv", 32, 0),
]


@pytest.mark.realworld
@pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not here")
@pytest.mark.parametrize("sample, imported, rejected", DAYLIO_SAMPLES, ids=[s[0].split("/")[1] for s in DAYLIO_SAMPLES])
def test_every_real_daylio_export_imports_through_journal_yaml_alone(journal, sample, imported, rejected):
    from generator.importers.run import run_import

    folder = journal({"journal.yaml": CORPUS_JOURNAL})
    report = run_import("daylio", CORPORA / "daylio-csv" / sample, folder, load_config(folder), skip_bad=True)
    assert (len(report.imported), report.rejected_entries) == (imported, rejected)
    assert not any("mood '" in e.message or "scale '" in e.message for e in report.rejected)


@pytest.mark.realworld
@pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not here")
def test_unknown_moods_and_undeclared_scales_are_told_in_one_run(journal):
    from generator.importers.run import run_import

    folder = journal({"journal.yaml": "title: New\n"})
    sample = CORPORA / "daylio-csv/deutschegabanna-obsidian-daylio-parser/daylio_export_ok_scales.csv"
    report = run_import("daylio", sample, folder, load_config(folder))
    told = [(e.line, e.message.split(" is ")[0]) for e in report.rejected]
    assert told == [
        (2, "mood 'helpless' (2 entries, the first here)"),
        (3, "mood 'laughing'"),
        (4, "Daylio scale 'Sleep Quality' (3 entries, the first here)"),  # in the order the row has them
        (4, "Daylio scale 'Sleep Time' (3 entries, the first here)"),
        (4, "Daylio scale 'Awake mid-sleep'"),
        (4, "mood 'rested'"),
        (5, "mood 'vaguely ok'"),
        (7, "mood 'tired'"),
        (8, "mood 'vaguely bad'"),
    ]
    assert report.imported == [] and report.rejected_entries == 7
