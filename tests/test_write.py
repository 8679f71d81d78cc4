"""write: only changed files, atomically; stale files removed; never outside Cairn's own folder."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile

import pytest

from generator.write import (
    MARKER,
    UnsafeOutput,
    WriteReport,
    check_output_folder,
    write_site,
)
from tests.conftest import snapshot

MARKER_TEXT = (
    b"This folder is written by Cairn. A build replaces or removes only the files listed below;\n"
    b"anything else here is left alone.\n"
    b"built: plain\n"
    b"files:\n"
    b"2026/11/23/index.html\n"
    b"index.html\n"
    b"robots.txt\n"
)


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
    (out / "2026" / "11" / "22" / ".cairn-tmp-left-by-a-crash").write_bytes(b"")
    report = write_site(out, {"index.html": b"h", "2026/11/23/index.html": b"y"})
    assert report == WriteReport(written=0, unchanged=2, removed=2)  # the crash's leftover goes too, uncounted
    assert sorted(snapshot(out)) == [MARKER, "2026/11/23/index.html", "index.html"]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_dir()) == [
        "2026",
        "2026/11",
        "2026/11/23",
    ]


def test_no_temp_files_are_left(tmp_path):
    out = tmp_path / "site"
    write_site(out, {f"{n}/index.html": bytes([n]) for n in range(20)})
    assert not list(out.rglob(".cairn-tmp-*"))


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
        (
            "../photos",
            "{tmp}/photos is not empty and was not made by Cairn; choose an empty folder "
            "(one that holds only .git, CNAME, .nojekyll or .well-known is fine)",
        ),
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


def test_a_symlinked_folder_inside_the_site_is_left_alone(tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_bytes(b"keep")
    out = tmp_path / "site"
    write_site(out, {"index.html": b"h"})
    (out / "link").symlink_to(precious)
    report = write_site(out, {"index.html": b"h2"})
    assert report.kept == ("link",)
    assert (out / "link").is_symlink()
    assert snapshot(precious) == {"keep.txt": b"keep"}


def test_a_symlinked_folder_where_cairn_writes_is_never_written_through(tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_bytes(b"keep")
    out = tmp_path / "site"
    write_site(out, {"index.html": b"h", "tags/walk/index.html": b"t"})
    shutil.rmtree(out / "tags")
    (out / "tags").symlink_to(precious)
    before = snapshot(out)
    with pytest.raises(UnsafeOutput) as caught:
        write_site(out, {"index.html": b"new home", "tags/walk/index.html": b"t2"})
    assert str(caught.value) == (
        f"{out}/tags is a symbolic link; Cairn never writes through one. Remove it, or build with --out DIR"
    )
    assert snapshot(out) == before
    assert (out / "index.html").read_bytes() == b"h"
    assert snapshot(precious) == {"keep.txt": b"keep"}


def test_what_cairn_did_not_write_is_kept_and_named(tmp_path):
    out = tmp_path / "site"
    (out / ".git" / "objects").mkdir(parents=True)
    (out / ".git" / "objects" / "ab12").write_bytes(b"a commit")
    (out / "CNAME").write_text("journal.example.org\n")
    (out / ".nojekyll").write_bytes(b"")
    (out / ".well-known").mkdir()
    (out / ".well-known" / "security.txt").write_text("Contact: me\n")
    check_output_folder(out, tmp_path / "journal")  # deploy files only: a fine place for a first build
    first = write_site(out, {"index.html": b"h", "2026/11/22/index.html": b"x"})
    (out / "notes-for-me.txt").write_text("mine")
    second = write_site(out, {"index.html": b"h"})
    assert second == WriteReport(0, 1, 1, (".git/", ".nojekyll", ".well-known/", "CNAME", "notes-for-me.txt"))
    assert first.kept == (".git/", ".nojekyll", ".well-known/", "CNAME")
    assert sorted(snapshot(out)) == [
        ".cairn-site",
        ".git/objects/ab12",
        ".nojekyll",
        ".well-known/security.txt",
        "CNAME",
        "index.html",
        "notes-for-me.txt",
    ]


def test_a_file_put_inside_a_cairn_folder_outlives_its_neighbours(tmp_path):
    out = tmp_path / "site"
    write_site(out, {"index.html": b"h", "2026/11/22/index.html": b"x"})
    (out / "2026" / "11" / "22" / "scan.pdf").write_bytes(b"%PDF mine")
    assert write_site(out, {"index.html": b"h"}).removed == 1
    assert (out / "2026" / "11" / "22" / "scan.pdf").read_bytes() == b"%PDF mine"


def test_a_marker_from_an_older_cairn_removes_nothing_it_does_not_list(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / MARKER).write_bytes(b"This folder is written by Cairn. Files here are replaced on every build.\n")
    (out / "old.html").write_bytes(b"old")
    assert write_site(out, {"index.html": b"h"}).kept == ("old.html",)
    assert (out / "old.html").exists()
    write_site(out, {"index.html": b"h2"})
    assert (out / MARKER).read_bytes().endswith(b"built: plain\nfiles:\nindex.html\n")


@pytest.mark.parametrize(
    "first, then, message",
    [
        (
            True,
            False,
            "{out} holds an encrypted site; a plain build would replace it with every entry readable. "
            "To keep it, build somewhere else with --out DIR; to replace it on purpose, add --replace",
        ),
        (
            False,
            True,
            "{out} holds a plain site; an encrypted build would replace it. "
            "To keep it, build somewhere else with --out DIR; to replace it on purpose, add --replace",
        ),
    ],
)
def test_plain_and_encrypted_never_replace_each_other_unasked(tmp_path, first, then, message):
    out = tmp_path / "site"
    write_site(out, {"index.html": b"h"}, sealed=first)
    with pytest.raises(UnsafeOutput) as caught:
        check_output_folder(out, tmp_path / "journal", sealed=then)
    assert str(caught.value) == message.format(out=out)
    check_output_folder(out, tmp_path / "journal", sealed=then, replace=True)
    check_output_folder(out, tmp_path / "journal", sealed=first)


def test_a_full_disk_leaves_the_folder_as_it_was(tmp_path, monkeypatch):
    out = tmp_path / "site"
    write_site(out, {"index.html": b"h", "a/index.html": b"a"})
    before = snapshot(out)
    real = os.fdopen
    calls = []

    def fills_up(fd, *args, **kwargs):
        calls.append(fd)
        if len(calls) == 3:  # the third file finds the disk full
            os.close(fd)
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", fills_up)
    with pytest.raises(UnsafeOutput) as caught:
        write_site(out, {"index.html": b"new", "a/index.html": b"new a", "b/c/index.html": b"new c"})
    assert str(caught.value) == f"could not write the site into {out}: the disk is full; nothing in it was changed"
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == [".cairn-site", "a", "index.html"]


def test_a_read_only_folder_is_refused_cleanly(tmp_path, monkeypatch):
    out = tmp_path / "site"
    write_site(out, {"index.html": b"h"})
    before = snapshot(out)

    def refused(*args, **kwargs):  # what a read-only folder answers (the tests may run as root, which could write)
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(UnsafeOutput) as caught:
        write_site(out, {"index.html": b"new"})
    assert str(caught.value) == (
        f"could not write the site into {out}: the folder is read-only (no permission to write there); "
        "nothing in it was changed"
    )
    assert snapshot(out) == before


def test_a_marker_from_an_older_cairn_still_tells_an_encrypted_site(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / MARKER).write_bytes(b"This folder is written by Cairn. Files here are replaced on every build.\n")
    (out / "index.html").write_bytes(b"shell")
    (out / "123456789012345678901234.html").write_bytes(b"sealed")
    with pytest.raises(UnsafeOutput):
        check_output_folder(out, tmp_path / "journal")
    check_output_folder(out, tmp_path / "journal", sealed=True)


def test_a_new_file_that_cannot_be_made_leaves_no_folders_behind(tmp_path, monkeypatch):
    from pathlib import Path

    from generator.write import create_new

    real_mkdir = Path.mkdir

    def full_after_one(self, *args, **kwargs):  # the disk fills up between two folders
        if self.name == "11":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", full_after_one)
    target = tmp_path / "content" / "2026" / "11" / "2026-11-23.md"
    with pytest.raises(OSError) as caught:
        create_new(target, b"words\n")
    assert (caught.value.errno, caught.value.filename) == (errno.ENOSPC, str(target))
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    assert create_new(target, b"words\n") and not create_new(target, b"other words\n")
    assert target.read_bytes() == b"words\n"


@pytest.mark.parametrize("fails", ["a folder", "a file"])
def test_a_disk_filling_up_part_way_through_a_large_site_leaves_it_as_it_was(tmp_path, monkeypatch, fails):
    """Folders and files are made by several threads at once: whichever of them fails,
    what the others made goes again (a year of entry pages, each in its own folder)."""
    from pathlib import Path

    out = tmp_path / "site"
    write_site(out, {"index.html": b"h", "2025/01/01/walk/index.html": b"w"})
    before = snapshot(out)
    pages = {f"2026/{day // 31 + 1:02}/{day % 31 + 1:02}/entry/index.html": b"page" for day in range(365)}
    real_mkdir, real_fdopen = Path.mkdir, os.fdopen

    def full_mkdir(self, *args, **kwargs):
        if self.name == "entry" and self.parent.name == "20":  # the 20th of each month's entry
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_mkdir(self, *args, **kwargs)

    def full_fdopen(fd, *args, **kwargs):
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(out / "2026" / "07")):
            os.close(fd)
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fdopen(fd, *args, **kwargs)

    if fails == "a folder":
        monkeypatch.setattr(Path, "mkdir", full_mkdir)
    else:
        monkeypatch.setattr(os, "fdopen", full_fdopen)
    with pytest.raises(UnsafeOutput) as caught:
        write_site(out, {"index.html": b"new", **pages})
    assert str(caught.value) == f"could not write the site into {out}: the disk is full; nothing in it was changed"
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == [".cairn-site", "2025", "index.html"]
    monkeypatch.undo()
    assert write_site(out, {"index.html": b"new", **pages}).written == 366
    assert (out / "2026" / "12" / "24" / "entry" / "index.html").read_bytes() == b"page"
