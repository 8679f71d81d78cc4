"""The output folder from the command line: what it holds is never replaced or deleted by surprise."""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from pathlib import Path

from generator.config import load_config
from generator.content import load_entries
from generator.crypt.leaks import journal_words, leaks
from tests.conftest import run_cairn, snapshot
from tests.golden import FIXTURE

PASSPHRASE = "rain on the window, twice"


def _env() -> dict:
    return {**os.environ, "CAIRN_PASSPHRASE": PASSPHRASE}


def test_a_plain_build_never_replaces_an_encrypted_site(tmp_path):
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    assert run_cairn("--journal", journal, "build", "--encrypt", env=_env()).returncode == 0
    site = journal / "site"
    before = snapshot(site)
    plain = run_cairn("--journal", journal, "build")
    assert plain.returncode == 2
    assert plain.stderr == (
        f"cairn: {site} holds an encrypted site; a plain build would replace it with every entry readable. "
        "To keep it, build somewhere else with --out DIR; to replace it on purpose, add --replace\n"
    )
    assert snapshot(site) == before
    config = load_config(journal)
    words = journal_words(load_entries(journal, config).entries, before, config)
    assert {"bakery", "hopeful"} <= words  # the scan looks for the fixture's own words
    assert leaks(before, words) == []


def test_replace_is_the_explicit_way_from_encrypted_to_plain(tmp_path):
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    assert run_cairn("--journal", journal, "build", "--encrypt", env=_env()).returncode == 0
    plain = run_cairn("--journal", journal, "build", "--replace")
    assert plain.returncode == 0, plain.stderr
    site = journal / "site"
    assert (site / "2026" / "05" / "03" / "index.html").is_file()
    assert not [p for p in site.iterdir() if re.match(r"\d{24}\.(html|js)$", p.name)]  # every sealed file is gone
    assert b"built: plain\n" in (site / ".cairn-site").read_bytes()
    again = run_cairn("--journal", journal, "build", "--encrypt", env=_env())
    assert again.returncode == 2
    assert "holds a plain site; an encrypted build would replace it." in again.stderr


def test_a_site_folder_kept_in_git_keeps_its_git_cname_and_nojekyll(tmp_path):
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    out = tmp_path / "deploy"
    (out / ".git" / "refs").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (out / "CNAME").write_text("journal.example.org\n")
    (out / ".nojekyll").write_bytes(b"")
    mine = snapshot(out)
    first = run_cairn("--journal", journal, "build", "--out", out)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[-1] == "Left as they were (not written by Cairn): .git/, .nojekyll, CNAME."
    (journal / "content" / "2026" / "05" / "2026-05-03.md").unlink()
    second = run_cairn("--journal", journal, "build", "--out", out)
    assert second.returncode == 0, second.stderr
    assert not (out / "2026" / "05" / "03").exists()
    now = snapshot(out)
    assert {name: now[name] for name in mine} == mine


def test_a_dangling_link_in_the_site_folder_is_left_alone(tmp_path):
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    assert run_cairn("--journal", journal, "build").returncode == 0
    (journal / "site" / "old-photos").symlink_to(tmp_path / "gone")
    (journal / "content" / "2026" / "05" / "2026-05-03.md").write_text("---\ntitle: Changed\n---\nA new line.\n")
    again = run_cairn("--journal", journal, "build")
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1] == "Left as they were (not written by Cairn): old-photos."
    assert (journal / "site" / "old-photos").is_symlink()


def test_a_second_build_beside_git_counts_only_its_own_files(tmp_path):
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    out = tmp_path / "deploy"
    (out / ".git").mkdir(parents=True)
    for number in range(5):
        (out / ".git" / f"object-{number}").write_bytes(b"x")
    first = run_cairn("--journal", journal, "build", "--out", out)
    second = run_cairn("--journal", journal, "build", "--out", out)
    found = re.search(r"(\d+) written", first.stdout)
    assert found, first.stdout
    written = int(found.group(1))
    assert f"0 written, {written} unchanged, 0 removed" in second.stdout


def test_a_commit_in_the_site_folder_is_not_a_change_to_the_site(tmp_path):
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    out = tmp_path / "deploy"
    (out / ".git").mkdir(parents=True)
    assert run_cairn("--journal", journal, "build", "--out", out).returncode == 0
    (out / ".git" / "COMMIT_EDITMSG").write_text("Publish\n")  # what `git commit` in site/ leaves behind
    (out / "CNAME").write_text("journal.example.org\n")
    again = run_cairn("--journal", journal, "build", "--out", out)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[1] == "Nothing changed since the last build."
    (out / "index.html").write_text("touched by hand")
    third = run_cairn("--journal", journal, "build", "--out", out)
    assert "Nothing changed" not in third.stdout
    assert "1 written" in third.stdout, third.stdout
    assert "touched by hand" not in (out / "index.html").read_text()


def _writes_fail_in(monkeypatch, folder: Path, error: int, text: str) -> None:
    """Every file Cairn starts below `folder` fails as the system would with `error`."""
    real = tempfile.mkstemp

    def failing(*args, **kwargs):
        if Path(kwargs["dir"]).is_relative_to(folder):
            raise OSError(error, text)
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", failing)


def test_a_full_disk_is_a_clean_message_and_the_site_stays(tmp_path, monkeypatch, capsys):
    from generator.cli import main

    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    assert main(["--journal", str(journal), "build"]) == 0
    site = journal / "site"
    before = snapshot(site)
    (journal / "content" / "2026" / "05" / "2026-05-03.md").write_text("---\ntitle: Changed\n---\nA new line.\n")
    capsys.readouterr()

    _writes_fail_in(monkeypatch, site, errno.ENOSPC, "No space left on device")  # the disk fills up just then
    assert main(["--journal", str(journal), "build"]) == 1
    assert capsys.readouterr().err == (
        f"cairn: could not write the site into {site}: the disk is full; nothing in it was changed\n"
    )
    assert snapshot(site) == before


def test_a_read_only_site_folder_is_a_clean_message_and_exit_1(tmp_path, monkeypatch, capsys):
    from generator.cli import main

    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    site = journal / "site"
    # what a read-only mount answers (the tests may run as root, whom permissions do not stop)
    _writes_fail_in(monkeypatch, site, errno.EROFS, "Read-only file system")
    assert main(["--journal", str(journal), "build"]) == 1
    assert capsys.readouterr().err == (
        f"cairn: could not write the site into {site}: the folder is read-only (no permission to write there); "
        "nothing in it was changed\n"
    )
    assert not site.exists()


def test_a_symlinked_folder_in_the_site_is_never_written_through(tmp_path):
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    assert run_cairn("--journal", journal, "build").returncode == 0
    site = journal / "site"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "mine.txt").write_text("not Cairn's\n")
    shutil.rmtree(site / "2026")
    (site / "2026").symlink_to(elsewhere)
    result = run_cairn("--journal", journal, "build")
    assert result.returncode == 1
    assert result.stderr == (
        f"cairn: {site / '2026'} is a symbolic link; Cairn never writes through one. Remove it, or build with --out DIR\n"
    )
    assert snapshot(elsewhere) == {"mine.txt": b"not Cairn's\n"}
    assert "Traceback" not in result.stderr
