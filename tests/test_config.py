"""config: journal.yaml read into a typed Config; unknown keys fail with a suggestion."""

from __future__ import annotations

import pytest

from generator.config import load_config
from generator.errors import BuildFailed
from generator.model import Config, Habit, Metric, MoodScale
from generator.scaffold import JOURNAL_YAML


def errors_of(journal_folder) -> list[str]:
    with pytest.raises(BuildFailed) as caught:
        load_config(journal_folder)
    return [str(e) for e in caught.value.errors]


def test_defaults_when_there_is_no_journal_yaml(journal):
    config = load_config(journal({"content/.keep": ""}))
    assert config == Config()
    assert (config.title, config.language, config.timezone, config.home_entries) == ("My journal", "en", "UTC", 7)
    assert config.mood == MoodScale(1, ("awful", "low", "okay", "good", "great"))
    assert config.mood.describe(3) == "3 of 5: okay"
    assert (config.metrics, config.habits) == ((), ())


def test_an_empty_journal_yaml_gives_the_defaults(journal):
    assert load_config(journal({"journal.yaml": "# nothing set yet\n"})) == Config()


def test_the_file_cairn_init_writes_reads_as_documented(journal):
    config = load_config(journal({"journal.yaml": JOURNAL_YAML}))
    assert config.metrics == (
        Metric("sleep", "Sleep", "hours", 0, 24),
        Metric("energy", "Energy", "", 1, 5),
    )
    assert config.habits == (Habit("walk", "Went for a walk"), Habit("meds", "Took medication"))
    sleep = config.metric("sleep")
    assert sleep is not None and sleep.unit == "hours"
    assert config.metric("steps") is None


def test_every_setting(journal):
    folder = journal(
        {
            "journal.yaml": (
                "title: Stones\n"
                "author: Sam\n"
                "language: de\n"
                "timezone: Europe/Berlin\n"
                "home_entries: 3\n"
                "mood:\n  low: 0\n  labels: [bad, meh, fine]\n"
                "metrics:\n  steps: Steps\n  anxiety: {label: Anxiety, max: 10}\n"
                "habits: [walk, journal]\n"
            )
        }
    )
    config = load_config(folder)
    assert config == Config(
        title="Stones",
        author="Sam",
        language="de",
        timezone="Europe/Berlin",
        home_entries=3,
        mood=MoodScale(0, ("bad", "meh", "fine")),
        metrics=(Metric("steps", "Steps"), Metric("anxiety", "Anxiety", "", None, 10)),
        habits=(Habit("walk", "walk"), Habit("journal", "journal")),
    )
    assert (config.mood.low, config.mood.high, config.mood.describe(0)) == (0, 2, "0 of 2: bad")


def test_the_encrypted_site_locks_itself_after_30_minutes_unless_set(journal):
    assert Config().lock_after_minutes == 30
    assert load_config(journal({"journal.yaml": "lock_after_minutes: 0.05\n"})).lock_after_minutes == 0.05
    assert load_config(journal({"journal.yaml": "lock_after_minutes: 0\n"})).lock_after_minutes == 0  # off


def test_a_title_that_yaml_would_read_as_a_number_stays_text(journal):
    assert load_config(journal({"journal.yaml": "title: 2026\nauthor: 10:45\n"})).title == "2026"
    assert load_config(journal({"journal.yaml": "title: 2026\nauthor: 10:45\n"})).author == "10:45"


def test_bom_and_crlf_are_fine(journal):
    folder = journal({"journal.yaml": b"\xef\xbb\xbftitle: Stones\r\nauthor: Sam\r\n"})
    assert (load_config(folder).title, load_config(folder).author) == ("Stones", "Sam")


def test_an_unknown_key_fails_with_the_suggestion(journal):
    folder = journal({"journal.yaml": "title: x\nmoood:\n  labels: [a, b]\n"})
    assert errors_of(folder) == ["journal.yaml:2: unknown setting 'moood' (did you mean 'mood'?)"]


