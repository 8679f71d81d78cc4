"""Issue 9: importers lose nothing, and odd or hostile exports get a clear message."""

from __future__ import annotations

import json
import zipfile

from generator.content import load_entries
from generator.importers.run import run_import
from generator.model import Config
from tests.conftest import run_cairn
from tests.test_importers import front, messages

HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\n"
ROWS = {
    "a": "2024-05-01,1 May,Wednesday,20:00,good,walk,,First export only\n",
    "b": "2024-05-02,2 May,Thursday,20:00,meh,,,In both exports\n",
    "c": "2024-05-03,3 May,Friday,09:00,rad,,,Also in both\n",
    "d": "2024-05-04,4 May,Saturday,20:00,bad,,,Only in the second\n",
    "e": '2024-05-03,3 May,Friday,09:00,awful,,,"Same minute as c, written later"\n',
}


def test_overlapping_daylio_exports_neither_skip_new_nor_duplicate_old(tmp_path):
    journal = tmp_path / "journal"
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(HEADER + ROWS["c"] + ROWS["b"] + ROWS["a"], encoding="utf-8")
    second.write_text(HEADER + ROWS["d"] + ROWS["e"] + ROWS["c"] + ROWS["b"], encoding="utf-8")
    assert run_import("daylio", first, journal, Config()).summary() == (
        "Imported 3 entries, skipped 0 already imported, rejected 0."
    )
    report = run_import("daylio", second, journal, Config())
    assert report.summary() == "Imported 2 entries, skipped 2 already imported, rejected 0."
    assert report.imported == ["content/2024/05/2024-05-03-2.md", "content/2024/05/2024-05-04.md"]
    assert front(journal, "content/2024/05/2024-05-03-2.md")[1] == "Same minute as c, written later\n"
    assert len(list((journal / "content").rglob("*.md"))) == 5


def test_the_same_entry_twice_in_one_export_is_two_entries_and_both_are_known_next_time(tmp_path):
    export = tmp_path / "twice.csv"
    export.write_text(HEADER + ROWS["b"] + ROWS["b"], encoding="utf-8")
    assert len(run_import("daylio", export, tmp_path / "journal", Config()).imported) == 2
    again = run_import("daylio", export, tmp_path / "journal", Config())
    assert again.summary() == "Imported 0 entries, skipped 2 already imported, rejected 0."


def test_an_entry_imported_before_digests_still_counts_as_there(tmp_path):
    journal = tmp_path / "journal"
    old = journal / "content/2024/05/2024-05-02.md"
    old.parent.mkdir(parents=True)
    old.write_text("---\ndate: 2024-05-02 20:00\nmood: 3\nimported: daylio 2024-05-02 20:00\n---\nIn both exports\n")
    export = tmp_path / "export.csv"
    export.write_text(HEADER + ROWS["b"], encoding="utf-8")
    assert run_import("daylio", export, journal, Config()).summary() == (
        "Imported 0 entries, skipped 1 already imported, rejected 0."
    )


def test_years_one_and_9999_get_four_digit_names_and_read_back(tmp_path):
    journal = tmp_path / "journal"
    text = tmp_path / "edges.journal"
    text.write_text("[0001-01-01 00:05] The very start.\n\n[9999-12-31 23:59] The very end.\n", encoding="utf-8")
    report = run_import("jrnl", text, journal, Config())
    assert report.imported == ["content/0001/01/0001-01-01.md", "content/9999/12/9999-12-31.md"]
    assert (
        (journal / "content/0001/01/0001-01-01.md")
        .read_text(encoding="utf-8")
        .startswith("---\ndate: 0001-01-01 00:05\ntitle: The very start.\nimported: jrnl 0001-01-01 00:05 ")
    )
    loaded = load_entries(journal, Config())
    assert ([str(e.date) for e in loaded.entries], loaded.errors) == (["0001-01-01", "9999-12-31"], [])


def test_a_time_zone_that_moves_an_entry_past_year_9999_or_before_year_1_is_a_clean_error(tmp_path):
    export = tmp_path / "Journal.json"
    entries = [
        {"creationDate": "9999-12-31T23:30:00Z", "timeZone": "Asia/Tokyo", "text": "late"},
        {"creationDate": "0001-01-01T00:10:00Z", "timeZone": "America/New_York", "text": "early"},
        {"creationDate": "0001-01-01T00:10:00Z", "timeZone": "UTC", "text": "fine"},
    ]
    export.write_text(json.dumps({"entries": entries}), encoding="utf-8")
    report = run_import("dayone", export, tmp_path / "journal", Config(), skip_bad=True)
    assert messages(report) == [
        "Journal.json:1: entry 1: creationDate 9999-12-31 in Asia/Tokyo falls outside the years 1 to 9999",
        "Journal.json:1: entry 2: creationDate 0001-01-01 in America/New_York falls outside the years 1 to 9999",
    ]
    assert report.imported == ["content/0001/01/0001-01-01.md"]


