"""cairn import: Daylio CSV, Day One JSON and jrnl JSON into ordinary entry files."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest

from generator.importers.run import ImportReport, UsageError, run_import
from generator.model import Config, Habit, Metric, MoodScale
from generator.yamlload import load_mapping

HERE = Path(__file__).resolve().parent / "importers"
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
DAYLIO = CORPORA / "daylio-csv"
GABANNA = DAYLIO / "deutschegabanna-obsidian-daylio-parser"
DAYONE = CORPORA / "dayone-json"
DEV_JOURNAL = DAYONE / "marcdonald-obsidian-day-one-importer"

realworld = pytest.mark.realworld
needs_corpora = pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not here")

# The custom Daylio labels used across the deutschegabanna samples, mapped by hand.
GABANNA_MOODS = {
    "vaguely ok": 3, "vaguely ok, but uncertain": 3, "vaguely good": 4, "vaguely bad": 2, "fatigued": 2,
    "captivated": 4, "tired": 2, "grateful": 4, "blissful": 5, "in awe": 5, "lifeless": 1, "hungry": 3,
    "helpless": 1, "laughing": 5, "rested": 4,
}  # fmt: skip


def unknown_mood(name: str, line: int, label: str, key: str = "") -> str:
    """The message for a Daylio mood label that neither journal.yaml nor Daylio's defaults know."""
    label, _, used = label.partition(" (")
    used = f" ({used}" if used else ""
    key = key or label
    return (
        f"{name}:{line}: mood '{label}'{used} is not a label of the journal's mood scale or of Daylio's"
        f" (rad, good, meh, bad, awful): give it a level from 1 to 5 under `mood: aliases:` in journal.yaml"
        f" (`{key}: N`), then import again"
    )


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def front(journal: Path, relative: str) -> tuple[dict, str]:
    """(front matter as the journal itself reads it, body) of a written entry."""
    text = (journal / relative).read_text(encoding="utf-8")
    assert text.startswith("---\n")
    head, _, body = text[4:].partition("\n---\n")
    return {key: field.value for key, field in load_mapping(head).items()}, body


def when_imported(meta: dict) -> str:
    """`daylio 2020-05-30 18:50` from `imported: daylio 2020-05-30 18:50 1a2b3c4d` (app, time, digest)."""
    digest = meta["imported"][-8:]
    assert meta["imported"][-9] == " " and len(digest) == 8 and all(c in "0123456789abcdef" for c in digest)
    return meta["imported"][:-9]


def without_digest(text: str) -> str:
    """An entry file with the digest of its `imported:` line taken off (checked to be there)."""
    found = re.findall(r"^imported: .* ([0-9a-f]{8})$", text, re.M)
    assert len(found) == 1, text
    return re.sub(r"^(imported: .*) [0-9a-f]{8}$", r"\1", text, flags=re.M)


def by_imported(journal: Path, report: ImportReport) -> dict[str, tuple[dict, str]]:
    entries = {}
    for relative in report.imported:
        meta, body = front(journal, relative)
        entries[when_imported(meta)] = (meta, body)
    return entries


def messages(report: ImportReport) -> list[str]:
    return [
        f"{Path(e.path).name}:{e.line}: {e.message}" if e.line else f"{Path(e.path).name}: {e.message}"
        for e in report.rejected
    ]


# --- Daylio -------------------------------------------------------------------------------


@realworld
@needs_corpora
def test_daylio_default_labels_twelve_and_twenty_four_hour_times(tmp_path):
    journal = tmp_path / "journal"
    report = run_import("daylio", DAYLIO / "staticf0x-daylio-parser" / "test_data.csv", journal, Config())
    assert (len(report.imported), report.duplicates, report.rejected) == (32, 0, [])
    assert report.summary() == "Imported 32 entries, skipped 0 already imported, rejected 0."
    entries = by_imported(journal, report)
    assert len(entries) == 32
    meta, body = entries["daylio 2020-05-30 18:50"]  # "6:50 pm"
    assert meta["date"] == dt.datetime(2020, 5, 30, 18, 50)
    assert meta["mood"] == 5 and meta["tags"] == ["friends", "gaming", "programming", "nap"]
    assert body == "Awesome\n"
    assert entries["daylio 2020-05-25 14:58"][0]["mood"] == 3  # "14:58" among 12-hour times, meh
    assert entries["daylio 2020-05-28 00:46"][0]["mood"] == 5  # "12:46 am"
    assert entries["daylio 2020-05-27 12:20"][0]["mood"] == 4  # "12:20 pm", good
    assert entries["daylio 2020-05-25 18:51"][0]["mood"] == 1  # awful
    assert entries["daylio 2020-05-25 20:00"][0]["mood"] == 2  # bad
    moods = sorted(meta["mood"] for meta, _ in entries.values())
    assert [moods.count(n) for n in (1, 2, 3, 4, 5)] == [2, 2, 4, 5, 19]
    # Four entries on 30 May, named in the order of the day.
    may30 = [p for p in report.imported if "2020-05-30" in p]  # reported oldest first
    assert may30 == [f"content/2020/05/2020-05-30{s}.md" for s in ("", "-2", "-3", "-4")]
    assert front(journal, may30[0])[0]["date"] == dt.datetime(2020, 5, 30, 1, 23)


