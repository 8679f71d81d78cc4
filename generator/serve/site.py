"""What the preview serves: one good state of the site, pages drawn when first asked for."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.errors import ContentError
from generator.model import Entry, Page
from generator.render import render_page

Stat = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


class Superseded(Exception):
    """A newer save arrived: this rebuild's result would be stale."""


@dataclass(frozen=True)
class Outcome:
    """What one step did, for the terminal and the browser."""

    step: str  # "quick" or "rebuild"
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    entries: int = 0
    pages: int = 0
    seconds: float = 0.0
    changed: tuple[str, ...] = ()  # pages brought up to date by a quick step
    cpu_seconds: float = 0.0  # of this thread: what the step costs whatever else the machine runs


class Site:
    """One good state of the preview. Pages are drawn on first request and kept."""

    def __init__(
        self,
        env: jinja2.Environment | None,
        entries: dict[str, Entry],
        pages: dict[str, Page],
        files: dict[str, bytes],
        assets: dict[str, Path],
    ) -> None:
        self.env = env
        self.entries = entries  # source -> published entry, with its URL and HTML
        self.pages = pages  # output path -> page
        self.files = files  # robots.txt, the theme's static files, photos, the search index
        self.assets = assets  # output path -> a file beside an entry, read when asked for
        self.drawn: dict[str, bytes] = {}

    def get(self, output: str) -> bytes | None:
        """The bytes of one output file, or None when the site has no such file."""
        page = self.pages.get(output)
        if page is not None and self.env is not None:
            data = self.drawn.get(output)
            if data is None:
                data = self.drawn[output] = render_page(self.env, page)
            return data
        if output in self.files:
            return self.files[output]
        source = self.assets.get(output)
        if source is not None:
            try:
                return source.read_bytes()
            except OSError:
                return None
        return None


EMPTY = Site(None, {}, {}, {}, {})
