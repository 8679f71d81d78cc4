"""Terminal control characters in entries never reach the terminal."""

from __future__ import annotations

import os

from generator.commands.terminal import printable
from tests.conftest import run_cairn

# Clears the screen, retitles the window and rings the bell, written as YAML escapes.
TAGS = 'tags: ["\\e[2J\\e]0;owned\\a", walk]\n'


def _env() -> dict:
    return {**os.environ, "NO_COLOR": "1"}


def test_stats_shows_control_characters_as_escapes(journal):
    folder = journal({"content/2026-11-23.md": f"---\n{TAGS}---\nText.\n"})
    result = run_cairn("--journal", folder, "stats", env=_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "Most used tags: \\x1b[2J\\x1b]0;owned\\x07 (1), walk (1)."
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    as_json = run_cairn("--journal", folder, "stats", "--json", env=_env())
    assert "\x1b" not in as_json.stdout and "\\u001b[2J" in as_json.stdout


def test_build_and_check_messages_show_control_characters_as_escapes(journal):
    folder = journal({"content/2026-11-23-\x1b[8mhidden.md": "---\nmood: 9\n---\nText with a \x9b bad byte.\n"})
    for command in ("build", "check"):
        result = run_cairn("--journal", folder, command, env=_env())
        assert result.returncode == 1
        assert result.stderr.splitlines()[0].startswith("content/2026-11-23-\\x1b[8mhidden.md:2: mood ")
        assert "\x1b" not in result.stderr


def test_printable_keeps_text_and_escapes_only_controls():
    assert printable("Walked\tfar\nthen rest, café ☕") == "Walked\tfar\nthen rest, café ☕"
    assert printable("a\x00b\x7fc\x9bd\u202ee") == "a\\x00b\\x7fc\\x9bd\\u202ee"