@realworld
@needs_corpora
def test_daylio_reimport_writes_nothing_and_dry_run_writes_nothing(tmp_path):
    journal = tmp_path / "journal"
    sample = DAYLIO / "staticf0x-daylio-parser" / "test_data.csv"
    dry = run_import("daylio", sample, journal, Config(), dry_run=True)
    assert len(dry.imported) == 32 and not journal.exists()
    assert dry.summary() == "Dry run: would import 32 entries, skip 0 already imported, reject 0. Nothing was written."
    first = run_import("daylio", sample, journal, Config())
    assert first.imported == dry.imported
    before = files(journal)
    again = run_import("daylio", sample, journal, Config())
    assert (again.imported, again.duplicates) == ([], 32)
    assert again.summary() == "Imported 0 entries, skipped 32 already imported, rejected 0."
    assert files(journal) == before


@realworld
@needs_corpora
def test_daylio_custom_labels_are_reported_not_guessed(tmp_path):
    journal = tmp_path / "journal"
    sample = DAYLIO / "michaelcurrin-daylio-csv-parser" / "sample_multiple_moods.csv"
    report = run_import("daylio", sample, journal, Config())
    assert report.blocked and report.imported == [] and not journal.exists()
    assert (report.rejected_entries, report.readable) == (5, 2)
    assert messages(report) == [
        unknown_mood("sample_multiple_moods.csv", 2, "OK (2 entries, the first here)", "OK"),
        unknown_mood("sample_multiple_moods.csv", 4, "Refreshed"),
        unknown_mood("sample_multiple_moods.csv", 6, "ok but sleepy"),
        unknown_mood("sample_multiple_moods.csv", 8, "Anxious"),
    ]
    assert report.summary() == (
        "Imported 0 entries, skipped 0 already imported, rejected 5. Nothing was written: fix the problems"
        " above, or pass --skip-bad to import the 2 entries that could be read."
    )
    skipped = run_import("daylio", sample, journal, Config(), skip_bad=True)
    assert len(skipped.imported) == 2 and skipped.rejected_entries == 5
    # Mapping the labels afterwards brings in the rest; the two already there are skipped.
    labels = {"ok": 3, "refreshed": 4, "OK but sleepy": 3, "anxious": 2}
    rest = run_import("daylio", sample, journal, Config(), mood_labels=labels)
    assert (len(rest.imported), rest.duplicates, rest.rejected) == (5, 2, [])
    moods = {when_imported(meta): meta["mood"] for meta, _ in (front(journal, p) for p in rest.imported)}
    assert moods == {
        "daylio 2020-07-21 07:31": 2, "daylio 2020-08-25 17:08": 3, "daylio 2020-08-31 08:13": 4,
        "daylio 2021-05-12 15:40": 3, "daylio 2021-05-12 18:52": 3,
    }  # fmt: skip


@realworld
@needs_corpora
def test_daylio_activities_with_spaces_and_slashes(tmp_path):
    journal = tmp_path / "journal"
    sample = DAYLIO / "michaelcurrin-daylio-csv-parser" / "sample.csv"
    report = run_import("daylio", sample, journal, Config(), mood_labels={"sad": 2, "average": 3})
    assert len(report.imported) == 3
    meta, body = by_imported(journal, report)["daylio 2021-09-27 23:00"]
    assert meta["tags"] == [
        "stressed / frustrated", "eat out", "cook", "vegetarian day", "relax", "nature / walk", "music",
        "movies / tv", "bad sleep", "tired", "sleep early", "stomachache",
    ]  # fmt: skip
    assert meta["mood"] == 3 and body == "" and "title" not in meta


