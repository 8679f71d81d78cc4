"""scaffold: `cairn init` and `cairn new`, which never overwrite what a person wrote."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.config import load_config
from generator.content import read_entry
from generator.entry_templates import UnknownTemplate, available_templates
from generator.errors import BuildFailed
from generator.model import Config, Habit, Metric, MoodScale
from generator.scaffold import (
    GITIGNORE,
    JOURNAL_YAML,
    PLAN_TEMPLATE,
    JournalExists,
    entry_path,
    init_journal,
    new_entry,
    open_in_editor,
    read_day,
)
from tests.conftest import snapshot

EMPTY_ENTRY = """\
---
date: 2026-11-23
mood:        # 1 awful, 2 low, 3 okay, 4 good, 5 great
tags: []
wins:         # small things count: a shower, a walk, a message answered
  -
gratitude:
  -
emotions: []
habits: []
coping: []    # what helped, if anything did
---

"""


def test_init_makes_a_journal(tmp_path):
    folder = init_journal(tmp_path / "diary")
    assert (folder / "content").is_dir()
    assert (folder / "journal.yaml").read_text() == JOURNAL_YAML
    assert (folder / ".gitignore").read_text() == GITIGNORE == "site/\n.cairn/\nshares/\nreviews/\n"
    if shutil.which("git"):
        assert (folder / ".git").is_dir()
    assert load_config(folder).title == "My journal"


def test_init_keeps_an_existing_gitignore(tmp_path):
    (tmp_path / ".gitignore").write_text("*.swp\n")
    init_journal(tmp_path)
    assert (tmp_path / ".gitignore").read_text() == "*.swp\n"


@pytest.mark.parametrize("existing", ["journal.yaml", "content/2026-01-01.md"])
def test_init_refuses_an_existing_journal_and_changes_nothing(tmp_path, existing):
    (tmp_path / existing).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / existing).write_text("mine\n")
    before = snapshot(tmp_path)
    with pytest.raises(JournalExists) as caught:
        init_journal(tmp_path)
    assert str(caught.value) == f"{tmp_path} already holds a journal; nothing was changed"
    assert snapshot(tmp_path) == before


def test_entry_path(tmp_path):
    assert entry_path(tmp_path, dt.date(2026, 1, 5)) == tmp_path / "content" / "2026" / "01" / "2026-01-05.md"
    assert entry_path(tmp_path, dt.date(1, 2, 3)) == tmp_path / "content" / "0001" / "02" / "0001-02-03.md"


def new(journal, date_text, title=None, config=None, template="default"):
    config = config or Config()
    return new_entry(journal, config, read_day(date_text, config), title, template)


def test_new_writes_the_gentle_template(tmp_path):
    path, created = new(tmp_path, "2026-11-23")
    assert (created, path) == (True, tmp_path / "content" / "2026" / "11" / "2026-11-23.md")
    assert path.read_text() == EMPTY_ENTRY
    entry, problems = read_entry("content/2026/11/2026-11-23.md", path.read_bytes(), load_config(tmp_path))
    assert entry is not None, problems
    assert problems == [] and entry.date == dt.date(2026, 11, 23)


def test_new_writes_the_journals_own_scale_metrics_and_habits(tmp_path):
    config = Config(
        mood=MoodScale(low=0, labels=("very low", "low", "steady", "bright")),
        metrics=(Metric("sleep", "Sleep", "hours", 0, 24), Metric("pain", "Pain"), Metric("steps", "Steps", "", 0)),
        habits=(Habit("walk", "Went for a walk"), Habit("meds", "Took medication")),
    )
    path, _ = new(tmp_path, "2026-11-23", config=config)
    assert (
        path.read_text()
        == """\
---
date: 2026-11-23
mood:        # 0 very low, 1 low, 2 steady, 3 bright
sleep:        # Sleep in hours, 0 to 24
pain:        # Pain
steps:        # Steps, at least 0
tags: []
wins:         # small things count: a shower, a walk, a message answered
  -
gratitude:
  -
emotions: []
habits: []    # walk, meds
coping: []    # what helped, if anything did
---

