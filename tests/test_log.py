"""cairn log: a ten-second entry that adds to the day's file and never disturbs what is there."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from generator.config import load_config
from generator.content import read_entry
from generator.errors import BuildFailed
from generator.frontmatter_edit import yaml_item
from generator.model import Config, Habit, Metric
from generator.quicklog import QuickEntry, log_entry
from generator.scaffold import read_day
from tests.conftest import run_cairn, snapshot

DAY = dt.date(2026, 11, 23)
NAME = "content/2026/11/2026-11-23.md"
CONFIG = Config(
    metrics=(Metric("sleep", "Sleep", "hours", 0, 24),),
    habits=(Habit("walk", "Went for a walk"), Habit("meds", "Took medication")),
)
JOURNAL_YAML = """\
timezone: Europe/London
metrics:
  sleep: {label: Sleep, unit: hours, min: 0, max: 24}
habits:
  walk: Went for a walk
  meds: Took medication
"""

# Comments everywhere, keys in no usual order, both list styles, a list written as text.
WRITTEN_BY_HAND = """\
---
# written on the bus
title: Grey Monday   # it was
habits: [walk]       # kept
coping: went for a walk
date: 2026-11-23
wins:
  - Answered Sam   # finally
emotions:
sleep: 6.5
---
Rain all day.

Sam called.
"""


def log(journal, quick: QuickEntry, config: Config = CONFIG, date: dt.date = DAY):
    return log_entry(journal, config, date, quick)


def test_log_on_a_day_without_an_entry_starts_one(tmp_path):
    logged = log(tmp_path, QuickEntry(mood="2", line="stayed in, it was enough", wins=("showered",)))
    assert (logged.path, logged.created, logged.changed) == (tmp_path / NAME, True, True)
    assert (
        logged.path.read_text()
        == """\
---
date: 2026-11-23
mood: 2
wins:
  - showered
---
stayed in, it was enough
"""
    )
    entry, problems = read_entry(NAME, logged.path.read_bytes(), CONFIG)
    assert entry is not None, problems
    assert (problems, entry.mood, entry.wins, entry.body) == ([], 2, ("showered",), "stayed in, it was enough\n")


def test_log_adds_to_an_entry_written_by_hand_keeping_every_comment_and_the_order(tmp_path):
    path = tmp_path / NAME
    path.parent.mkdir(parents=True)
    path.write_text(WRITTEN_BY_HAND)
    quick = QuickEntry(
        mood="3",
        line="Walked to the shop after all.",
        wins=("Made soup", "answered sam"),  # the second is already there, in other letters
        coping=("walked round the block",),
        emotions=("tired", "hopeful"),
        habits=("Meds", "walk"),  # declared as meds; walk is already kept
    )
    log(tmp_path, quick)
    assert (
        path.read_text()
        == """\
---
# written on the bus
title: Grey Monday   # it was
habits: [walk, meds]       # kept
coping: [went for a walk, walked round the block]
date: 2026-11-23
wins:
  - Answered Sam   # finally
  - Made soup
emotions: [tired, hopeful]
sleep: 6.5
mood: 3
---
Rain all day.

Sam called.

Walked to the shop after all.
"""
    )


def test_log_fills_in_the_blanks_of_the_template_cairn_new_writes(tmp_path):
    from generator.scaffold import new_entry

    path, _ = new_entry(tmp_path, CONFIG, DAY)
    log(
        tmp_path,
        QuickEntry(mood="4", wins=("showered",), emotions=("calm",), habits=("walk",), metrics=(("sleep", "7.5"),)),
    )
    assert (
        path.read_text()
        == """\
---
date: 2026-11-23
mood: 4        # 1 awful, 2 low, 3 okay, 4 good, 5 great
sleep: 7.5        # Sleep in hours, 0 to 24
tags: []
wins:         # small things count: a shower, a walk, a message answered
  - showered
gratitude:
  -
emotions: [calm]
habits: [walk]    # walk, meds
coping: []    # what helped, if anything did
---