@realworld
@needs_corpora
def test_daylio_scales_layout_html_notes_and_metrics(tmp_path):
    journal = tmp_path / "journal"
    config = Config(metrics=(Metric("sleep", "Sleep time", "h", 0, 24),))
    sample = GABANNA / "daylio_export_ok_scales.csv"
    report = run_import("daylio", sample, journal, config, mood_labels=GABANNA_MOODS)
    assert messages(report) == [
        "daylio_export_ok_scales.csv:4: Daylio scale 'Sleep Quality' (3 entries, the first here) is not a metric"
        " of the journal: declare it in journal.yaml under `metrics:` as"
        " `sleep_quality: {label: Sleep Quality, min: 0, max: 10}` and import again to keep it as a number,"
        " or pass --skip-bad to keep it as text under `scales:`",
        "daylio_export_ok_scales.csv:4: Daylio scale 'Awake mid-sleep' is not a metric of the journal: declare it"
        " in journal.yaml under `metrics:` as `awake_mid_sleep: {label: Awake mid-sleep, unit: hours, min: 0,"
        " max: 24}` and import again to keep it as a number, or pass --skip-bad to keep it as text under `scales:`",
    ]
    assert (report.imported, report.readable, report.rejected_entries) == ([], 7, 0) and not journal.exists()
    report = run_import("daylio", sample, journal, config, mood_labels=GABANNA_MOODS, skip_bad=True)
    assert (len(report.imported), report.rejected_entries) == (7, 0)
    assert report.fidelity[0] == "What came across, for 7 entries:"
    assert "  scale Sleep Time: converted in 3 entries (to the metric sleep)" in report.fidelity
    assert (
        "  scale Sleep Quality: kept in 3 entries (as text under scales:);"
        " declare it as a metric in journal.yaml to chart it"
    ) in report.fidelity
    entries = by_imported(journal, report)
    meta, body = entries["daylio 2026-04-12 12:00"]
    assert meta["mood"] == 4 and meta["sleep"] == 8
    assert meta["scales"] == {"Sleep Quality": "8/10 points", "Awake mid-sleep": "1:00"}
    assert body == "Testing the note.\n"
    assert entries["daylio 2026-04-02 10:00"][0]["sleep"] == 7.5
    assert entries["daylio 2026-04-02 10:00"][1] == "Never mind**d**.\n"
    assert entries["daylio 2026-03-30 20:18"][1] == "Who knows.\n\nAm I [[virtual]]?\n"
    assert entries["daylio 2026-04-02 13:00"][0]["tags"] == ["allegro", "at the office"]


@realworld
@needs_corpora
def test_daylio_ragged_row_in_the_ok_sample(tmp_path):
    journal = tmp_path / "journal"
    sample = GABANNA / "daylio_export_ok.csv"
    report = run_import("daylio", sample, journal, Config(), mood_labels=GABANNA_MOODS)
    assert messages(report) == [
        "daylio_export_ok.csv:5: has 9 fields, but the header has 8"
        " (full_date,date,weekday,time,mood,activities,note_title,note)"
    ]
    assert report.imported == [] and report.readable == 11 and not journal.exists()
    report = run_import("daylio", sample, journal, Config(), mood_labels=GABANNA_MOODS, skip_bad=True)
    assert len(report.imported) == 11 and report.rejected_entries == 1
    assert report.summary() == "Imported 11 entries, skipped 0 already imported, rejected 1."
    meta, body = by_imported(journal, report)["daylio 2022-10-30 10:04"]
    assert meta["title"] == "Dolomet" and meta["tags"] == ["2ćities skylines", "dó#lóó fa$$s_ą%"]
    assert body == "Lorem ipsum sit dolomet amęt.\n"


@realworld
@needs_corpora
def test_daylio_escaped_quotes(tmp_path):
    journal = tmp_path / "journal"
    sample = GABANNA / "daylio_export_escaped_characters.csv"
    report = run_import("daylio", sample, journal, Config(), mood_labels=GABANNA_MOODS, skip_bad=True)
    assert len(report.imported) == 4 and [e.line for e in report.rejected] == [5]
    meta, body = by_imported(journal, report)["daylio 2022-10-30 10:04"]
    assert meta["title"] == 'Dolomet "with quotes"' and meta["tags"] == ["sos", '"quoted activity"']
    assert body == 'Lorem ipsum sit "dolomet" amęt.\n'


# Each broken sample: (file, mood labels, message lines, entries that could be read).
BROKEN_DAYLIO = [
    ("daylio_export_bad_corrupted.csv", None, ["daylio_export_bad_corrupted.csv:1: is not UTF-8 text (byte 4); is it the right file?"], 0),
    ("daylio_export_bad_empty.csv", None, ["daylio_export_bad_empty.csv: is empty; a Daylio CSV export starts with full_date,date,weekday,time,mood,activities,note_title,note"], 0),
    ("daylio_export_bad_unknown_fields.csv", None, ["daylio_export_bad_unknown_fields.csv:1: has columns a Daylio export does not have: another_field, weird (expected full_date,date,weekday,time,mood,activities,note_title,note)"], 0),
    ("daylio_export_bad_empty_lines_whitespace.csv", GABANNA_MOODS, ["daylio_export_bad_empty_lines_whitespace.csv:7: has 9 fields, but the header has 8 (full_date,date,weekday,time,mood,activities,note_title,note)"], 4),
    ("daylio_export_bad_inconsistent_fields.csv", GABANNA_MOODS, [f"daylio_export_bad_inconsistent_fields.csv:{line}: has {n} fields, but the header has 8 (full_date,date,weekday,time,mood,activities,note_title,note)" for line, n in ((3, 9), (4, 7), (5, 9), (6, 7))], 1),
    ("daylio_export_bad_missing_fields.csv", GABANNA_MOODS, ["daylio_export_bad_missing_fields.csv:3: full_date is empty", "daylio_export_bad_missing_fields.csv:5: has 9 fields, but the header has 8 (full_date,date,weekday,time,mood,activities,note_title,note)"], 3),
    ("daylio_export_bad_quoted_fields.csv", None, [unknown_mood("daylio_export_bad_quoted_fields.csv", line, label) for line, label in ((2, "vaguely ok, but uncertain"), (3, "vaguely good"), (4, "fatigued"), (5, "captivated"), (6, "tired"))], 0),
]  # fmt: skip