def test_an_unknown_key_far_from_any_known_one_has_no_suggestion(journal):
    assert errors_of(journal({"journal.yaml": "colour: blue\n"})) == ["journal.yaml:1: unknown setting 'colour'"]


def test_every_problem_is_reported_at_once_and_sorted(journal):
    folder = journal(
        {
            "journal.yaml": (
                "titel: x\n"
                "timezone: Mars/Olympus\n"
                "home_entries: 0\n"
                "mood: great\n"
                "metrics: [sleep]\n"
                "habits: 3\n"
                "langauge: en\n"
            )
        }
    )
    assert errors_of(folder) == [
        "journal.yaml:1: unknown setting 'titel' (did you mean 'title'?)",
        "journal.yaml:2: timezone 'Mars/Olympus' is not a known time zone (for example Europe/London)",
        "journal.yaml:3: home_entries must be a whole number above 0 (got 0)",
        "journal.yaml:4: mood must have `labels:` (a list, lowest first) and optionally `low:` and `aliases:`",
        "journal.yaml:5: metrics must map each name to its label, unit, min and max",
        "journal.yaml:6: habits must map each habit's name to how it reads (walk: Went for a walk)",
        "journal.yaml:7: unknown setting 'langauge' (did you mean 'language'?)",
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("mood:\n  labels: [only]\n", "journal.yaml:2: mood labels must be a list of at least two words, lowest first"),
        ("mood:\n  low: one\n", "journal.yaml:2: mood low must be a whole number (got 'one')"),
        (
            "mood:\n  lables: [a, b]\n",
            "journal.yaml:2: mood has unknown setting 'lables' (use low, labels and aliases)",
        ),
        ("metrics:\n  sleep: {min: none}\n", "journal.yaml:2: metric 'sleep' min and max must be numbers"),
        (
            "metrics:\n  sleep: {units: h}\n",
            "journal.yaml:2: metric 'sleep' has unknown setting 'units' (did you mean 'unit'?)",
        ),
        (
            "metrics:\n  sleep: 7\n",
            "journal.yaml:2: metric 'sleep' must have a label, and optionally unit, min and max",
        ),
        # Each at the line of its own metric, not at `metrics:`.
        (
            "title: x\nmetrics:\n  energy: Energy\n  sleep:\n    label: Sleep\n    min: 12\n    max: 0\n",
            "journal.yaml:4: metric 'sleep' has min 12 above max 0; swap them",
        ),
        (
            "metrics:\n  energy: Energy\n  tags: {label: Tags}\n",
            "journal.yaml:3: metric 'tags' has the name of an entry's own field; give the metric another name",
        ),
        (
            "metrics:\n  mood:\n    label: Mood\n",
            "journal.yaml:2: metric 'mood' has the name of an entry's own field; give the metric another name",
        ),
        (
            "metrics:\n  energy: Energy\n  sleep:\n    label: Sleep\n    colour: blue\n",
            "journal.yaml:3: metric 'sleep' has unknown setting 'colour' (use label, unit, min and max)",
        ),
        (
            "exclude: 3\n",
            "journal.yaml:1: exclude must list folders below content/ to skip (for example [templates, notes/old])",
        ),
        ("exclude: [../x]\n", "journal.yaml:1: exclude names folders below content/, so '../x' cannot go up with .."),
        ("title: [a, b]\n", "journal.yaml:1: must be a line of text"),
        ("home_entries: true\n", "journal.yaml:1: home_entries must be a whole number above 0 (got True)"),
        (
            "title: x\nlock_after_minutes: soon\n",
            "journal.yaml:2: lock_after_minutes must be a number of minutes from 0 to 10080 (a week), "
            "for example 30 or 0.5; 0 turns the lock off (got 'soon')",
        ),
        (
            "lock_after_minutes: -1\n",
            "journal.yaml:1: lock_after_minutes must be a number of minutes from 0 to 10080 (a week), for example 30 or 0.5; 0 turns the lock off (got -1)",
        ),
        (
            "lock_after_minutes: 20000\n",
            "journal.yaml:1: lock_after_minutes must be a number of minutes from 0 to 10080 (a week), for example 30 or 0.5; 0 turns the lock off (got 20000)",
        ),
        (
            "lock_after_minutes: yes\n",
            "journal.yaml:1: lock_after_minutes must be a number of minutes from 0 to 10080 (a week), for example 30 or 0.5; 0 turns the lock off (got 'yes')",
        ),
    ],
)
def test_wrong_values(journal, text, message):
    assert errors_of(journal({"journal.yaml": text})) == [message]


