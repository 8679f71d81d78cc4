"""Issue 11: jrnl's own text format, Journey and Day One Classic import, with exact counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importers.run import FORMATS, run_import
from generator.model import Config
from tests.conftest import CORPORA
from tests.test_importers import front, messages, without_digest

HERE = Path(__file__).parent / "importers"
JOURNALS = CORPORA / "jrnl" / "journals"
CLASSIC = CORPORA / "dayone-json" / "jrnl-dayone-classic-doentry"
realworld = pytest.mark.realworld
needs_corpora = pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not here")


def test_the_registry_is_the_one_list_of_formats():
    assert [f.name for f in FORMATS] == ["daylio", "dayone", "jrnl", "journey", "cairn"]
    import argparse

    from generator.cli import make_parser

    commands = next(a for a in make_parser()._actions if isinstance(a, argparse._SubParsersAction))
    kind = next(a for a in commands.choices["import"]._actions if a.dest == "kind")
    assert kind.choices is not None
    assert list(kind.choices) == [f.name for f in FORMATS]


def test_jrnl_text_two_entries_in_one_minute_both_import_and_a_second_journal_adds_only_what_is_new(tmp_path):
    journal = tmp_path / "journal"
    first = run_import("jrnl", HERE / "jrnl_first.journal", journal, Config(), skip_bad=True)
    assert first.summary() == "Imported 3 entries, skipped 0 already imported, rejected 1."
    assert messages(first) == [
        "jrnl_first.journal:10: 2024-02-30 10:00 is not a real date and time; the entry is left out"
    ]
    assert first.imported == [
        "content/2024/02/2024-02-03.md",
        "content/2024/02/2024-02-03-2.md",
        "content/2024/02/2024-02-04.md",
    ]
    meta, body = front(journal, "content/2024/02/2024-02-04.md")
    assert (meta["title"], meta["starred"], meta["tags"]) == ("A hard evening", True, ["coping"])  # not example.org
    assert body == "Wrote to sam@example.org about it. @coping\n"
    assert without_digest((journal / "content/2024/02/2024-02-03.md").read_text(encoding="utf-8")) == (
        "---\ndate: 2024-02-03 08:15\ntitle: Walked to the bakery.\ntags: [walk]\n"
        "imported: jrnl 2024-02-03 08:15\n---\nBought bread @walk\nand talked to the baker for a minute.\n"
    )
    # The second journal shares one entry word for word, and has another at the same minute.
    second = run_import("jrnl", HERE / "jrnl_second.journal", journal, Config())
    assert second.summary() == "Imported 1 entry, skipped 1 already imported, rejected 0."
    assert second.imported == ["content/2024/02/2024-02-03-3.md"]
    assert front(journal, "content/2024/02/2024-02-03-3.md")[0]["title"] == "A third entry in that minute."
    again = run_import("jrnl", HERE / "jrnl_first.journal", journal, Config(), skip_bad=True)
    assert again.summary() == "Imported 0 entries, skipped 3 already imported, rejected 1."


def test_jrnl_folder_journal_reads_day_files_and_leaves_the_rest(tmp_path):
    report = run_import("jrnl", HERE / "jrnl_folder", tmp_path / "journal", Config())
    assert report.imported == ["content/2024/02/2024-02-05.md", "content/2024/02/2024-02-06.md"]
    assert front(tmp_path / "journal", report.imported[1])[0]["date"].strftime("%H:%M") == "22:30"  # 10:30 PM
    assert report.fidelity[-1] == (
        "  1 file in the folder is not named like a jrnl day (YYYY/MM/DD.txt) and left alone, for example notes.txt"
    )


# Each jrnl text sample: entries imported, and the problems (line: message) that leave entries out.
JRNL_SAMPLES = [
    ("basic_onefile.journal", 3, []),
    ("brackets.journal", 1, []),
    ("deletion.journal", 3, []),  # two at 11:11
    ("deletion_filters.journal", 5, []),
    ("little_endian_dates.journal", 2, []),
    ("markdown-headings-335.journal", 1, []),
    ("mostlyreadabledates.journal", 2, ["7: [2019-07 14:23] is not a date and time like [2020-08-29 11:11]; the entry is left out"]),
    ("multiline-tags.journal", 1, []),
    ("multiline.journal", 1, []),
    ("simple.journal", 2, []),
    ("simple_jrnl-1-9-5.journal", 3, []),
    ("simple_jrnl-1-9-5_little_endian_dates.journal", 3, []),
    ("tags-216.journal", 1, []),
    ("tags-237.journal", 1, []),
    ("tags.journal", 2, []),
    ("unreadabledates.journal", 0, [
        "1: [ashasd7zdskhz7asdkjasd] is not a date and time like [2020-08-29 11:11]; the entry is left out",
        "4: [sadfhakjsdf88sdf7sdff] is not a date and time like [2020-08-29 11:11]; the entry is left out",
    ]),
    ("work.journal", 0, []),
]  # fmt: skip


@realworld
@needs_corpora
@pytest.mark.parametrize("name, imported, problems", JRNL_SAMPLES, ids=[s[0] for s in JRNL_SAMPLES])
def test_jrnl_text_samples(tmp_path, name, imported, problems):
    report = run_import("jrnl", JOURNALS / name, tmp_path / "journal", Config(), skip_bad=True)
    assert (len(report.imported), report.rejected_entries) == (imported, len(problems))
    assert messages(report) == [f"{name}:{p}" for p in problems]


@realworld
@needs_corpora
def test_jrnl_text_sample_details(tmp_path):
    journal = tmp_path / "journal"
    tags = run_import("jrnl", JOURNALS / "tags-216.journal", journal, Config())
    assert front(journal, tags.imported[0])[0]["tags"] == ["os/2", "c++", "c#"]
    email = run_import("jrnl", JOURNALS / "tags-237.journal", journal, Config())
    assert front(journal, email.imported[0])[0]["tags"] == ["newline", "email"]
    legacy = run_import(
        "jrnl", JOURNALS / "simple_jrnl-1-9-5_little_endian_dates.journal", tmp_path / "legacy", Config()
    )
    assert legacy.imported == [
        "content/2010/06/2010-06-10.md", "content/2013/06/2013-06-10.md", "content/2019/08/2019-08-03.md",
    ]  # fmt: skip
    starred = run_import("jrnl", JOURNALS / "deletion_filters.journal", tmp_path / "starred", Config())
    meta, body = front(tmp_path / "starred", starred.imported[-1])
    assert (meta["title"], meta["starred"], meta["tags"], body) == (
        "Writing tests.", True, ["springtime"], "@springtime They will help prevent bugs.\n",
    )  # fmt: skip
    brackets = run_import("jrnl", JOURNALS / "brackets.journal", tmp_path / "brackets", Config())
    assert front(tmp_path / "brackets", brackets.imported[0])[1] == "[1] line starting with 1\n"
    folder = run_import("jrnl", JOURNALS / "basic_folder", tmp_path / "folder", Config())
    assert (len(folder.imported), folder.rejected) == (3, [])
    # The same three entries as one file: the folder journal's are already there.
    onefile = run_import("jrnl", JOURNALS / "basic_onefile.journal", tmp_path / "folder", Config())
    assert onefile.summary() == "Imported 0 entries, skipped 3 already imported, rejected 0."


def test_journey_folder_html_photos_missing_numbers_and_time_zones(tmp_path):
    journal = tmp_path / "journal"
    config = Config(timezone="Europe/London")
    report = run_import("journey", HERE / "journey_export", journal, config, skip_bad=True)
    assert report.summary() == "Imported 2 entries and 1 photo, skipped 0 already imported, rejected 1."
    assert messages(report) == ["broken.json:1: date_journal must be a time in milliseconds (got text)"]
    assert without_digest((journal / "content/2024/02/2024-02-03.md").read_text(encoding="utf-8")) == (
        "---\ndate: 2024-02-03 06:00\ntags: [walk]\nstarred: true\njourney_mood: 4\n"
        "imported: journey 2024-02-03T11:00:00Z\n---\n"
        "Rain all day.\n\n**Still** went out.\n\n![](2024-02-03-photo-1.jpg)\n"
    )
    assert (journal / "content/2024/02/2024-02-03-photo-1.jpg").read_bytes().startswith(b"\xff\xd8")
    assert report.fidelity[1:] == [
        "  mood: kept in 1 entry (as journey_mood:, Journey's own number);"
        " write mood: on the journal's scale by hand where you want it charted",
        "  tags: kept in 1 entry",
        "  text: kept in 1 entry",
        "  text: converted in 1 entry (its HTML to Markdown)",
        "  favourite: converted in 1 entry (to starred: true)",
        "  photos: converted in 1 entry (copied beside the entry)",
        "  location and weather: dropped in 1 entry (left out by default); pass --keep-location to keep them",
        "  1 entry was written in America/New_York, not the journal's Europe/London:"
        " each keeps the date and time where it was written; nothing to do",
    ]
    kept = run_import("journey", HERE / "journey_export", tmp_path / "kept", config, skip_bad=True, keep_location=True)
    meta = front(tmp_path / "kept", kept.imported[0])[0]
    assert (meta["location"], meta["weather"]) == (
        {"address": "Somewhere", "latitude": 40.7, "longitude": -74.0},
        {"conditions": "Rain", "temperature_c": 3.5},
    )
    assert "location" not in front(tmp_path / "kept", kept.imported[1])[0]  # 1.797e308 is no place


@realworld
@needs_corpora
def test_journey_real_sample(tmp_path):
    journal = tmp_path / "journal"
    report = run_import("journey", CORPORA / "journey-json" / "andi0b-journey-markdown-converter", journal, Config())
    assert report.summary() == "Imported 2 entries, skipped 0 already imported, rejected 0."
    assert [front(journal, p)[1] for p in report.imported] == [
        "Another test\n",
        "Test Entry\n\n**bold** *italic* ***bold-italic***\n",
    ]
    assert [str(front(journal, p)[0]["date"]) for p in report.imported] == [
        "2021-06-27 16:09:00",
        "2021-07-01 12:00:00",
    ]


def test_day_one_classic_folder_with_a_photo_and_an_entry_without_a_date(tmp_path):
    journal = tmp_path / "journal"
    report = run_import("dayone", HERE / "classic.dayone", journal, Config(), skip_bad=True)
    assert report.summary() == "Imported 1 entry and 1 photo, skipped 0 already imported, rejected 1."
    assert messages(report) == [
        "AAAA0000000000000000000000000002.doentry: has no Creation Date, so it cannot be placed in the journal"
    ]
    assert without_digest((journal / "content/2012/03/2012-03-05.md").read_text(encoding="utf-8")) == (
        "---\ndate: 2012-03-05 10:30\ntitle: A late night\ntags: [sleep]\nstarred: true\n"
        "imported: dayone 2012-03-04T23:30:00Z\n---\nCould not sleep, so I wrote.\n\n![](2012-03-05-photo-1.jpg)\n"
    )  # 23:30 UTC is 10:30 the next morning in Sydney


@realworld
@needs_corpora
@pytest.mark.parametrize(
    "folder, imported, problems",
    [
        ("basic_dayone.dayone", 3, []),
        ("dayone.dayone", 4, []),
        ("bug780.dayone", 1, []),  # empty Entry Text: still an entry, with its tag
        ("bug153.dayone", 1, ["B40EE704E15846DE8D45C44118A4D512.doentry:52: is not a Day One Classic entry:"
                              " its XML breaks off here (not well-formed (invalid token))"]),
    ],
)  # fmt: skip
def test_day_one_classic_samples(tmp_path, folder, imported, problems):
    report = run_import("dayone", CLASSIC / folder, tmp_path / "journal", Config(), skip_bad=True)
    assert (len(report.imported), messages(report)) == (imported, problems)


@realworld
@needs_corpora
def test_day_one_classic_time_zones_and_location(tmp_path):
    journal = tmp_path / "journal"
    report = run_import("dayone", CLASSIC / "dayone.dayone", journal, Config(timezone="UTC"), keep_location=True)
    dates = {p: str(front(journal, p)[0]["date"]) for p in report.imported}
    assert sorted(dates.values()) == [
        "2013-01-17 18:37:00",  # no Time Zone: the journal's
        "2013-05-17 11:39:00",  # Los Angeles
        "2013-06-17 20:38:00",  # Berlin
        "2013-07-17 11:38:00",
    ]
    berlin = front(journal, "content/2013/06/2013-06-17.md")[0]
    assert berlin["location"] == {
        "place": "Abandoned Spy Tower", "locality": "Berlin", "area": "California", "country": "Germany",
        "latitude": 52.497976, "longitude": 13.240476,
    }  # fmt: skip
    assert report.fidelity[-2:] == [
        "  2 entries were written in America/Los_Angeles, not the journal's UTC:"
        " each keeps the date and time where it was written; nothing to do",
        "  1 entry was written in Europe/Berlin, not the journal's UTC:"
        " each keeps the date and time where it was written; nothing to do",
    ]


def test_the_command_line_prints_what_came_across_before_the_summary(tmp_path):
    from tests.conftest import run_cairn

    folder = tmp_path / "journal"
    assert run_cairn("init", folder).returncode == 0
    result = run_cairn("--journal", folder, "import", "jrnl", HERE / "jrnl_second.journal")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "wrote content/2024/02/2024-02-03.md",
        "wrote content/2024/02/2024-02-03-2.md",
        "What came across, for 2 entries:",
        "  title: kept in 2 entries",
        "  body: kept in 2 entries",
        "  @tags: converted in 1 entry (to tags, lower case as jrnl counts them; the text keeps them as written)",
        "  2 entries share a date and time with another: each is its own file"
        " (the second of a day is named like 2020-01-01-2.md), nothing was joined",
        "Imported 2 entries, skipped 0 already imported, rejected 0.",
    ]
    helped = run_cairn("import", "--help")
    assert all(f.name in helped.stdout for f in FORMATS)
    wrong = run_cairn("--journal", folder, "import", "diaro", HERE / "jrnl_second.journal")
    assert wrong.returncode == 2 and "invalid choice: 'diaro'" in wrong.stderr