@realworld
@needs_corpora
@pytest.mark.parametrize("name, labels, expected, readable", BROKEN_DAYLIO, ids=[b[0] for b in BROKEN_DAYLIO])
def test_daylio_broken_samples_fail_with_their_message_and_write_nothing(tmp_path, name, labels, expected, readable):
    journal = tmp_path / "journal"
    report = run_import("daylio", GABANNA / name, journal, Config(), mood_labels=labels)
    assert messages(report) == expected
    assert report.imported == [] and report.readable == readable and not journal.exists()
    if not readable and not report.rejected_entries:
        assert report.summary().endswith("rejected 0: the file could not be read, so nothing was written.")


@realworld
@needs_corpora
def test_daylio_padded_cells_blank_lines_and_stray_separators(tmp_path):
    journal = tmp_path / "journal"
    sample = GABANNA / "daylio_export_bad_empty_lines_whitespace.csv"
    report = run_import("daylio", sample, journal, Config(), mood_labels=GABANNA_MOODS, skip_bad=True)
    assert len(report.imported) == 4
    entries = by_imported(journal, report)
    meta, body = entries["daylio 2022-10-30 10:04"]
    assert (meta["title"], meta["mood"], body) == ("Dolomet", 3, "Lorem ipsum sit dolomet amęt.\n")
    assert entries["daylio 2022-10-26 20:00"][0]["tags"] == [
        "at the office", "board game", "colleague interaction", "big social gathering",
    ]  # fmt: skip
    # The quoted sample imports once its labels are known; commas are not Daylio's separator.
    sample = GABANNA / "daylio_export_bad_quoted_fields.csv"
    report = run_import("daylio", sample, journal, Config(), mood_labels=GABANNA_MOODS)
    # Four share their minute with entries of the first file but say other things
    # (activities split by commas, other titles): they are other entries, so all come in.
    assert (len(report.imported), report.duplicates) == (5, 0)
    assert by_imported(journal, report)["daylio 2022-10-26 22:00"][0]["tags"] == [
        "at the office, board game, colleague interaction, big social gathering"
    ]


def test_daylio_crafted_habits_html_and_mood_labels(tmp_path):
    journal = tmp_path / "journal"
    config = Config(habits=(Habit("walk", "Went for a walk"), Habit("read", "Reading")))
    report = run_import("daylio", HERE / "daylio_crafted.csv", journal, config, mood_labels={"sleepy": 2})
    assert (len(report.imported), report.rejected) == (4, [])
    entries = by_imported(journal, report)
    meta, body = entries["daylio 2021-03-14 00:05"]  # "12:05 am"
    assert meta["mood"] == 2 and meta["habits"] == ["walk", "read"] and "tags" not in meta
    assert body == "First line\nsecond line\nstill the note\n"
    meta, body = entries["daylio 2021-03-13 12:30"]  # "12:30 PM"
    assert meta["title"] == "Park: with Sam" and meta["habits"] == ["walk"] and meta["tags"] == ["friends"]
    assert body == "A **good** day, *finally*.\n\nTried &lt;script>alert(1)&lt;/script> &amp; more &lt;3\n"
    assert entries["daylio 2021-03-13 07:15"][0]["mood"] == 1
    meta, _ = entries["daylio 2021-03-12 23:59"]
    assert meta["mood"] == 5 and meta["tags"] == ["2020", "yes"]  # quoted, so still text
    text = (journal / "content/2021/03/2021-03-12.md").read_text(encoding="utf-8")
    assert without_digest(text) == (
        "---\ndate: 2021-03-12 23:59\nmood: 5\ntags: ['2020', 'yes']\nimported: daylio 2021-03-12 23:59\n---\n"
    )
    text = (journal / "content/2021/03/2021-03-13-2.md").read_text(encoding="utf-8")
    assert text.startswith("---\ndate: 2021-03-13 12:30\ntitle: 'Park: with Sam'\nmood: 4\ntags: [friends]\n")


