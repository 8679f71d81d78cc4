"""A build with nothing changed does no work; any change to inputs or output does."""

from __future__ import annotations

import json
import os

import pytest

from generator import build as build_module
from generator import cache, unchanged
from generator.build import build
from tests.conftest import write_files

ENTRY = "---\nmood: 3\nwin: [Made tea]\n---\nA quiet day.\n"


@pytest.fixture
def built(journal):
    folder = journal({"content/2026/11/2026-11-23.md": ENTRY, "content/2026/11/2026-11-24.md": "Rain.\n"})
    first = build(folder, folder / "site")
    return folder, first


def forbid_work(monkeypatch):
    def no(*args, **kwargs):
        raise AssertionError("the build ran again")

    monkeypatch.setattr(build_module, "prepare", no)


def test_nothing_changed_means_no_work_and_the_same_report(built, monkeypatch):
    folder, first = built
    forbid_work(monkeypatch)
    again = build(folder, folder / "site")
    assert (again.entries, again.pages, again.written, again.removed) == (first.entries, first.pages, 0, 0)
    assert again.unchanged == first.written
    # The near-miss warning is still shown.
    assert [str(w) for w in again.warnings] == [
        "content/2026/11/2026-11-23.md:3: warning: unknown key 'win' (did you mean 'wins'?)"
    ]


def test_an_edited_entry_is_built(built):
    folder, _ = built
    write_files(folder, {"content/2026/11/2026-11-24.md": "Sun.\n"})
    report = build(folder, folder / "site")
    assert report.written >= 1
    assert "Sun." in (folder / "site/2026/11/24/index.html").read_text()


@pytest.mark.parametrize("change", ["delete", "edit"])
def test_a_touched_output_folder_is_put_right(built, change):
    folder, _ = built
    page = folder / "site/2026/11/24/index.html"
    if change == "delete":
        page.unlink()
    else:
        page.write_text("scribbled on")
    report = build(folder, folder / "site")
    assert report.written == 1
    assert "Rain." in page.read_text()


def test_a_new_template_is_noticed(built):
    folder, _ = built
    write_files(folder, {"templates/404.html": "<!doctype html><title>x</title><p>Lost.</p>\n"})
    report = build(folder, folder / "site")
    assert report.written == 1
    assert (folder / "site/404.html").read_text() == "<!doctype html><title>x</title><p>Lost.</p>\n"


def test_drafts_are_a_different_build(journal):
    folder = journal({"content/2026-11-23.md": "---\ndraft: true\n---\nNot yet.\n"})
    build(folder, folder / "site")
    report = build(folder, folder / "site", drafts=True)
    assert report.entries == 1 and report.written >= 1


@pytest.fixture
def remembered(built, monkeypatch):
    """The built journal, its files old enough to be known by their size and times."""
    monkeypatch.setattr(cache, "_SETTLE_NS", 0)
    folder, _ = built
    build(folder, folder / "site")  # now every input's hash is kept by its Stat
    return folder


def test_a_rebuild_with_nothing_changed_reads_no_entry_again(remembered, monkeypatch):
    opened: list[str] = []
    real_open = open

    def watched(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(unchanged, "open", watched, raising=False)
    forbid_work(monkeypatch)
    build(remembered, remembered / "site")
    assert [path for path in opened if "/content/" in path] == []


def test_an_edit_of_the_same_size_with_its_old_time_put_back_is_built(remembered):
    """The change time moves whatever a tool does to the modification time."""
    entry = remembered / "content/2026/11/2026-11-24.md"
    before = entry.stat()
    entry.write_text("Snow.\n")  # as long as "Rain.\n"
    os.utime(entry, ns=(before.st_atime_ns, before.st_mtime_ns))
    build(remembered, remembered / "site")
    assert "Snow." in (remembered / "site/2026/11/24/index.html").read_text()


def test_after_an_edit_what_is_recorded_of_the_site_is_the_site_as_it_is(built, monkeypatch):
    """Pages the rebuild kept keep their records; the ones it wrote are read again."""
    folder, _ = built
    write_files(folder, {"content/2026/11/2026-11-24.md": "Sun, at last.\n"})
    build(folder, folder / "site")
    site = folder / "site"
    manifest = json.loads((folder / ".cairn/last-build.json").read_text())
    assert manifest["files"] == unchanged.output_files(site)
    prints = json.loads((folder / ".cairn/pages.json").read_text())["pages"]
    assert {name: record[1:3] for name, record in prints.items()} == {
        name: [(site / name).stat().st_size, (site / name).stat().st_mtime_ns] for name in prints
    }
    forbid_work(monkeypatch)
    build(folder, folder / "site")


def test_what_a_build_reads_is_every_file_below_a_link_to_a_folder_not_followed(tmp_path):
    """The input digest's files: byte code and links to folders left out, links to files in."""
    write_files(tmp_path, {"a/one.md": "1", "a/b/two.md": "2", "a/__pycache__/x.pyc": "", "elsewhere/three.md": "3"})
    (tmp_path / "a" / "linked.md").symlink_to(tmp_path / "elsewhere" / "three.md")
    (tmp_path / "a" / "folder").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "a" / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    root = str(tmp_path / "a")
    assert unchanged._files_under(root) == [f"{root}/b/two.md", f"{root}/linked.md", f"{root}/one.md"]
    assert unchanged._files_under(str(tmp_path / "missing")) == []