"""
    )


def test_twice_in_a_row_loses_nothing(tmp_path):
    log(tmp_path, QuickEntry(mood="2", line="stayed in", wins=("showered",), emotions=("tired",)))
    log(tmp_path, QuickEntry(mood="2", line="a walk at dusk", wins=("walked",), emotions=("tired", "calm")))
    entry, problems = read_entry(NAME, (tmp_path / NAME).read_bytes(), CONFIG)
    assert entry is not None, problems
    assert problems == []
    assert (entry.mood, entry.wins, entry.emotions) == (2, ("showered", "walked"), ("tired", "calm"))
    assert entry.body == "stayed in\n\na walk at dusk\n"
    before = snapshot(tmp_path)
    again = log(tmp_path, QuickEntry(wins=("Showered",), emotions=("calm",)))  # nothing new
    assert (again.changed, snapshot(tmp_path)) == (False, before)


def test_another_mood_starts_the_days_next_entry_and_never_changes_the_first(tmp_path):
    path = tmp_path / NAME
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: Morning\nmood: 2\n---\nSlow start.\n")
    evening = dt.datetime(2026, 11, 23, 21, 30, tzinfo=dt.UTC)
    logged = log_entry(tmp_path, CONFIG, DAY, QuickEntry(mood="4", line="better by the evening"), now=evening)
    second = tmp_path / "content/2026/11/2026-11-23-2130.md"
    assert (logged.path, logged.created, logged.another) == (second, True, True)
    assert path.read_text() == "---\ntitle: Morning\nmood: 2\n---\nSlow start.\n"
    assert second.read_text() == "---\ndate: 2026-11-23 21:30\nmood: 4\n---\nbetter by the evening\n"
    later = dt.datetime(2026, 11, 23, 22, 5, tzinfo=dt.UTC)
    log_entry(tmp_path, CONFIG, DAY, QuickEntry(mood="4", wins=("cooked",)), now=later)  # the same mood: added
    assert second.read_text() == "---\ndate: 2026-11-23 21:30\nmood: 4\nwins:\n  - cooked\n---\nbetter by the evening\n"
    log_entry(tmp_path, CONFIG, DAY, QuickEntry(mood="2", line="tired now"), now=later)
    third = tmp_path / "content/2026/11/2026-11-23-2205.md"
    assert third.read_text() == "---\ndate: 2026-11-23 22:05\nmood: 2\n---\ntired now\n"
    entries = [read_entry(f"content/2026/11/{p.name}", p.read_bytes(), CONFIG)[0] for p in (path, second, third)]
    assert [(e.date, e.time, e.mood) for e in entries] == [
        (DAY, None, 2),
        (DAY, dt.time(21, 30), 4),
        (DAY, dt.time(22, 5), 2),
    ]


def test_another_mood_after_midnight_is_the_next_entry_of_the_day_still_being_lived(tmp_path):
    config = Config(day_starts_at=dt.time(4))
    path = tmp_path / NAME
    path.parent.mkdir(parents=True)
    path.write_text("---\nmood: 3\n---\n")
    small_hours = dt.datetime(2026, 11, 24, 1, 30, tzinfo=dt.UTC)
    day = read_day(None, config, now=small_hours)
    logged = log_entry(tmp_path, config, day, QuickEntry(mood="1", line="cannot sleep"), now=small_hours)
    assert logged.path == tmp_path / "content/2026/11/2026-11-23-0130.md"
    assert logged.path.read_text() == "---\ndate: 2026-11-23\nmood: 1\n---\ncannot sleep\n"
    entry, problems = read_entry("content/2026/11/2026-11-23-0130.md", logged.path.read_bytes(), config)
    assert (entry.date, problems) == (DAY, [])


def test_a_second_mood_in_the_same_minute_changes_nothing(tmp_path):
    path = tmp_path / NAME
    path.parent.mkdir(parents=True)
    path.write_text("---\nmood: 2\n---\n")
    now = dt.datetime(2026, 11, 23, 21, 30, tzinfo=dt.UTC)
    log_entry(tmp_path, CONFIG, DAY, QuickEntry(mood="4"), now=now)
    before = snapshot(tmp_path)
    with pytest.raises(BuildFailed) as caught:
        log_entry(tmp_path, CONFIG, DAY, QuickEntry(mood="5"), now=now)
    assert [str(e) for e in caught.value.errors] == [
        "content/2026/11/2026-11-23-2130.md:3: mood is already 4 here, and cairn log never changes what is written; "
        "edit the file to change it"
    ]
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "quick, message",
    [
        (QuickEntry(mood="9"), f"{NAME}:3: mood must be a whole number from 1 to 5 (got 9)"),
        (QuickEntry(mood="2.5"), f"{NAME}:3: mood must be a whole number from 1 to 5 (got 2.5)"),
        (QuickEntry(metrics=(("sleep", "30"),)), f"{NAME}:3: sleep must be from 0 to 24 hours (got 30)"),
        (QuickEntry(metrics=(("sleep", "lots"),)), f"{NAME}:3: sleep must be a number (got 'lots')"),
    ],
)
def test_a_value_off_the_scale_writes_nothing(tmp_path, quick, message):
    with pytest.raises(BuildFailed) as caught:
        log(tmp_path, quick)
    assert [str(e) for e in caught.value.errors] == [message]
    assert not (tmp_path / "content").exists()


def test_an_entry_that_does_not_build_is_left_as_it_is(tmp_path):
    path = tmp_path / NAME
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: x\nmood: [\n---\nwords\n")
    before = snapshot(tmp_path)
    with pytest.raises(BuildFailed) as caught:
        log(tmp_path, QuickEntry(wins=("showered",)))
    assert str(caught.value.errors[0]).startswith(f"{NAME}:4: front matter is not valid YAML")
    assert snapshot(tmp_path) == before


def test_an_undeclared_habit_is_written_with_the_same_warning_as_a_build(tmp_path):
    logged = log(tmp_path, QuickEntry(habits=("walkk",)))
    assert [str(w) for w in logged.warnings] == [
        f"{NAME}:3: warning: habit 'walkk' is not declared in journal.yaml (did you mean 'walk'?)"
    ]
    assert logged.path.read_text() == "---\ndate: 2026-11-23\nhabits: [walkk]\n---\n"


def test_a_file_of_text_alone_gains_front_matter(tmp_path):
    path = tmp_path / "content" / "2026-11-23.md"  # another layout: found by its name
    path.parent.mkdir(parents=True)
    path.write_text("Just words.\n")
    logged = log(tmp_path, QuickEntry(mood="3"))
    assert logged.path == path
    assert path.read_text() == "---\nmood: 3\n---\nJust words.\n"
    assert not (tmp_path / NAME).exists()
    other = tmp_path / "content" / "2026-11-24.md"
    other.write_text("Words alone.\n")
    log(tmp_path, QuickEntry(line="And a line."), date=dt.date(2026, 11, 24))
    assert other.read_text() == "Words alone.\n\nAnd a line.\n"


def test_windows_line_endings_and_a_bom_are_kept(tmp_path):
    path = tmp_path / NAME
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xef\xbb\xbf---\r\ntags: [a]\r\n---\r\nwords\r\n")
    log(tmp_path, QuickEntry(mood="3", line="more"))
    assert path.read_bytes() == b"\xef\xbb\xbf---\r\ntags: [a]\r\nmood: 3\r\n---\r\nwords\r\n\r\nmore\r\n"


def test_an_entry_with_toml_front_matter_is_not_edited(tmp_path):
    path = tmp_path / NAME
    path.parent.mkdir(parents=True)
    path.write_text("+++\ntitle = 'x'\n+++\nwords\n")
    before = snapshot(tmp_path)
    with pytest.raises(BuildFailed) as caught:
        log(tmp_path, QuickEntry(mood="3"))
    assert [str(e) for e in caught.value.errors] == [
        f"{NAME}:1: has TOML front matter (+++), which cairn log does not edit; add to it by hand"
    ]
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "text",
    [
        "plain words",
        "rain: again",
        "#1 priority",
        "- a dash",
        "[brackets]",
        "a, b",
        'say "hi"',
        "yes",
        "3",
        "2026-11-23",
        "null",
        " padded",
    ],
)
def test_items_read_back_as_typed(tmp_path, text):
    assert yaml_item("plain words") == "plain words"
    log(tmp_path, QuickEntry(wins=(text,), emotions=(text,)))
    entry, problems = read_entry(NAME, (tmp_path / NAME).read_bytes(), CONFIG)
    assert entry is not None, problems
    expected = text.strip()
    assert (problems, entry.wins) == ([], (expected,))
    assert entry.emotions == tuple(p.strip() for p in expected.split(","))  # a comma list, as anywhere


def test_a_file_that_appears_while_logging_is_added_to_not_replaced(tmp_path, monkeypatch):
    import generator.quicklog as quicklog

    real = quicklog._write
    calls: list[object] = []

    def another_program_writes_first(path, before, after):
        if not calls:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("---\nwins: [from the phone]\n---\nwritten elsewhere\n")
        calls.append(path)
        return real(path, before, after)

    monkeypatch.setattr(quicklog, "_write", another_program_writes_first)
    log(tmp_path, QuickEntry(wins=("showered",)))
    assert len(calls) == 2
    assert (tmp_path / NAME).read_text() == "---\nwins: [from the phone, showered]\n---\nwritten elsewhere\n"
    assert [p.name for p in (tmp_path / NAME).parent.iterdir()] == ["2026-11-23.md"]  # no temporary file left


# --- today, as the journal counts it ---------------------------------------------------------


def test_log_across_a_day_starts_at_boundary_adds_to_the_evening_before(tmp_path):
    config = Config(timezone="Europe/London", day_starts_at=dt.time(4, 0))
    evening = tmp_path / NAME
    evening.parent.mkdir(parents=True)
    evening.write_text("---\nmood: 2\n---\nCould not sleep.\n")
    late = dt.datetime(2026, 11, 24, 1, 30, tzinfo=ZoneInfo("Europe/London"))
    log(tmp_path, QuickEntry(line="Still up, tea helped.", coping=("tea",)), config, read_day(None, config, late))
    assert evening.read_text() == "---\nmood: 2\ncoping:\n  - tea\n---\nCould not sleep.\n\nStill up, tea helped.\n"
    morning = dt.datetime(2026, 11, 24, 4, 0, tzinfo=ZoneInfo("Europe/London"))
    logged = log(tmp_path, QuickEntry(mood="3"), config, read_day(None, config, morning))
    assert logged.path == tmp_path / "content/2026/11/2026-11-24.md" and logged.created


@pytest.mark.parametrize("date", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_the_first_and_last_days_there_are(tmp_path, date):
    logged = log(tmp_path, QuickEntry(mood="3"), date=date)
    assert logged.path.read_text() == f"---\ndate: {date.isoformat()}\nmood: 3\n---\n"
    logged = log(tmp_path, QuickEntry(line="again"), date=date)
    assert logged.path.read_text() == f"---\ndate: {date.isoformat()}\nmood: 3\n---\nagain\n"


# --- the command line ---------------------------------------------------------------------------


def test_cairn_log_then_build(journal):
    folder = journal({"journal.yaml": JOURNAL_YAML})
    result = run_cairn(
        "log", "2", "stayed", "in,", "it was enough", "--win", "showered", "--date", "2026-11-23", cwd=folder
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, f"Started {NAME}\n", "")
    result = run_cairn(
        "log",
        "--helped",
        "walked round the block",
        "--feeling",
        "tired",
        "--habit",
        "meds",
        "--metric",
        "sleep=6",
        "--date",
        "2026-11-23",
        cwd=folder,
    )
    assert (result.returncode, result.stdout) == (0, f"Added to {NAME}\n")
    assert (
        (folder / NAME).read_text()
        == """\