def test_daylio_values_of_the_wrong_kind(tmp_path):
    journal = tmp_path / "journal"
    report = run_import("daylio", HERE / "daylio_wrong_values.csv", journal, Config())
    assert messages(report) == [
        "daylio_wrong_values.csv:2: full_date '2021-02-30' is not a date like 2020-05-30",
        "daylio_wrong_values.csv:3: time '25:61' is not a time like 18:50 or 6:50 pm",
        "daylio_wrong_values.csv:4: time '13:00 pm' is not a time like 18:50 or 6:50 pm",
        "daylio_wrong_values.csv:5: mood is empty",
    ]
    assert report.imported == [] and not journal.exists()
    report = run_import("daylio", HERE / "daylio_wrong_values.csv", journal, Config(), skip_bad=True)
    assert report.imported == ["content/2021/03/2021-03-04.md"]
    assert report.summary() == "Imported 1 entry, skipped 0 already imported, rejected 4."
    report = run_import("daylio", HERE / "daylio_wrong_columns.csv", journal, Config())
    assert messages(report) == [
        "daylio_wrong_columns.csv:1: has columns a Daylio export does not have: one, two"
        " (expected full_date,date,weekday,time,mood,activities,note_title,note)"
    ]


def test_daylio_windows_export_lines_counted_across_multiline_notes(tmp_path):
    export = tmp_path / "export.csv"
    export.write_bytes(
        b"\xef\xbb\xbffull_date,date,weekday,time,mood,activities,note_title,note\r\n"
        b'2021-01-01,1 Jan,Friday,10:00,rad,,,"one\r\ntwo"\r\n'
        b"2021-01-02,2 Jan,Saturday,10:00,nope,,,\r\n"
        b'2021-01-03,3 Jan,Sunday,10:00,meh,,,"' + b"x" * 200_000 + b'"\r\n'
        b"2021-01-04,4 Jan,Monday,10:00,good,,,after the big one\r\n"
    )
    report = run_import("daylio", export, tmp_path / "journal", Config(), skip_bad=True)
    assert messages(report) == [
        unknown_mood("export.csv", 4, "nope"),
        "export.csv:5: note is 195 KiB, more than the 128 KiB a Daylio field holds; is the file damaged?",
    ]
    assert report.imported == ["content/2021/01/2021-01-01.md", "content/2021/01/2021-01-04.md"]
    assert report.summary() == "Imported 2 entries, skipped 0 already imported, rejected 2."
    assert front(tmp_path / "journal", report.imported[0])[1] == "one\ntwo\n"


def test_daylio_moods_scaled_onto_the_journal_scale(tmp_path):
    csv = tmp_path / "moods.csv"
    csv.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        "2021-01-04,4 Jan,Monday,09:00,rad,,,\n2021-01-05,5 Jan,Tuesday,09:00,good,,,\n"
        "2021-01-06,6 Jan,Wednesday,09:00,meh,,,\n2021-01-07,7 Jan,Thursday,09:00,bad,,,\n"
        "2021-01-08,8 Jan,Friday,09:00,awful,,,\n",
        encoding="utf-8",
    )
    one_to_ten = Config(mood=MoodScale(low=1, labels=tuple(str(n) for n in range(1, 11))))
    zero_to_four = Config(mood=MoodScale(low=0, labels=("a", "b", "c", "d", "e")))
    for name, config, expected in (("ten", one_to_ten, [10, 8, 6, 3, 1]), ("zero", zero_to_four, [4, 3, 2, 1, 0])):
        report = run_import("daylio", csv, tmp_path / name, config)
        assert [front(tmp_path / name, p)[0]["mood"] for p in report.imported] == expected
    with pytest.raises(UsageError, match="must map to a whole number from 1 to 5"):
        run_import("daylio", HERE / "daylio_crafted.csv", tmp_path / "j", Config(), mood_labels={"sleepy": 7})


def test_existing_files_are_never_overwritten(tmp_path):
    journal = tmp_path / "journal"
    mine = journal / "content/2021/03/2021-03-13.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("---\ntitle: My own words\n---\nKeep me.\n", encoding="utf-8")
    (journal / "content/2021/03/2021-03-13-2.md").write_text("Also mine.\n", encoding="utf-8")
    before = files(journal)
    report = run_import("daylio", HERE / "daylio_crafted.csv", journal, Config(), mood_labels={"sleepy": 2})
    assert sorted(p for p in report.imported if "03-13" in p) == [
        "content/2021/03/2021-03-13-3.md",
        "content/2021/03/2021-03-13-4.md",
    ]
    after = files(journal)
    assert all(after[name] == data for name, data in before.items())


def test_usage_mistakes(tmp_path):
    with pytest.raises(UsageError, match="choose one of daylio, dayone, jrnl"):
        run_import("diaro", HERE / "daylio_crafted.csv", tmp_path, Config())
    with pytest.raises(UsageError, match="no such file"):
        run_import("daylio", tmp_path / "missing.csv", tmp_path, Config())
    with pytest.raises(UsageError, match="is a folder"):
        run_import("daylio", HERE, tmp_path, Config())


# --- jrnl ---------------------------------------------------------------------------------


