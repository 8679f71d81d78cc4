"""Writing to the terminal: exit statuses, the progress line, and printing problems and
text from entries so that nothing in them can control the terminal."""

from __future__ import annotations

import os
import re
import sys
import time

from generator.errors import ContentError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

_PROGRESS_NAMES = {
    "read": "entries read",
    "draw": "pages drawn",
    "write": "files written",
    "import": "entries imported",
}


class ProgressLine:
    """One line on an interactive terminal, for work that takes more than about two
    seconds: entries read, pages drawn, files written. Silent when stderr is not a
    terminal, so scripts and CI logs stay as they were. CAIRN_PROGRESS_AFTER sets
    the seconds before it shows (tests use 0)."""

    def __init__(self) -> None:
        self.on = sys.stderr.isatty() and not os.environ.get("NO_PROGRESS")
        try:
            self.after = float(os.environ.get("CAIRN_PROGRESS_AFTER", "2"))
        except ValueError:
            self.after = 2.0
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False
        self.counts: dict[str, tuple[int, int]] = {}

    def __call__(self, what: str, done: int, of: int) -> None:
        if not self.on:
            return
        self.counts[what] = (done, of)
        now = time.monotonic()
        if now - self.started < self.after or (now - self.last < 0.1 and done != of):
            return
        self.last, self.shown = now, True
        text = " · ".join(f"{_PROGRESS_NAMES.get(w, w)} {d:,} of {o:,}" for w, (d, o) in self.counts.items())
        sys.stderr.write("\r\033[K" + text)
        sys.stderr.flush()

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self.shown = False


def failed(message: str) -> int:
    """Say why a command could not finish (a full disk, a read-only folder); the exit status for it."""
    print(f"cairn: {printable(message)}", file=sys.stderr)
    return EXIT_CONTENT


def usage(message: str) -> int:
    """Say what was wrong with the command as given; the exit status for it."""
    print(f"cairn: {printable(message)}", file=sys.stderr)
    return EXIT_USAGE


# Control characters (and the marks that reverse text) in an entry or a file name could
# move the cursor, clear the screen or retitle the terminal; they are shown as escapes.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with every terminal control character shown as an escape such as \\x1b."""
    return _CONTROL.sub(lambda match: ascii(match.group(0))[1:-1], text)


def print_problems(problems: list[ContentError]) -> None:
    for problem in problems:
        print(colour(printable(str(problem)), "33" if problem.warning else "31"), file=sys.stderr)


def colour(text: str, code: str) -> str:
    if os.environ.get("NO_COLOR") or not sys.stderr.isatty():
        return text
    return f"\033[{code}m{text}\033[0m"