---
date: 2026-11-23
mood: 2
wins:
  - showered
sleep: 6
emotions: [tired]
habits: [meds]
coping:
  - walked round the block
---
stayed in, it was enough
"""
    )
    result = run_cairn("build", cwd=folder)
    assert result.returncode == 0, result.stderr
    page = (folder / "site/2026/11/23/index.html").read_text()
    assert "stayed in, it was enough" in page and "showered" in page and "walked round the block" in page


def test_cairn_log_with_a_word_of_the_scale(journal):
    folder = journal({"journal.yaml": "mood:\n  labels: [low, steady, bright]\n"})
    result = run_cairn("log", "Steady", "a quiet day", "--date", "2026-11-23", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / NAME).read_text() == "---\ndate: 2026-11-23\nmood: 2\n---\na quiet day\n"


def test_cairn_log_off_the_scale_exits_1_and_touches_nothing(journal):
    folder = journal({"journal.yaml": JOURNAL_YAML, NAME: "---\n# mine\ntags: [rain]\n---\nwords\n"})
    before = snapshot(folder)
    result = run_cairn("log", "7", "a line", "--win", "w", "--date", "2026-11-23", cwd=folder)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"{NAME}:4: mood must be a whole number from 1 to 5 (got 7)",
        "Nothing was written: 1 problem to fix first.",
    ]
    assert snapshot(folder) == before


@pytest.mark.parametrize(
    "args, message",
    [
        (
            [],
            'cairn: give cairn log something to add: a mood, a line, or --win, --helped, --feeling, --habit (cairn log 3 "a quiet day")',
        ),
        (["--metric", "slep=6"], "cairn: there is no metric called 'slep' (did you mean 'sleep'?)"),
        (["--metric", "sleep"], "cairn: --metric must look like NAME=N, for example --metric sleep=7.5 (got 'sleep')"),
        (["3", "--date", "23/11/2026"], "cairn: --date must look like 2026-11-23 (got '23/11/2026')"),
    ],
)
def test_cairn_log_usage_mistakes_exit_2(journal, args, message):
    folder = journal({"journal.yaml": JOURNAL_YAML})
    result = run_cairn("log", *args, cwd=folder)
    assert (result.returncode, result.stderr) == (2, message + "\n")
    assert not (folder / "content").exists()


@pytest.mark.parametrize("command", [["log", "2", "stayed in"], ["new", "--no-edit"]])
def test_log_and_new_outside_a_journal_write_nothing_and_say_where_to_go(tmp_path, command):
    home = tmp_path / "home"
    home.mkdir()
    result = run_cairn(*command, cwd=home)
    assert (result.returncode, result.stdout, list(home.iterdir())) == (2, "", [])
    assert result.stderr == (
        "cairn: this folder holds no journal (journal.yaml or content/), so nothing was written; "
        "run this inside your journal, give --journal DIR, or start one with cairn init\n"
    )
    assert run_cairn("--journal", home, *command).stderr.startswith(f"cairn: {home} holds no journal")
    (home / "content").mkdir()  # a journal without settings is still a journal
    assert run_cairn(*command, cwd=home).returncode == 0


def test_a_list_written_as_a_block_of_text_is_left_for_a_person(tmp_path):
    path = tmp_path / NAME
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: x\nwins: |\n  got up\n  made tea\n---\n")
    before = snapshot(tmp_path)
    with pytest.raises(BuildFailed) as caught:
        log(tmp_path, QuickEntry(wins=("showered",)))
    assert [str(e) for e in caught.value.errors] == [f"{NAME}:3: wins is a block of text; add to it by hand"]
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "written, result",
    [
        ("tags: [a]\nemotions: [tired,]\n", "tags: [a]\nemotions: [tired,calm]\n"),
        ("emotions: [ ]\n", "emotions: [ calm]\n"),
        ("emotions: [\n  tired,\n  ]\n", "emotions: [\n  tired,\n  calm]\n"),
        ("emotions: tired, hopeful  # a comma list\n", "emotions: [tired, hopeful, calm]  # a comma list\n"),
        ("emotions:\n- tired\n", "emotions:\n- tired\n- calm\n"),
    ],
)
def test_every_way_of_writing_a_list_is_extended_in_its_own_style(tmp_path, written, result):
    path = tmp_path / NAME
    path.parent.mkdir(parents=True)
    path.write_text(f"---\n{written}---\n")
    log(tmp_path, QuickEntry(emotions=("calm",)))
    assert path.read_text() == f"---\n{result}---\n"


def test_cairn_log_with_an_emoji_from_the_mood_aliases(journal):
    folder = journal({"journal.yaml": "mood:\n  labels: [awful, low, okay, good, great]\n  aliases: {😀: 5, meh: 3}\n"})
    result = run_cairn("log", "😀", "sun at last", "--date", "2026-11-23", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / NAME).read_text() == "---\ndate: 2026-11-23\nmood: 5\n---\nsun at last\n"


def test_log_adds_to_a_markdown_file_but_not_to_one_in_an_excluded_folder(tmp_path):
    kept = tmp_path / "content" / "diary" / "2026-11-23.markdown"
    skipped = tmp_path / "content" / "templates" / "2026-11-24.md"
    for path in (kept, skipped):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Words.\n")
    config = Config(exclude=("templates",))
    assert log(tmp_path, QuickEntry(mood="3"), config).path == kept
    logged = log(tmp_path, QuickEntry(mood="3"), config, dt.date(2026, 11, 24))
    assert (logged.path, logged.created) == (tmp_path / "content/2026/11/2026-11-24.md", True)
    assert (kept.read_text(), skipped.read_text()) == ("---\nmood: 3\n---\nWords.\n", "Words.\n")


def test_log_on_a_full_disk_says_so_and_leaves_nothing(tmp_path, full_disk, capsys):
    from generator.cli import main

    journal = tmp_path / "journal"
    (journal / "content").mkdir(parents=True)
    full_disk(journal)
    assert main(["--journal", str(journal), "log", "3", "a short walk"]) == 1
    assert capsys.readouterr().err.endswith(": the disk is full\n")
    assert list((journal / "content").iterdir()) == []  # neither an empty entry nor its folders


# --- a one-line entry counts as fully as a long one ----------------------------------------------

DAYS = [  # mood, the line cairn log writes, a win, and walk kept
    (2, "stayed in, it was enough", "showered", False),
    (1, "bad night", "", True),
    (3, "got out for milk", "", False),
    (4, "sun at last", "answered Sam", True),
    (2, "tired", "", False),
    (1, "still heavy", "", True),
    (3, "lighter", "made tea", False),
    (5, "laughed at the radio", "", True),
]


def test_a_one_line_entry_counts_on_every_page_as_a_long_one_does(tmp_path):
    """The same days written with `cairn log` (one line) and then at length: every page but
    the entries' own and the search index is the same, byte for byte."""
    sites = {}
    for length in ("one line", "long"):
        folder = tmp_path / length.replace(" ", "-")
        (folder / "content").mkdir(parents=True)
        (folder / "journal.yaml").write_text(JOURNAL_YAML)
        config = load_config(folder)
        for number, (mood, line, win, walked) in enumerate(DAYS):
            quick = QuickEntry(
                str(mood), line, (win,) if win else (), ("walk",) if mood <= 2 else (), (), ("walk",) * walked
            )
            logged = log_entry(folder, config, dt.date(2026, 3, 1) + dt.timedelta(days=number * 3 // 2), quick)
            if length == "long":
                more = "\n".join(
                    f"\nAnother paragraph about the day, the {n}th. " + "More words. " * 60 for n in range(4)
                )
                logged.path.write_text(logged.path.read_text() + more)
        result = run_cairn("build", cwd=folder)
        assert result.returncode == 0, result.stderr
        sites[length] = snapshot(folder / "site")
    short, long = sites["one line"], sites["long"]
    assert short.keys() == long.keys()
    differ = sorted(name for name in short if short[name] != long[name])
    entry_pages = [name for name in differ if re.match(r"2026/03/\d\d/index\.html$", name)]
    assert len(entry_pages) == len(DAYS) and differ == sorted([*entry_pages, "static/search-index.js"])
    # Worked out by hand: low on the 1st-2nd and 7th-8th, okay on the 4th and 10th; walk on the 4 low days.
    hard = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", short["hard-days/index.html"].decode()))
    assert "2 hard stretches since March 2026. They lasted 2 and 2 days. Each one passed." in hard
    assert "walk 4 days" in hard
    assert "stayed in, it was enough" in short["2026/03/01/index.html"].decode()


def test_the_day_and_the_time_are_the_journals_own_time_zone(tmp_path):
    config = Config(timezone="America/Los_Angeles")
    path = tmp_path / NAME
    path.parent.mkdir(parents=True)
    path.write_text("---\nmood: 3\n---\n")
    london_morning = dt.datetime(2026, 11, 24, 5, 30, tzinfo=dt.UTC)  # 21:30 on the 23rd in Los Angeles
    day = read_day(None, config, now=london_morning)
    assert day == DAY
    logged = log_entry(tmp_path, config, day, QuickEntry(mood="2", line="long day"), now=london_morning)
    assert logged.path == tmp_path / "content/2026/11/2026-11-23-2130.md"
    assert logged.path.read_text() == "---\ndate: 2026-11-23 21:30\nmood: 2\n---\nlong day\n"


def test_a_mood_off_the_scale_on_a_day_with_another_mood_starts_nothing(tmp_path):
    path = tmp_path / NAME
    path.parent.mkdir(parents=True)
    path.write_text("---\nmood: 4\n---\n")
    before = snapshot(tmp_path)
    now = dt.datetime(2026, 11, 23, 21, 30, tzinfo=dt.UTC)
    with pytest.raises(BuildFailed) as caught:
        log_entry(tmp_path, CONFIG, DAY, QuickEntry(mood="9", line="x"), now=now)
    assert [str(e) for e in caught.value.errors] == [
        "content/2026/11/2026-11-23-2130.md:3: mood must be a whole number from 1 to 5 (got 9)"
    ]
    assert snapshot(tmp_path) == before