@realworld
@needs_corpora
def test_jrnl_documented_export(tmp_path):
    journal = tmp_path / "journal"
    sample = CORPORA / "jrnl" / "docs-formats-json-export-example.json"
    report = run_import("jrnl", sample, journal, Config())
    assert report.imported == [
        "content/2020/06/2020-06-28.md",
        "content/2020/07/2020-07-01.md",
        "content/2020/07/2020-07-02.md",
    ]
    assert without_digest((journal / "content/2020/07/2020-07-01.md").read_text(encoding="utf-8")) == (
        "---\ndate: 2020-07-01 20:00\ntitle: This is the second sample entry\ntags: [tag]\n"
        "imported: jrnl 2020-07-01 20:00\n---\n"
        "This is the sample body text of the second sample entry, but this one has a @tag.\n"
    )
    before = files(journal)
    again = run_import("jrnl", sample, journal, Config())
    assert (again.imported, again.duplicates) == ([], 3) and files(journal) == before


def test_jrnl_crafted_tags_starred_and_a_bad_entry(tmp_path):
    journal = tmp_path / "journal"
    crafted = HERE / "jrnl_crafted.json"
    report = run_import("jrnl", crafted, journal, Config())
    assert messages(report) == ["jrnl_crafted.json:6: entry 3: time must be text (got a number)"]
    assert report.imported == [] and not journal.exists()
    dry = run_import("jrnl", crafted, journal, Config(), skip_bad=True, dry_run=True)
    assert len(dry.imported) == 3 and not journal.exists()
    report = run_import("jrnl", crafted, journal, Config(), skip_bad=True)
    assert report.imported == [
        "content/2023/01/2023-01-09.md",
        "content/2023/01/2023-01-10.md",
        "content/2023/01/2023-01-10-2.md",
    ]
    assert report.summary() == "Imported 3 entries, skipped 0 already imported, rejected 1."
    meta, body = front(journal, "content/2023/01/2023-01-09.md")
    meta["imported"] = when_imported(meta)
    assert meta == {
        "date": dt.datetime(2023, 1, 9, 17, 30),
        "title": "Saw Dr. Lee today.",
        "tags": ["therapy"],
        "starred": True,
        "imported": "jrnl 2023-01-09 17:30",
    }
    assert body == "It went better than I feared. @therapy\n"
    meta, body = front(journal, "content/2023/01/2023-01-10.md")
    assert meta["tags"] == ["walk", "therapy"] and "starred" not in meta and body == ""


@pytest.mark.parametrize(
    "text, expected",
    [
        ('{"entries": [', "broken.json:1: the JSON ends too early; the file may be cut short"),
        ('{"entries": [}]}', "broken.json:1: is not valid JSON: Expecting value (column 14)"),
        ('[1, 2]', 'broken.json:1: is not a jrnl JSON export: it has no "entries" list'),
        ("", 'broken.json: is empty; a jrnl JSON export is a JSON file with an "entries" list'),
        ('{"entries": [{"title": "x", "date": "2023-02-30", "time": "10:00"}]}',
         "broken.json:1: entry 1: date '2023-02-30' is not a date like 2020-06-28"),
        ('{"entries": [{"title": "x", "date": "2023-02-03", "time": "24:00"}]}',
         "broken.json:1: entry 1: time '24:00' is not a time like 18:22"),
        ('{"entries": [{"date": "2023-02-03", "time": "10:00", "tags": "@a"}]}',
         "broken.json:1: entry 1: tags must be a list of texts (got text)"),
        ('{"entries": [{"date": "2023-02-03", "time": "10:00", "starred": "yes"}]}',
         "broken.json:1: entry 1: starred must be true or false (got text)"),
        ('{"entries": ["an entry"]}', "broken.json:1: entry 1: is text, not an entry"),
    ],
)  # fmt: skip
def test_jrnl_broken_files(tmp_path, text, expected):
    broken = tmp_path / "broken.json"
    broken.write_text(text, encoding="utf-8")
    report = run_import("jrnl", broken, tmp_path / "journal", Config())
    assert messages(report) == [expected]
    assert report.imported == [] and not (tmp_path / "journal").exists()


# --- Day One ------------------------------------------------------------------------------


@realworld
@needs_corpora
def test_dayone_dev_journal_dates_in_each_entrys_own_time_zone(tmp_path):
    journal = tmp_path / "journal"
    report = run_import("dayone", DEV_JOURNAL / "Dev Journal.json", journal, Config())
    assert (len(report.imported), report.rejected, report.copied) == (5, [], [])
    entries = by_imported(journal, report)
    dates = {key: meta["date"] for key, (meta, _) in entries.items()}
    assert dates == {
        "dayone 2024-04-16T23:00:00Z": dt.date(2024, 4, 17),  # all day, Europe/Dublin (UTC+1)
        "dayone 2024-04-17T23:00:00Z": dt.date(2024, 4, 18),  # all day, Europe/London in summer time
        "dayone 2024-04-19T21:48:36Z": dt.datetime(2024, 4, 19, 22, 48),
        "dayone 2024-04-19T21:55:53Z": dt.datetime(2024, 4, 19, 22, 55),
        "dayone 2024-04-21T22:45:51Z": dt.datetime(2024, 4, 21, 23, 45),
    }
    meta, body = entries["dayone 2024-04-16T23:00:00Z"]
    assert meta["title"] == "Header 1" and meta["starred"] is True
    assert meta["tags"] == ["another-dev-testing-tag", "dev-testing-tag"]
    assert "location" not in meta and "weather" not in meta  # private unless asked for
    assert body.startswith("## Header 2\n\n### Header 3\n")
    assert body.endswith("```\nCode block\n```\n\n\n*(photo not included in the export)*\n")
    meta, body = entries["dayone 2024-04-19T21:48:36Z"]
    assert "title" not in meta and "starred" not in meta and "tags" not in meta
    assert body.startswith('"This text is in quotes"\nThis-text-is-hyphenated\n(This text is in parentheses)\n\n')
    assert "\\" not in body
    assert entries["dayone 2024-04-21T22:45:51Z"][1] == "*(video not imported)*\n\n*(audio recording not imported)*\n"
    before = files(journal)
    again = run_import("dayone", DEV_JOURNAL / "Dev Journal.json", journal, Config())
    assert (again.imported, again.duplicates) == ([], 5) and files(journal) == before


