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
    """Raised with every error found, so one run reports all of them; the warnings
    found in the same run come along, so they are shown too."""

    def __init__(self, errors: list[ContentError], warnings: list[ContentError] | None = None):
        self.errors = sorted(errors)
        self.warnings = sorted(warnings or [])
        super().__init__("\n".join(str(e) for e in self.errors))

    @property
    def problems(self) -> list[ContentError]:
        """Errors and warnings together, sorted by file and line."""
        return sorted(self.errors + self.warnings)


def sort_out(problems: list[ContentError], strict: bool) -> tuple[list[ContentError], list[ContentError]]:
    """(errors, warnings), each sorted; with `strict` the warnings count as errors too."""
    if strict:
        return sorted(problems), []
    return sorted(p for p in problems if not p.warning), sorted(p for p in problems if p.warning)


def suggest(word: str, known: list[str] | tuple[str, ...]) -> str | None:
    """The known word closest to `word`, if one is close enough to be a typo."""
    matches = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return matches[0] if matches else None
