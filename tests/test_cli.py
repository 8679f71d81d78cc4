"""The `cairn` command as a person uses it: exit status, messages, and what it leaves on disk."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import make_parser
from generator.scaffold import JOURNAL_YAML
from tests.conftest import run_cairn, snapshot, write_files
from tests.test_scaffold import EMPTY_ENTRY

SUMMARY = re.compile(
    r"Built (\d+) (?:entry|entries) into (\d+) pages: (\d+) written, (\d+) unchanged, (\d+) removed, in [\d.]+ s\.$"
)


def environment(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def summary(result: subprocess.CompletedProcess) -> tuple[int, ...]:
    match = SUMMARY.match(result.stdout.splitlines()[0])
    assert match, result.stdout
    return tuple(int(n) for n in match.groups())


@pytest.fixture
def two_entries(journal):
    return journal(
        {
            "journal.yaml": "title: Stones\n",
            "content/2026/11/2026-11-22.md": "---\ntitle: Before\nmood: 2\ntags: [rain]\n---\nGrey.\n",
            "content/2026/11/2026-11-23.md": "---\ntitle: A quieter morning\nmood: 3\ntags: [walk]\n---\nBetter.\n",
        }
    )


# --- build ---------------------------------------------------------------------------


def test_build_succeeds_and_says_what_it_did(two_entries):
    result = run_cairn("build", cwd=two_entries)
    assert (result.returncode, result.stderr) == (0, "")
    entries, _pages, written, unchanged, removed = summary(result)
    assert (entries, unchanged, removed) == (2, 0, 0)
    assert written == len(snapshot(two_entries / "site")) - 1  # every file but the marker
    site = two_entries / "site"
    for name in ("index.html", "2026/11/22/index.html", "2026/11/23/index.html", "tags/walk/index.html", "robots.txt"):
        assert (site / name).is_file(), name
    assert "A quieter morning" in (site / "2026/11/23/index.html").read_text()


def test_a_second_build_writes_nothing(two_entries):
    assert run_cairn("build", cwd=two_entries).returncode == 0
    before = {p: p.stat().st_mtime_ns for p in (two_entries / "site").rglob("*")}
    result = run_cairn("build", cwd=two_entries)
    assert result.returncode == 0
    _entries, _pages, written, unchanged, removed = summary(result)
    assert (written, removed) == (0, 0)
    assert unchanged == len(before) - len([p for p in before if p.is_dir()]) - 1
    assert result.stdout.splitlines()[1] == "Nothing changed since the last build."
    assert {p: p.stat().st_mtime_ns for p in (two_entries / "site").rglob("*")} == before


def test_one_edited_entry_rewrites_only_what_shows_it(two_entries):
    path = two_entries / "content/2026/11/2026-11-22.md"
    path.write_text(path.read_text().replace("Grey.", "Grey. Rain later."))
    run_cairn("build", cwd=two_entries)
    path.write_text(path.read_text().replace("Rain later.", "Sun later."))
    result = run_cairn("build", cwd=two_entries)
    assert summary(result)[2] == 2  # only the entry's own page and the search index hold its second sentence
    assert "Nothing changed" not in result.stdout
    assert "Sun later." in (two_entries / "site/2026/11/22/index.html").read_text()
    path.write_text(path.read_text().replace("Grey.", "Grey, then sun."))
    result = run_cairn("build", cwd=two_entries)
    # the first sentence is also shown where the entry is listed: home, timeline, month, tag, on this day
    assert summary(result)[2] == 7
    assert "Grey, then sun." in (two_entries / "site/timeline/index.html").read_text()


def test_a_deleted_entry_takes_its_pages_with_it(two_entries):
    run_cairn("build", cwd=two_entries)
    (two_entries / "content/2026/11/2026-11-22.md").unlink()
    result = run_cairn("build", cwd=two_entries)
    assert result.returncode == 0
    assert summary(result)[4] == 2  # the entry page and the page of its only tag
    site = two_entries / "site"
    assert not (site / "2026/11/22").exists()
    assert not (site / "tags/rain").exists()
    assert (site / "2026/11/23/index.html").is_file()
    assert "Before" not in (site / "2026/11/index.html").read_text()


def test_a_content_error_leaves_the_previous_site_untouched(two_entries):
    assert run_cairn("build", cwd=two_entries).returncode == 0
    before = snapshot(two_entries / "site")
    write_files(
        two_entries,
        {
            "content/2026/11/2026-11-24.md": "---\nmood: 9\n---\nA new entry with a mistake.\n",
            "content/2026/11/2026-11-23.md": "---\ntitle: Edited, and fine\n---\n",
        },
    )
    result = run_cairn("build", cwd=two_entries)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "content/2026/11/2026-11-24.md:2: mood must be a whole number from 1 to 5 (got 9)\n"
        "Nothing was written: 1 problem to fix first.\n"
    )
    assert snapshot(two_entries / "site") == before


def test_drafts_are_built_only_with_drafts(two_entries):
    write_files(two_entries, {"content/2026/11/2026-11-24.md": "---\ntitle: Not ready\ndraft: true\n---\nSecret.\n"})
    assert run_cairn("build", cwd=two_entries).returncode == 0
    site = two_entries / "site"
    assert not (site / "2026/11/24").exists()
    assert all(b"Not ready" not in data for data in snapshot(site).values())
    assert run_cairn("build", "--drafts", cwd=two_entries).returncode == 0
    assert "Not ready" in (site / "2026/11/24/index.html").read_text()
    assert "Not ready" in (site / "index.html").read_text()
    result = run_cairn("build", cwd=two_entries)
    assert not (site / "2026/11/24").exists()
    assert summary(result)[4] >= 1


def test_an_entry_that_is_a_symbolic_link_to_nothing_is_named_not_lost(journal, tmp_path):
    folder = journal({"content/2026-11-23.md": "---\nmood: 3\n---\nHere.\n"})
    gone = tmp_path / "elsewhere" / "2026-11-24.md"  # a synced folder that is not mounted
    (folder / "content" / "2026-11-24.md").symlink_to(gone)
    result = run_cairn("check", cwd=folder)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "The one entry looks right (1 warning).\n",
        f"content/2026-11-24.md: warning: is a symbolic link to {gone}, which is not there; no entry was read from it\n",
    )
    assert run_cairn("check", "--strict", cwd=folder).returncode == 1


def test_near_miss_keys_warn_and_strict_fails(journal):
    folder = journal({"content/2026-11-23.md": "---\ntitle: x\nwin: [Got up]\ntag: walk\nmoood: 3\n---\n"})
    warnings = (
        "content/2026-11-23.md:3: warning: unknown key 'win' (did you mean 'wins'?)\n"
        "content/2026-11-23.md:4: warning: unknown key 'tag' (did you mean 'tags'?)\n"
        "content/2026-11-23.md:5: warning: unknown key 'moood' (did you mean 'mood'?)\n"
    )
    result = run_cairn("build", cwd=folder)
    assert (result.returncode, result.stderr) == (0, warnings)
    assert (folder / "site/2026/11/23/index.html").is_file()
    result = run_cairn("check", cwd=folder)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "The one entry looks right (3 warnings).\n",
        warnings,
    )
    before = snapshot(folder / "site")
    for command in ("build", "check"):
        result = run_cairn(command, "--strict", cwd=folder)
        assert (result.returncode, result.stderr) == (1, warnings + "Nothing was written: 3 problems to fix first.\n")
    assert snapshot(folder / "site") == before


def test_check_writes_no_site(two_entries):
    result = run_cairn("check", cwd=two_entries)
    assert (result.returncode, result.stdout, result.stderr) == (0, "All 2 entries look right (0 warnings).\n", "")
    assert not (two_entries / "site").exists()


def test_journal_option_before_or_after_the_command(two_entries, tmp_path):
    assert run_cairn("--journal", two_entries, "check", cwd=tmp_path).returncode == 0
    assert run_cairn("check", "--journal", two_entries, cwd=tmp_path).returncode == 0


# --- --out -----------------------------------------------------------------------------


def test_out_into_an_empty_folder(two_entries, tmp_path):
    out = tmp_path / "public"
    out.mkdir()
    assert run_cairn("build", "--out", out, cwd=two_entries).returncode == 0
    assert (out / "2026/11/23/index.html").is_file()
    assert not (two_entries / "site").exists()
    assert run_cairn("build", "--out", out, cwd=two_entries).returncode == 0  # its own folder: fine again


def test_out_into_a_folder_cairn_did_not_make_is_refused(two_entries, tmp_path):
    out = tmp_path / "Documents"
    write_files(out, {"taxes.pdf": b"%PDF precious", "letters/mum.txt": "hello"})
    before = snapshot(out)
    result = run_cairn("build", "--out", out, cwd=two_entries)
    assert result.returncode == 2
    assert result.stderr == (
        f"cairn: {out.resolve()} is not empty and was not made by Cairn; choose an empty folder "
        "(one that holds only .git, CNAME, .nojekyll or .well-known is fine)\n"
    )
    assert snapshot(out) == before


@pytest.mark.parametrize("out", [".", "content"])
def test_out_onto_the_journal_is_refused(two_entries, out):
    before = snapshot(two_entries)
    result = run_cairn("build", "--out", out, cwd=two_entries)
    assert result.returncode == 2
    assert result.stderr.startswith("cairn: ")
    assert snapshot(two_entries) == before


# --- usage errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (["build", "--nope"], "cairn: unrecognized arguments: --nope"),
        ([], "cairn: the following arguments are required: COMMAND"),
        (["publish"], "cairn: argument COMMAND: invalid choice: 'publish'"),
        (["--journal", "/no/such/journal", "build"], "cairn: no journal folder at /no/such/journal"),
        (["new", "--date", "2026-13-01", "--no-edit"], "cairn: --date must look like 2026-11-23 (got '2026-13-01')"),
    ],
)
def test_usage_errors_exit_2(two_entries, args, message):
    before = snapshot(two_entries)
    result = run_cairn(*args, cwd=two_entries)
    assert result.returncode == 2
    assert message in result.stderr.splitlines()[-1]
    assert "Traceback" not in result.stderr
    assert snapshot(two_entries) == before


def commands() -> list[str]:
    parser = make_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


def test_the_documented_commands_exist():
    assert {"build", "check", "new", "init"} <= set(commands())


@pytest.mark.parametrize("command", [None, *commands()])
def test_help_on_every_command(tmp_path, command):
    result = run_cairn(*([command] if command else []), "--help", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(f"usage: cairn {command or ''}".rstrip())


def test_version():
    result = run_cairn("--version")
    assert (result.returncode, result.stdout) == (0, "cairn 0.1.0\n")


# --- new and init ------------------------------------------------------------------------


def test_new_without_an_editor(journal):
    folder = journal({"journal.yaml": ""})
    result = run_cairn("new", "--date", "2026-11-23", "--no-edit", cwd=folder)
    assert (result.returncode, result.stdout) == (0, "Started content/2026/11/2026-11-23.md\n")
    assert (folder / "content/2026/11/2026-11-23.md").read_text() == EMPTY_ENTRY


def test_new_opens_the_editor(journal):
    folder = journal({"journal.yaml": ""})
    result = run_cairn(
        "new", "--date", "2026-11-23", "--title", "Rain", cwd=folder, env=environment(EDITOR="true", VISUAL=None)
    )
    assert (result.returncode, result.stdout) == (0, "Started content/2026/11/2026-11-23.md\n")
    text = (folder / "content/2026/11/2026-11-23.md").read_text()
    assert text.startswith('---\ndate: 2026-11-23\ntitle: "Rain"\nmood:')
    result = run_cairn("new", "--date", "2026-11-24", cwd=folder, env=environment(EDITOR=None, VISUAL=None))
    assert result.stdout.splitlines() == [
        "Started content/2026/11/2026-11-24.md",
        "Set $EDITOR (or $VISUAL) to have entries open in your editor.",
    ]
    assert run_cairn("build", cwd=folder).returncode == 0  # a fresh template builds as it is


@pytest.mark.parametrize("how", [["--no-edit"], []])
def test_new_never_overwrites(journal, how):
    folder = journal({"content/2026/11/2026-11-23.md": "---\nmood: 2\n---\nMy own words, not a template.\n"})
    before = snapshot(folder)
    result = run_cairn(
        "new",
        "--date",
        "2026-11-23",
        "--template",
        "short",
        *how,
        cwd=folder,
        env=environment(EDITOR="true", VISUAL=None),
    )
    assert (result.returncode, result.stdout.splitlines()) == (
        0,
        [
            "Opening the existing entry content/2026/11/2026-11-23.md",
            'To start a second entry for the day, give it a title: --title "Evening".',
        ],
    )
    assert snapshot(folder) == before


def test_new_with_a_title_starts_a_second_entry_of_the_day(journal):
    folder = journal({"content/2026/11/2026-11-23.md": "---\nmood: 2\n---\nMorning.\n"})
    before = snapshot(folder)
    result = run_cairn(
        "new", "--date", "2026-11-23", "--title", "Evening", "--template", "evening", "--no-edit", cwd=folder
    )
    assert (result.returncode, result.stdout) == (0, "Started content/2026/11/2026-11-23-evening.md\n")
    assert snapshot(folder) == before | {
        "content/2026/11/2026-11-23-evening.md": (folder / "content/2026/11/2026-11-23-evening.md").read_bytes()
    }
    assert run_cairn("build", cwd=folder).returncode == 0
    assert (folder / "site/2026/11/23/evening/index.html").is_file()


def test_new_list_templates(journal):
    folder = journal({"templates/new/short.md": "---\n---\n", "templates/new/gratitude.md": "---\n---\n"})
    result = run_cairn("new", "--list-templates", cwd=folder)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "default      built in",
        "evening      built in",
        "gratitude    templates/new/gratitude.md",
        "short        templates/new/short.md (in place of the built-in one)",
    ]
    assert not (folder / "content").exists()


def test_new_with_a_template_that_is_not_there_or_broken(journal):
    folder = journal({"templates/new/broken.md": "---\ndate: {{ date }\n---\n"})
    result = run_cairn("new", "--template", "morning", "--no-edit", cwd=folder)
    assert (result.returncode, result.stdout) == (2, "")
    assert (
        result.stderr
        == "cairn: there is no entry template called 'morning' (there are: broken, default, evening, short)\n"
    )
    result = run_cairn("new", "--template", "broken", "--no-edit", cwd=folder)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "templates/new/broken.md:2: template cannot be read: unexpected '}'"
    assert "Traceback" not in result.stderr and not (folder / "content").exists()


def test_init_makes_a_journal_and_refuses_a_second_time(tmp_path):
    result = run_cairn("init", "diary", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == "A new journal is ready in diary. Write your first entry with: cairn --journal diary new\n"
    folder = tmp_path / "diary"
    assert (folder / "journal.yaml").read_text() == JOURNAL_YAML
    assert (folder / "content").is_dir()
    assert (folder / ".gitignore").read_text() == "site/\n.cairn/\nshares/\nreviews/\n"
    (folder / "journal.yaml").write_text("title: Mine now\n")
    before = snapshot(folder)
    result = run_cairn("init", "diary", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "cairn: diary already holds a journal; nothing was changed\n"
    assert snapshot(folder) == before


def test_init_then_new_then_build(tmp_path):
    assert run_cairn("init", cwd=tmp_path).returncode == 0
    assert run_cairn("new", "--date", "2026-11-23", "--no-edit", cwd=tmp_path).returncode == 0
    result = run_cairn("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/2026/11/23/index.html").is_file()


# --- colour and entry points ---------------------------------------------------------------


def stderr_on_a_terminal(folder: Path, env: dict[str, str]) -> bytes:
    leader, follower = pty.openpty()
    try:
        subprocess.run(
            [sys.executable, "-m", "generator", "check"],
            cwd=folder,
            env=env,
            stderr=follower,
            stdout=subprocess.DEVNULL,
            timeout=60,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(leader)


def test_colour_on_a_terminal_unless_no_color(journal):
    folder = journal({"content/2026-11-23.md": "---\nwin: [x]\n---\n"})
    line = b"content/2026-11-23.md:2: warning: unknown key 'win' (did you mean 'wins'?)"
    assert stderr_on_a_terminal(folder, environment(NO_COLOR=None)) == b"\x1b[33m" + line + b"\x1b[0m\r\n"
    assert stderr_on_a_terminal(folder, environment(NO_COLOR="1")) == line + b"\r\n"
    # and never when stderr is not a terminal
    assert run_cairn("check", cwd=folder, env=environment(NO_COLOR=None)).stderr == line.decode() + "\n"


def test_the_cairn_console_script(two_entries):
    script = Path(sys.executable).parent / "cairn"
    assert script.is_file()
    result = subprocess.run([str(script), "build"], cwd=two_entries, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert SUMMARY.match(result.stdout.splitlines()[0])
    assert (two_entries / "site/index.html").is_file()
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert result.stdout == "cairn 0.1.0\n"
    # It leaves without tidying up (cli.run): with its status, and with all it printed.
    (two_entries / "content/2026-11-24.md").write_text("---\nmood: 9\n---\n", encoding="utf-8")
    result = subprocess.run([str(script), "build"], cwd=two_entries, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.endswith("Nothing was written: 1 problem to fix first.\n")


def test_python_dash_m_generator(two_entries):
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check"], cwd=two_entries, capture_output=True, text=True, timeout=60
    )
    assert (result.returncode, result.stdout) == (0, "All 2 entries look right (0 warnings).\n")


def test_check_writes_nothing_not_even_a_cache(tmp_path):
    import shutil

    from tests.golden import FIXTURE

    folder = shutil.copytree(FIXTURE, tmp_path / "journal")  # it shows a photo and has entries to convert
    before = snapshot(folder)
    result = run_cairn("check", "--journal", folder)
    assert result.returncode == 0, result.stderr
    assert snapshot(folder) == before
    assert not (folder / ".cairn").exists()


def test_check_counts_in_words_that_agree_and_can_time_its_stages(tmp_path):
    (tmp_path / "content").mkdir()
    result = run_cairn("check", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (
        0,
        "No entries yet; the settings and templates look right (0 warnings).\n",
    )
    (tmp_path / "content" / "2026-11-23.md").write_text("---\nmood: 3\n---\nA walk.\n")
    result = run_cairn("check", "--timings", cwd=tmp_path)
    said, timings = result.stdout.splitlines()
    assert said == "The one entry looks right (0 warnings)."
    stages = [part.split()[0] for part in timings.removeprefix("Stage times: ").rstrip(".").split(", ")]
    assert stages == ["settings", "load", "index", "body", "journal", "plan", "render"]


def test_build_timings_name_every_stage_and_the_write(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "2026-11-23.md").write_text("---\nmood: 3\n---\nA walk.\n")
    result = run_cairn("build", "--timings", cwd=tmp_path)
    timings = result.stdout.splitlines()[-1]
    stages = [part.split()[0] for part in timings.removeprefix("Stage times: ").rstrip(".").split(", ")]
    assert stages == ["settings", "load", "index", "body", "journal", "plan", "render", "write"]