"""
    )
    entry, problems = read_entry("content/x/2026-11-23.md", path.read_bytes(), config)
    assert entry is not None, problems
    assert (problems, entry.mood, entry.metrics) == ([], None, ())


def test_the_built_in_short_and_evening_templates(tmp_path):
    short, _ = new(tmp_path, "2026-11-23", template="short")
    assert short.read_text() == "---\ndate: 2026-11-23\nmood:        # 1 awful, 2 low, 3 okay, 4 good, 5 great\n---\n\n"
    evening, created = new(tmp_path, "2026-11-24", "Evening", template="evening")
    assert created and evening.name == "2026-11-24.md"
    text = evening.read_text()
    assert text.startswith('---\ndate: 2026-11-24\ntitle: "Evening"\nmood:        # 1 awful')
    assert [line for line in text.splitlines() if line.endswith("?")] == [
        "What did I get through today?",
        "What helped, even a little?",
        "What can wait until tomorrow?",
    ]
    for path in (short, evening):
        assert read_entry("content/e.md", path.read_bytes(), Config())[1] == []


def test_a_journals_own_template_comes_first(tmp_path):
    own = tmp_path / "templates" / "new"
    own.mkdir(parents=True)
    (own / "short.md").write_text(
        "---\ndate: {{ date }}\n---\n{{ longdate }}: {{ moods | length }} moods, {{ habits | join('/') }}\n"
    )
    (own / "gratitude.md").write_text("---\ndate: {{ date }}\ngratitude:\n  -\n---\n")
    config = Config(habits=(Habit("walk", "Walk"), Habit("read", "Read")))
    path, _ = new(tmp_path, "2026-11-23", config=config, template="short")
    assert path.read_text() == "---\ndate: 2026-11-23\n---\nMonday 23 November 2026: 5 moods, walk/read\n"
    path, _ = new(tmp_path, "2026-11-24", template="gratitude")
    assert path.read_text() == "---\ndate: 2026-11-24\ngratitude:\n  -\n---\n"
    listed = [(t.name, t.own, t.replaces_builtin) for t in available_templates(tmp_path)]
    assert listed == [
        ("default", False, False),
        ("evening", False, False),
        ("gratitude", True, False),
        ("short", True, True),
    ]


def test_an_unknown_template_names_the_ones_there_are(tmp_path):
    with pytest.raises(UnknownTemplate) as caught:
        new(tmp_path, "2026-11-23", template="morning")
    assert str(caught.value) == "there is no entry template called 'morning' (there are: default, evening, short)"
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize(
    "source, message",
    [
        (
            "---\ndate: {{ date }}\n{% if %}\n---\n",
            "templates/new/broken.md:3: template cannot be read: Expected an expression, got 'end of statement block'",
        ),
        (
            "---\ndate: {{ date }}\n---\n\n{{ weather }}\n",
            "templates/new/broken.md:5: template cannot be drawn: 'weather' is undefined",
        ),
    ],
)
def test_a_broken_template_is_reported_at_its_line(tmp_path, source, message):
    (tmp_path / "templates" / "new").mkdir(parents=True)
    (tmp_path / "templates" / "new" / "broken.md").write_text(source)
    with pytest.raises(BuildFailed) as caught:
        new(tmp_path, "2026-11-23", template="broken")
    assert [str(e) for e in caught.value.errors] == [message]
    assert not (tmp_path / "content").exists()


def test_the_built_in_templates_travel_with_the_package():
    import tomllib

    root = Path(__file__).parents[1]
    setuptools = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "generator.theme.new" in setuptools["packages"]
    folder = root / setuptools["package-dir"]["generator.theme.new"]
    shipped = {p.name for pattern in setuptools["package-data"]["generator.theme.new"] for p in folder.glob(pattern)}
    assert shipped == {"default.md", "short.md", "evening.md"}


def test_new_with_a_title_that_needs_quoting(tmp_path):
    path, _ = new(tmp_path, "2026-11-23", 'Rain: "again"')
    assert path.read_text().splitlines()[:3] == ["---", "date: 2026-11-23", 'title: "Rain: \\"again\\""']
    entry, problems = read_entry("content/2026/11/2026-11-23.md", path.read_bytes(), load_config(tmp_path))
    assert entry is not None, problems
    assert (problems, entry.title) == ([], 'Rain: "again"')


def test_new_defaults_to_today_in_the_journals_time_zone(tmp_path):
    path, created = new(tmp_path, None)
    assert created and path == entry_path(tmp_path, read_day(None, Config()))
    # 23:30 on 31 December in London is already 1 January in Auckland.
    moment = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)
    assert read_day(None, Config(timezone="Pacific/Auckland"), moment) == dt.date(2027, 1, 1)
    assert read_day(None, Config(timezone="America/Los_Angeles"), moment) == dt.date(2026, 12, 31)


@pytest.mark.parametrize(
    "clock, day",
    [
        ((1, 30), dt.date(2026, 11, 23)),
        ((3, 59), dt.date(2026, 11, 23)),
        ((4, 0), dt.date(2026, 11, 24)),
        ((23, 0), dt.date(2026, 11, 24)),
    ],
)
def test_today_honours_day_starts_at(clock, day):
    config = Config(timezone="Europe/Berlin", day_starts_at=dt.time(4, 0))
    hour, minute = clock
    moment = dt.datetime(2026, 11, 24, hour, minute, tzinfo=ZoneInfo("Europe/Berlin"))
    assert read_day(None, config, moment) == day


def test_the_first_and_last_days_there_are(tmp_path):
    first, _ = new(tmp_path, "0001-01-01")
    last, _ = new(tmp_path, "9999-12-31")
    assert first == tmp_path / "content" / "0001" / "01" / "0001-01-01.md"
    assert last == tmp_path / "content" / "9999" / "12" / "9999-12-31.md"
    for path in (first, last):
        assert read_entry(path.relative_to(tmp_path).as_posix(), path.read_bytes(), Config())[1] == []
    moment = dt.datetime(1, 1, 1, 1, 0, tzinfo=dt.UTC)
    assert read_day(None, Config(day_starts_at=dt.time(4, 0)), moment) == dt.date(1, 1, 1)


def test_new_never_overwrites(tmp_path):
    path, _ = new(tmp_path, "2026-11-23")
    path.write_text("my own words\n")
    again, created = new(tmp_path, "2026-11-23")
    assert (again, created) == (path, False)
    assert path.read_bytes() == b"my own words\n"


def test_a_title_on_a_day_with_an_entry_starts_a_second_one(tmp_path):
    first, _ = new(tmp_path, "2026-11-23")
    first.write_text("morning words\n")
    evening, created = new(tmp_path, "2026-11-23", "Evening")
    assert (evening, created) == (first.with_name("2026-11-23-evening.md"), True)
    assert evening.read_text().splitlines()[:3] == ["---", "date: 2026-11-23", 'title: "Evening"']
    evening.write_text("evening words\n")
    again = new(tmp_path, "2026-11-23", "Evening")  # the evening entry is reopened, not a third one
    assert again == (evening, False)
    assert (first.read_text(), evening.read_text()) == ("morning words\n", "evening words\n")


def test_a_second_entry_goes_beside_the_first_in_any_layout(tmp_path):
    first = tmp_path / "content" / "diary" / "2026-11-23.md"
    first.parent.mkdir(parents=True)
    first.write_text("mine\n")
    path, created = new(tmp_path, "2026-11-23", "Late night")
    assert (path, created) == (tmp_path / "content" / "diary" / "2026-11-23-late-night.md", True)


def test_two_new_at_once_never_overwrite(tmp_path, monkeypatch):
    # Another `cairn new` writes the file between this one looking and creating it.
    import generator.scaffold as scaffold

    real = scaffold.draw_template

    def draw_while_another_writes(*args, **kwargs):
        text = real(*args, **kwargs)
        target = entry_path(tmp_path, dt.date(2026, 11, 23))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("the other one's words\n")
        return text

    monkeypatch.setattr(scaffold, "draw_template", draw_while_another_writes)
    path, created = new(tmp_path, "2026-11-23")
    assert (created, path.read_text()) == (False, "the other one's words\n")


def test_new_opens_the_days_entry_kept_in_another_layout(tmp_path):
    existing = tmp_path / "content" / "diary" / "2026-11-23.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("mine\n")
    (tmp_path / "content" / "2026-11-23-evening.md").write_text("evening\n")
    before = snapshot(tmp_path)
    assert new(tmp_path, "2026-11-23") == (existing, False)
    assert snapshot(tmp_path) == before
    path, created = new(tmp_path, "2026-11-24")  # another day: a new file
    assert created and path == tmp_path / "content" / "2026" / "11" / "2026-11-24.md"


@pytest.mark.parametrize("text", ["2026-13-01", "23.11.2026", "tomorrow", "10000-01-01", "0000-01-01"])
def test_new_with_a_date_that_is_not_a_date(tmp_path, text):
    with pytest.raises(ValueError) as caught:
        new(tmp_path, text)
    assert str(caught.value) == f"--date must look like 2026-11-23 (got '{text}')"
    assert not (tmp_path / "content").exists()


def test_open_in_editor(tmp_path, monkeypatch):
    path = tmp_path / "e.md"
    path.write_text("x")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    assert open_in_editor(path) is None
    monkeypatch.setenv("EDITOR", "true")
    assert open_in_editor(path) == 0
    monkeypatch.setenv("EDITOR", "false")
    assert open_in_editor(path) == 1
    monkeypatch.setenv("VISUAL", "true")  # VISUAL wins over EDITOR
    assert open_in_editor(path) == 0


def test_an_editor_with_arguments_gets_the_file_last(tmp_path, monkeypatch):
    path = tmp_path / "e.md"
    path.write_text("x")
    record = tmp_path / "args"
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"sh -c 'echo \"$@\" > {record}' editor --wait")
    assert open_in_editor(path) == 0
    assert record.read_text() == f"--wait {path}\n"


@pytest.mark.parametrize("editor", ["/no/such/editor", 'vim "unbalanced'])
def test_an_editor_that_cannot_start(tmp_path, monkeypatch, caplog, editor):
    path = tmp_path / "e.md"
    path.write_text("x")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor)
    assert open_in_editor(path) == 127
    assert f"could not start the editor {editor!r}" in caplog.text
    assert path.read_text() == "x"


def test_init_offers_a_plan_with_the_usual_sections_and_nothing_of_cairns_own(tmp_path):
    folder = init_journal(tmp_path / "diary")
    text = (folder / "plan.md").read_text()
    assert text == PLAN_TEMPLATE
    assert [line for line in text.splitlines() if line.startswith("#")] == [
        "# My plan for hard days",
        "## Warning signs",
        "## Things that help me",
        "## People and places",
        "## People I can ask",
        "## Professional and crisis lines I chose",
    ]
    assert not any(character.isdigit() for character in text)  # no phone numbers of Cairn's choosing
    assert "!" not in text


def test_the_plan_init_offers_reads_as_headings_and_prompts_before_it_is_filled_in(tmp_path):
    from generator.body.plan import render_plan

    html, problems = render_plan(init_journal(tmp_path / "diary"))
    assert problems == [] and html is not None
    # Nothing on the page that the person did not write or Cairn did not ask: no stray dashes.
    assert [re.sub(r"<[^>]+>", "", line) for line in html.splitlines() if line.startswith("<p>")][1:] == [
        "What I notice when things start to get harder: thoughts, feelings, what I do or stop doing.",
        "What I can do on my own, even for a few minutes.",
        "People and places that take my mind somewhere else for a while.",
        "Who I can talk to, and how to reach them.",
        "The people and services I chose, and how to reach them.",
    ]


def test_init_keeps_a_plan_already_there(tmp_path):
    (tmp_path / "plan.md").write_text("# Mine\n\nCall Sam.\n")
    init_journal(tmp_path)
    assert (tmp_path / "plan.md").read_text() == "# Mine\n\nCall Sam.\n"


def test_cairn_new_follows_the_scale_in_journal_yaml(tmp_path):
    from tests.conftest import run_cairn

    (tmp_path / "journal.yaml").write_text("mood:\n  labels: [low, steady, bright]\nhabits: [stretch]\n")
    result = run_cairn("new", "--date", "2026-11-23", "--no-edit", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    lines = (tmp_path / "content/2026/11/2026-11-23.md").read_text().splitlines()
    assert "mood:        # 1 low, 2 steady, 3 bright" in lines
    assert "habits: []    # stretch" in lines
    assert not any("awful" in line for line in lines)


def test_a_days_file_in_a_hidden_folder_is_not_the_days_entry(tmp_path):
    hidden = tmp_path / "content" / ".trash" / "2026-11-23.md"
    hidden.parent.mkdir(parents=True)
    hidden.write_text("thrown away\n")
    path, created = new(tmp_path, "2026-11-23")
    assert (path, created) == (tmp_path / "content/2026/11/2026-11-23.md", True)
    assert hidden.read_text() == "thrown away\n"


def test_a_second_entry_beside_a_markdown_file_keeps_its_suffix(tmp_path):
    first = tmp_path / "content" / "2026-11-23.markdown"
    first.parent.mkdir(parents=True)
    first.write_text("Morning.\n")
    path, created = new(tmp_path, "2026-11-23", "Evening")
    assert (path, created) == (tmp_path / "content" / "2026-11-23-evening.markdown", True)


def test_new_on_a_full_disk_says_so_and_leaves_no_empty_entry(tmp_path, full_disk, capsys):
    from generator.cli import main

    init_journal(tmp_path / "journal")
    journal = tmp_path / "journal"
    before = snapshot(journal)
    full_disk(journal)
    assert main(["--journal", str(journal), "new", "--date", "2026-11-23", "--no-edit"]) == 1
    where = journal / "content" / "2026" / "11" / "2026-11-23.md"
    assert capsys.readouterr().err == f"cairn: could not write {where}: the disk is full\n"
    assert snapshot(journal) == before  # no empty file that the next `cairn new` would open
    assert not (journal / "content" / "2026").exists()
