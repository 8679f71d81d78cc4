"""Issue 13: `cairn export csv|json` lose nothing, leave private entries out, and round-trip."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from generator.config import load_config
from generator.content import load_entries
from generator.errors import BuildFailed
from generator.importers.run import run_import
from tests.conftest import run_cairn

JOURNAL_YAML = """\
mood:
  labels: [awful, low, okay, good, great]
metrics:
  sleep: {label: Sleep, unit: hours, min: 0, max: 14}
  anxiety: {label: Anxiety, min: 0, max: 10}
habits: [walk, meds]
private_tags: [family]
"""

ENTRIES = {
    "content/2026/11/2026-11-23.md": (
        "---\ndate: 2026-11-23 09:30\ntitle: =A quieter morning\nmood: 3\nsleep: 7.5\nanxiety: 4\n"
        "tags: [walk, therapy]\nwins: [Got up before nine, 'Texted Sam; finally']\nhabits: [walk, meds]\n"
        "emotions: [tired, hopeful]\ncoping: [went for a walk]\ngratitude: [Rain on the window]\n"
        "event: Started sertraline\nfor_session: [ask about sleep]\nstarred: true\n---\nFree text, with *Markdown*.\n\nA second paragraph.\n"
    ),
    "content/2026/11/2026-11-23-evening.md": "---\ntitle: Evening\nmood: 4\nresurface: false\n---\nLater.\n",
    "content/2026/11/2026-11-24.md": "---\nprivate: true\nmood: 1\n---\nSecret words.\n",
    "content/2026/11/2026-11-25.md": "---\ntags: [Family]\n---\nFamily words.\n",
    "content/2026/11/2026-11-26.md": "---\ndraft: true\n---\nNot yet.\n",
    "content/2026/11/2026-11-27.md": "Only a body, no front matter.\n",
}


def make_journal(journal, files=ENTRIES):
    return journal({"journal.yaml": JOURNAL_YAML, **files})


def test_csv_one_row_per_entry_private_and_drafts_left_out(journal):
    folder = make_journal(journal)
    result = run_cairn("--journal", folder, "export", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == [
        "date", "time", "title", "mood", "mood_label", "sleep", "anxiety", "wins_count", "wins", "habits_count",
        "habits", "tags_count", "tags", "emotions_count", "emotions", "coping_count", "coping", "events_count",
        "events", "file",
    ]  # fmt: skip
    # Oldest first; on one day an entry without a time comes before one at 09:30.
    assert rows[1:] == [
        ["2026-11-23", "", "Evening", "4", "good", "", "", "0", "", "0", "", "0", "", "0", "", "0", "", "0", "",
         "content/2026/11/2026-11-23-evening.md"],
        ["2026-11-23", "09:30", "'=A quieter morning", "3", "okay", "7.5", "4", "2", "Got up before nine;Texted Sam; finally",
         "2", "walk;meds", "2", "walk;therapy", "2", "tired;hopeful", "1", "went for a walk", "1", "Started sertraline",
         "content/2026/11/2026-11-23.md"],
        ["2026-11-27", "", "", "", "", "", "", "0", "", "0", "", "0", "", "0", "", "0", "", "0", "",
         "content/2026/11/2026-11-27.md"],
    ]  # fmt: skip
    everything = run_cairn("--journal", folder, "export", "csv", "--include-private", "--drafts")
    assert len(everything.stdout.splitlines()) == 1 + 6


def test_json_holds_every_field_and_is_the_same_bytes_each_time(journal, tmp_path):
    folder = make_journal(journal)
    out = tmp_path / "export.json"
    result = run_cairn("--journal", folder, "export", "json", "--out", out)
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr == f"Wrote 3 entries to {out}, leaving out 2 private.\n"
    first = out.read_bytes()
    assert run_cairn("--journal", folder, "export", "json").stdout.encode("utf-8") == first
    document = json.loads(first)
    assert document["journal"]["metrics"][0] == {
        "name": "sleep",
        "label": "Sleep",
        "unit": "hours",
        "min": 0,
        "max": 14,
    }
    assert [e["file"] for e in document["entries"]] == [
        "content/2026/11/2026-11-23-evening.md", "content/2026/11/2026-11-23.md", "content/2026/11/2026-11-27.md",
    ]  # fmt: skip
    assert document["entries"][1] == {
        "file": "content/2026/11/2026-11-23.md", "date": "2026-11-23", "time": "09:30:00",
        "title": "=A quieter morning", "mood": 3, "metrics": {"sleep": 7.5, "anxiety": 4},
        "tags": ["walk", "therapy"], "wins": ["Got up before nine", "Texted Sam; finally"],
        "gratitude": ["Rain on the window"], "emotions": ["tired", "hopeful"], "habits": ["walk", "meds"],
        "coping": ["went for a walk"], "resurface": True, "draft": False, "private": False,
        "extra": {"event": "Started sertraline", "for_session": ["ask about sleep"], "starred": True},
        "body": "Free text, with *Markdown*.\n\nA second paragraph.\n",
    }  # fmt: skip
    assert document["entries"][2]["title"] is None  # no title of its own


def comparable(entry):
    extra = {k: v for k, v in entry.extra.items() if k != "imported"}
    return (entry.source, entry.date, entry.time, entry.title, entry.has_title, entry.mood, entry.metrics,
            entry.tags, entry.wins, entry.gratitude, entry.emotions, entry.habits, entry.coping, entry.resurface,
            entry.draft, entry.private, entry.events, entry.for_session, extra, entry.body.strip())  # fmt: skip


def test_import_of_the_json_export_gives_back_the_same_entries(journal, tmp_path):
    folder = make_journal(journal)
    export = tmp_path / "everything.json"
    assert (
        run_cairn("--journal", folder, "export", "json", "--include-private", "--drafts", "--out", export).returncode
        == 0
    )
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copy(folder / "journal.yaml", fresh / "journal.yaml")
    config = load_config(fresh)
    report = run_import("cairn", export, fresh, config)
    assert report.summary() == "Imported 6 entries, skipped 0 already imported, rejected 0."
    assert sorted(report.imported) == sorted(ENTRIES)  # the same file names
    original, back = load_entries(folder, config), load_entries(fresh, config)
    assert back.errors == [] and back.warnings == []
    assert sorted(map(comparable, back.entries)) == sorted(map(comparable, original.entries))
    again = run_import("cairn", export, fresh, config)
    assert again.summary() == "Imported 0 entries, skipped 6 already imported, rejected 0."


def test_a_cairn_export_with_wrong_values_is_a_clean_message(tmp_path):
    export = tmp_path / "export.json"
    entries = [
        {"date": "2026-11-23", "mood": 9},
        {"date": "2026-11-24", "tags": {"a": 1}},
        {"date": "2026-02-30"},
        "not an entry",
    ]
    export.write_text(json.dumps({"cairn_export": 1, "entries": entries}), encoding="utf-8")
    from generator.model import Config

    report = run_import("cairn", export, tmp_path / "journal", Config())
    assert [str(e).removeprefix(f"{export}:1: ") for e in report.rejected] == [
        "entry 1: mood 9 is not on this journal's scale from 1 to 5",
        "entry 2: tags must be a list of texts (got an object)",
        "entry 3: date '2026-02-30' is not a real date",
        "entry 4: is text, not an entry",
    ]
    assert report.imported == [] and report.rejected_entries == 4


def test_the_readme_schema_names_exactly_the_fields_an_export_has(journal):
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("The JSON, as a JSON Schema:\n\n```json\n", 1)[1].split("\n```", 1)[0]
    schema = json.loads(block)
    document = json.loads(run_cairn("--journal", make_journal(journal), "export", "json").stdout)
    assert sorted(schema["properties"]) == sorted(document)
    assert sorted(schema["properties"]["journal"]["properties"]) == sorted(document["journal"])
    for entry in document["entries"]:
        assert sorted(schema["properties"]["entries"]["items"]["properties"]) == sorted(entry)


def test_private_tags_in_journal_yaml(journal):
    folder = journal({"journal.yaml": "private_tags: family, Health\n"})
    assert load_config(folder).private_tags == ("family", "Health")
    folder = journal({"journal.yaml": "title: x\nprivate_tags: {family: yes}\n"})
    with pytest.raises(BuildFailed) as caught:
        load_config(folder)
    assert [str(e) for e in caught.value.errors] == [
        "journal.yaml:2: private_tags must be a list of tags, for example [family, health]"
    ]


def test_a_tag_in_private_tags_makes_an_entry_private_whatever_its_case(journal):
    folder = make_journal(journal)
    config = load_config(folder)
    private = sorted(e.source for e in load_entries(folder, config).entries if config.is_private(e))
    assert private == ["content/2026/11/2026-11-24.md", "content/2026/11/2026-11-25.md"]