@realworld
@needs_corpora
def test_dayone_entry_with_text_of_the_wrong_type(tmp_path):
    journal = tmp_path / "journal"
    sample = DEV_JOURNAL / "Dev Journal One Invalid.json"
    report = run_import("dayone", sample, journal, Config())
    assert messages(report) == ["Dev Journal One Invalid.json:227: entry 6: text must be text (got an object)"]
    assert (report.imported, report.readable, report.blocked) == ([], 5, True) and not journal.exists()
    report = run_import("dayone", sample, journal, Config(), skip_bad=True)
    assert len(report.imported) == 5 and report.rejected_entries == 1
    assert report.summary() == "Imported 5 entries, skipped 0 already imported, rejected 1."


@realworld
@needs_corpora
def test_dayone_truncated_export(tmp_path):
    journal = tmp_path / "journal"
    report = run_import("dayone", DAYONE / "kulapard-dayone-to-obsidian" / "invalid.json", journal, Config())
    assert messages(report) == ["invalid.json:6: the JSON ends too early; the file may be cut short"]
    assert report.imported == [] and not journal.exists()
    assert report.summary() == (
        "Imported 0 entries, skipped 0 already imported, rejected 0: the file could not be read, so nothing was written."
    )


@realworld
@needs_corpora
def test_dayone_location_and_weather_only_when_asked(tmp_path):
    sample = DAYONE / "kulapard-dayone-to-obsidian" / "MyJournal.json"
    private = run_import("dayone", sample, tmp_path / "private", Config())
    assert private.imported == ["content/2018/04/2018-04-21.md"]
    assert without_digest((tmp_path / "private" / private.imported[0]).read_text(encoding="utf-8")) == (
        "---\ndate: 2018-04-21 18:57\nimported: dayone 2018-04-21T17:57:04Z\n---\ntest text\n"
    )
    kept = run_import("dayone", sample, tmp_path / "kept", Config(), keep_location=True)
    meta, body = front(tmp_path / "kept", kept.imported[0])
    assert meta["location"] == {
        "place": "221B Baker Street", "locality": "London", "area": "London", "country": "UK",
        "latitude": 51.523788, "longitude": -0.158611,
    }  # fmt: skip
    assert meta["weather"] == {"conditions": "Mostly Cloudy", "temperature_c": 11}
    assert body == "test text\n"


def test_dayone_export_folder_with_photos(tmp_path):
    journal = tmp_path / "journal"
    export = HERE / "dayone_export"
    dry = run_import("dayone", export / "Journal.json", journal, Config(), dry_run=True)
    assert dry.copied == ["content/2020/12/2020-12-31-photo-1.jpeg"] and not journal.exists()
    assert dry.summary() == (
        "Dry run: would import 3 entries and 1 photo, skip 0 already imported, reject 0. Nothing was written."
    )
    report = run_import("dayone", export / "Journal.json", journal, Config())
    assert report.imported == [
        "content/2020/12/2020-12-31.md",  # 03:30 UTC on 1 January is the evening before in Los Angeles
        "content/2021/07/2021-07-01.md",  # 16:00 UTC on 30 June is past midnight in Tokyo
        "content/2021/07/2021-07-01-2.md",  # no time zone written: the journal's own (UTC here)
    ]
    assert report.copied == dry.copied
    photo = journal / "content/2020/12/2020-12-31-photo-1.jpeg"
    assert photo.read_bytes() == (export / "photos/5d41402abc4b2a76b9719d911017c592.jpeg").read_bytes()
    assert without_digest((journal / report.imported[0]).read_text(encoding="utf-8")) == (
        "---\n"
        "date: 2020-12-31 19:30\n"
        "title: New Year's Eve\n"
        "tags: [Family, tea]\n"
        "starred: true\n"
        "imported: dayone 2021-01-01T03:30:00Z\n"
        "---\n"
        "Quiet night. Made tea (chamomile)!\n"
        "\n"
        "1\\. not a list\n"
        "\\- not a list either\n"
        "\n"
        "![](2020-12-31-photo-1.jpeg)\n"
        "\n"
        "A second photo: *(photo not included in the export)*\n"
    )
    meta, body = front(journal, report.imported[1])
    assert meta["date"] == dt.datetime(2021, 7, 1, 1, 0) and "location" not in meta
    assert body == "Code stays as typed: `a\\.b` and\n\n```\nx\\-y\n```\n\n*(video not imported)*\n"
    assert front(journal, report.imported[2])[0]["date"] == dt.datetime(2021, 7, 1, 12, 0)
    before = files(journal)
    again = run_import("dayone", export, journal, Config())  # the folder itself this time
    assert (again.imported, again.copied, again.duplicates) == ([], [], 3) and files(journal) == before