def test_a_day_one_zip_that_would_expand_past_the_budget_is_refused_before_extracting(tmp_path):
    bomb = tmp_path / "export.zip"
    with (
        zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("Journal.json", "w") as member,
    ):
        member.write(b'{"entries": [], "padding": "')
        for _ in range(65):
            member.write(b" " * (1024 * 1024))
        member.write(b'"}')
    assert bomb.stat().st_size < 1024 * 1024  # small on disk, 65 MB inside
    report = run_import("dayone", bomb, tmp_path / "journal", Config())
    assert messages(report) == [
        "export.zip: would expand to 65 MB of journal text, more than the 64 MB Cairn reads from a zip;"
        " nothing was extracted. If it is a real export, unzip it yourself and import the folder"
    ]
    assert report.imported == [] and not (tmp_path / "journal").exists()


def test_nested_and_deeply_nested_json_values_are_clean_messages(tmp_path):
    export = tmp_path / "jrnl.json"
    entry = {"title": {"nested": [1, {"deeper": True}]}, "date": "2024-01-01", "time": "10:00"}
    export.write_text(json.dumps({"entries": [entry, {"date": [["2024"]], "time": "10:00"}]}), encoding="utf-8")
    report = run_import("jrnl", export, tmp_path / "journal", Config())
    assert messages(report) == [
        "jrnl.json:1: entry 1: title must be text (got an object)",
        "jrnl.json:1: entry 2: date must be text (got a list)",
    ]
    deep = tmp_path / "deep.json"
    deep.write_text('{"entries": ' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")
    assert messages(run_import("jrnl", deep, tmp_path / "journal", Config())) == [
        "deep.json:1: is nested too deeply to be a jrnl JSON export"
    ]


def test_terminal_control_characters_never_reach_the_terminal(tmp_path):
    folder = tmp_path / "journal"
    assert run_cairn("init", folder).returncode == 0
    export = tmp_path / "jrnl.json"
    evil = "\x1b]0;owned\x07\x1b[2J2024-01-01"
    export.write_text(json.dumps({"entries": [{"title": "x", "date": evil, "time": "10:00"}]}), encoding="utf-8")
    result = run_cairn("--journal", folder, "import", "jrnl", export)
    assert result.returncode == 1
    assert "\x1b" not in result.stderr + result.stdout and "\x07" not in result.stderr
    assert (
        f"{export}:1: entry 1: date '\\x1b]0;owned\\x07\\x1b[2J2024-01-01' is not a date like 2020-06-28"
        in result.stderr
    )


def test_a_huge_value_in_a_message_is_cut_short(tmp_path):
    export = tmp_path / "jrnl.json"
    export.write_text(json.dumps({"entries": [{"date": "9" * 100_000, "time": "10:00"}]}), encoding="utf-8")
    [problem] = messages(run_import("jrnl", export, tmp_path / "journal", Config()))
    assert len(problem) == 400 + len("jrnl.json:1: ") and problem.endswith("…")


def test_a_disk_that_fills_up_mid_import_leaves_whole_entries_and_says_how_many(
    tmp_path, full_disk, monkeypatch, capsys
):
    from generator.cli import main

    export = tmp_path / "export.csv"
    export.write_text(HEADER + ROWS["a"] + ROWS["b"] + ROWS["c"], encoding="utf-8")
    journal = tmp_path / "journal"
    (journal / "content").mkdir(parents=True)
    full_disk(journal, room=1)
    assert main(["--journal", str(journal), "import", "daylio", str(export)]) == 1
    out, err = capsys.readouterr()
    assert out == "wrote content/2024/05/2024-05-01.md\n"
    assert err == (
        f"cairn: could not write {journal}/content/2024/05/2024-05-02.md: the disk is full. 1 entry imported"
        " before it stopped, each whole; importing the same file again adds only the rest\n"
    )
    assert sorted(p.name for p in (journal / "content").rglob("*.md")) == ["2024-05-01.md"]
    assert front(journal, "content/2024/05/2024-05-01.md")[1] == "First export only\n"
    monkeypatch.undo()  # room on the disk again
    again = run_import("daylio", export, journal, Config())
    assert (len(again.imported), again.duplicates) == (2, 1)
