"""Problems found in a journal, reported as `path:line: message`."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one file. `line` is 0 when no line applies."""

    path: str
    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        kind = "warning: " if self.warning else ""
        message = self.message if len(self.message) <= LONGEST_MESSAGE else self.message[:LONGEST_MESSAGE] + "…"
        return f"{where}: {kind}{message}"


# A message quotes what it found; a value a megabyte long must not fill the terminal.
LONGEST_MESSAGE = 400


class BuildFailed(Exception):
    """Raised with every error found, so one run reports all of them."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


def suggest(word: str, known: list[str] | tuple[str, ...]) -> str | None:
    """The known word closest to `word`, if one is close enough to be a typo."""
    matches = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return matches[0] if matches else None
