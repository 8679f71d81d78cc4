"""Every format Cairn imports, in one table: the command line reads its choices and help from here."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from generator.model import Config

if TYPE_CHECKING:  # the command line reads this table for its help: importing waits for `import`
    from generator.importers.draft import Source


@dataclass(frozen=True)
class Options:
    """What the person asked for on the command line that a format may use."""

    mood_labels: dict[str, int] | None = None  # --mood LABEL=N, a fallback after journal.yaml
    keep_location: bool = False  # --keep-location: place and weather kept as front matter


class Reader(Protocol):
    def __call__(self, path: Path, config: Config, options: Options) -> Source: ...


@dataclass(frozen=True)
class Format:
    name: str  # what the person types: `cairn import NAME FILE`
    app: str  # how the app calls itself
    takes: str  # what FILE is, in a few words, for --help and messages
    module: str  # generator.importers.<module> has `read(path, config, options)`
    folders: bool = False  # whether FILE may be a folder

    def read(self, path: Path, config: Config, options: Options) -> Source:
        module = importlib.import_module(f"generator.importers.{self.module}")
        return cast(Reader, module.read)(path, config, options)


FORMATS: tuple[Format, ...] = (
    Format("daylio", "Daylio", "its CSV export (Export entries, CSV)", "daylio"),
    Format(
        "dayone",
        "Day One",
        "its JSON export (the .zip, its folder or the .json), or Day One Classic .doentry files or their folder",
        "dayone",
        folders=True,
    ),
    Format(
        "jrnl", "jrnl", "a journal in jrnl's own text format (a file or a folder), or its JSON export", "jrnl", True
    ),
    Format("journey", "Journey", "its export (the .zip or its folder of one .json per entry)", "journey", True),
    Format("cairn", "Cairn", "the JSON that `cairn export json` writes", "cairn"),
)


def find_format(name: str) -> Format | None:
    return next((f for f in FORMATS if f.name == name), None)


def names() -> tuple[str, ...]:
    return tuple(f.name for f in FORMATS)


def help_text() -> str:
    """One line per format, for `cairn import --help`."""
    return "; ".join(f"{f.name}: {f.app}, {f.takes}" for f in FORMATS)
