"""write: only changed files, atomically; stale files removed; never outside Cairn's own folder."""

from __future__ import annotations

import os

import pytest

from generator.write import (
    MARKER,
    UnsafeOutput,
    WriteReport,
    check_output_folder,
    write_site,
)
from tests.conftest import snapshot

MARKER_TEXT = b"This folder is written by Cairn. Files here are replaced on every build.\n"


def test_first_write(tmp_path):
    out = tmp_path / "site"
    report = write_site(out, {"index.html": b"home", "2026/11/23/index.html": b"entry", "robots.txt": b"r"})
    assert report == WriteReport(written=3, unchanged=0, removed=0)
    assert snapshot(out) == {
        MARKER: MARKER_TEXT,
        "2026/11/23/index.html": b"entry",
        "index.html": b"home",
        "robots.txt": b"r",
    }
    assert oct((out / "index.html").stat().st_mode & 0o777) == "0o644"


def test_only_changed_files_are_written(tmp_path):
    out = tmp_path / "site"
    write_site(out, {"a.html": b"same", "b.html": b"old"})
    os.utime(out / "a.html", (1, 1))
    report = write_site(out, {"a.html": b"same", "b.html": b"new!"})
    assert report == WriteReport(written=1, unchanged=1, removed=0)
    assert (out / "a.html").stat().st_mtime == 1
    assert (out / "b.html").read_bytes() == b"new!"


def test_same_size_different_bytes_is_written(tmp_path):
    out = tmp_path / "site"
    write_site(out, {"a.html": b"aaaa"})
    assert write_site(out, {"a.html": b"bbbb"}) == WriteReport(1, 0, 0)
    assert (out / "a.html").read_bytes() == b"bbbb"


def test_stale_files_and_their_empty_folders_are_removed(tmp_path):
    out = tmp_path / "site"
    write_site(
        out,
        {
            "index.html": b"h",
            "2026/11/22/index.html": b"x",
            "2026/11/23/index.html": b"y",
            "tags/walk/index.html": b"t",
        },
    )
    (out / "2026" / "11" / "22" / ".tmp-left-by-a-crash").write_bytes(b"")
    report = write_site(out, {"index.html": b"h", "2026/11/23/index.html": b"y"})
    assert report == WriteReport(written=0, unchanged=2, removed=3)
    assert sorted(snapshot(out)) == [MARKER, "2026/11/23/index.html", "index.html"]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_dir()) == [
        "2026",
        "2026/11",
        "2026/11/23",
    ]


def test_no_temp_files_are_left(tmp_path):
    out = tmp_path / "site"
    write_site(out, {f"{n}/index.html": bytes([n]) for n in range(20)})
    assert not list(out.rglob(".tmp-*"))


def test_an_empty_folder_is_fine(tmp_path):
    (tmp_path / "site").mkdir()
    check_output_folder(tmp_path / "site", tmp_path / "journal")
    check_output_folder(tmp_path / "not-yet", tmp_path / "journal")


def test_a_folder_cairn_made_is_fine(tmp_path):
    write_site(tmp_path / "site", {"index.html": b"h"})
    check_output_folder(tmp_path / "site", tmp_path / "journal")


@pytest.mark.parametrize(
    "out, message",
    [
        (".", "{journal} holds the journal itself; choose an empty folder for the site"),
        ("..", "{tmp} holds the journal itself; choose an empty folder for the site"),
        ("content", "the site cannot be written inside content/"),
        ("content/site", "the site cannot be written inside content/"),
        ("templates/static", "the site cannot be written inside templates/"),
        ("../photos", "{tmp}/photos is not empty and was not made by Cairn; choose an empty folder"),
        ("notes.txt", "{journal}/notes.txt is a file, not a folder; choose an empty folder for the site"),
    ],
)
def test_unsafe_output_folders_are_refused(tmp_path, out, message):
    journal = tmp_path / "journal"
    (journal / "content").mkdir(parents=True)
    (journal / "notes.txt").write_text("mine")
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "holiday.jpg").write_bytes(b"precious")
    before = snapshot(tmp_path)
    with pytest.raises(UnsafeOutput) as caught:
        check_output_folder(journal / out, journal)
    assert str(caught.value) == message.format(journal=journal.resolve(), tmp=tmp_path.resolve())
    assert snapshot(tmp_path) == before


def test_a_symlinked_folder_inside_the_site_is_unlinked_not_followed(tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_bytes(b"keep")
    out = tmp_path / "site"
    write_site(out, {"index.html": b"h"})
    (out / "link").symlink_to(precious)
    write_site(out, {"index.html": b"h"})
    assert not (out / "link").exists()
    assert (precious / "keep.txt").read_bytes() == b"keep"