def test_yaml_that_does_not_parse(journal):
    folder = journal({"journal.yaml": "title: x\nauthor: Sam: again\n"})
    assert errors_of(folder) == ["journal.yaml:2: is not valid YAML: mapping values are not allowed in this context"]


def test_a_list_instead_of_settings(journal):
    assert errors_of(journal({"journal.yaml": "- title\n"})) == ["journal.yaml:1: settings must be `key: value` lines"]


def test_not_utf8(journal):
    folder = journal({"journal.yaml": b"title: x\nauthor: Ren\xe9e\n"})
    assert errors_of(folder) == ["journal.yaml:2: is not UTF-8 text (byte 20)"]


def test_a_date_that_is_not_a_date(journal):
    folder = journal({"journal.yaml": "title: x\nauthor: 2026-02-30\n"})
    assert errors_of(folder) == ["journal.yaml:2: '2026-02-30' is not a real date or time"]


@pytest.mark.parametrize(
    "text, start",
    [('day_starts_at: "04:00"\n', (4, 0)), ("day_starts_at: 4:30\n", (4, 30)), ('day_starts_at: "00:00"\n', (0, 0))],
)
def test_day_starts_at(journal, text, start):
    import datetime as dt

    config = load_config(journal({"journal.yaml": "title: Nights\n" + text}))
    assert config.day_starts_at == dt.time(*start)


def test_the_day_starts_at_midnight_by_default(journal):
    import datetime as dt

    assert load_config(journal({"journal.yaml": "title: x\n"})).day_starts_at == dt.time(0)


@pytest.mark.parametrize("value", ['"4 am"', '"13:00"', '"25:00"', "4", '"04:60"', "[4]"])
def test_day_starts_at_that_is_not_a_morning_time(journal, value):
    shown = {"4": "4", "[4]": "[4]"}.get(value, "'" + value.strip('"') + "'")
    assert errors_of(journal({"journal.yaml": f"title: x\nday_starts_at: {value}\n"})) == [
        f'journal.yaml:2: day_starts_at must be a time from "00:00" to "12:00", like "04:00" (got {shown})'
    ]


def test_every_metric_problem_in_one_run_each_at_its_metric(journal):
    text = (
        "metrics:\n"
        "  sleep: {label: Sleep, min: 24, max: 0}\n"
        "  habits: Habits\n"
        "  energy:\n"
        "    label: Energy\n"
        "    maximum: 5\n"
    )
    assert errors_of(journal({"journal.yaml": text})) == [
        "journal.yaml:2: metric 'sleep' has min 24 above max 0; swap them",
        "journal.yaml:3: metric 'habits' has the name of an entry's own field; give the metric another name",
        "journal.yaml:4: metric 'energy' has unknown setting 'maximum' (did you mean 'max'?)",
    ]


def test_exclude_lists_folders(journal):
    assert load_config(journal({"journal.yaml": "exclude: [templates, notes/old/]\n"})).exclude == (
        "templates",
        "notes/old",
    )
    assert load_config(journal({"journal.yaml": "exclude: drafts\n"})).exclude == ("drafts",)