def test_dayone_zip_export_and_a_photo_name_already_taken(tmp_path):
    export = HERE / "dayone_export"
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(export.rglob("*")):
            if path.is_file():
                out.write(path, path.relative_to(export).as_posix())
    journal = tmp_path / "journal"
    taken = journal / "content/2020/12/2020-12-31-photo-1.jpeg"
    taken.parent.mkdir(parents=True)
    taken.write_bytes(b"someone else's picture")
    report = run_import("dayone", archive, journal, Config(timezone="Europe/Berlin"))
    assert report.copied == ["content/2020/12/2020-12-31-photo-1-2.jpeg"]
    assert taken.read_bytes() == b"someone else's picture"
    assert "![](2020-12-31-photo-1-2.jpeg)" in (journal / report.imported[0]).read_text(encoding="utf-8")
    # The entry without a time zone falls back on the journal's: 12:00 UTC is 14:00 in Berlin.
    assert front(journal, "content/2021/07/2021-07-01-2.md")[0]["date"] == dt.datetime(2021, 7, 1, 14, 0)


@pytest.mark.parametrize(
    "entry, expected",
    [
        ('{"creationDate": "yesterday", "text": "x"}',
         "entry 1: creationDate 'yesterday' is not a date and time like 2024-04-19T21:48:36Z"),
        ('{"text": "x"}', "entry 1: creationDate must be a date and time like 2024-04-19T21:48:36Z (got null)"),
        ('{"creationDate": "2024-01-01T10:00:00Z", "timeZone": "Mars/Olympus", "text": "x"}',
         "entry 1: time zone 'Mars/Olympus' is not a known time zone"),
        ('{"creationDate": "2024-01-01T10:00:00Z", "tags": "a, b"}', "entry 1: tags must be a list of texts (got text)"),
        ('{"creationDate": "2024-01-01T10:00:00Z", "starred": 1}', "entry 1: starred must be true or false (got a number)"),
    ],
)  # fmt: skip
def test_dayone_values_of_the_wrong_type(tmp_path, entry, expected):
    broken = tmp_path / "Journal.json"
    broken.write_text('{"metadata": {"version": "1.0"}, "entries": [' + entry + "]}", encoding="utf-8")
    report = run_import("dayone", broken, tmp_path / "journal", Config())
    assert messages(report) == [f"Journal.json:1: {expected}"]
    assert report.imported == [] and not (tmp_path / "journal").exists()


def test_dayone_unreadable_zip_and_empty_folder(tmp_path):
    fake = tmp_path / "export.zip"
    fake.write_bytes(b"PK not really")
    report = run_import("dayone", fake, tmp_path / "journal", Config())
    assert [e.message.split(" (")[0] for e in report.rejected] == ["is not a zip file that can be opened"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match=r"has no Day One \.json file"):
        run_import("dayone", tmp_path / "empty", tmp_path / "journal", Config())


@realworld
@needs_corpora
def test_every_imported_sample_reads_back_as_a_valid_entry(tmp_path):
    from generator.content import load_entries

    journal = tmp_path / "journal"
    config = Config(habits=(Habit("walk", "Walk"),), metrics=(Metric("sleep", "Sleep time", "h", 0, 24),))
    run_import("daylio", DAYLIO / "staticf0x-daylio-parser" / "test_data.csv", journal, config)
    run_import(
        "daylio", GABANNA / "daylio_export_ok_scales.csv", journal, config, mood_labels=GABANNA_MOODS, skip_bad=True
    )
    run_import("dayone", DEV_JOURNAL / "Dev Journal.json", journal, config)
    run_import("jrnl", CORPORA / "jrnl" / "docs-formats-json-export-example.json", journal, config)
    run_import("jrnl", HERE / "jrnl_crafted.json", journal, config, skip_bad=True)
    loaded = load_entries(journal, config)
    assert (len(loaded.entries), loaded.errors, loaded.warnings) == (32 + 7 + 5 + 3 + 3, [], [])
    walked = [e for e in loaded.entries if "walk" in e.habits]
    assert [str(e.date) for e in walked] == ["2020-05-30"]
