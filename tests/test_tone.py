"""The site never judges: no "failed", "missed", "broken streak" or "bad" in its own words.

Words the journal's author wrote are theirs to use; every other piece of text on
every page of the built sample journal (headings, summaries, chart descriptions,
empty states) is checked.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from tests.browser import ROOT, built_site  # noqa: F401  (fixture)
from tests.golden import FIXTURE, GOLDEN

FORBIDDEN = re.compile(r"\b(fail(?:ed|ure)?|miss(?:ed)?|broken streak|streak|bad|relapse)\b", re.I)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")
        for name, value in attrs:
            if name in ("alt", "title", "aria-label") and value:
                self.chunks.append(value)

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.chunks.append(data)


def authored(journal: Path) -> str:
    """Everything the author wrote in their entries, as plain text."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in (journal / "content").rglob("*.md"))
    return html.unescape(text)


def the_sites_own_words(site: Path, journal: Path) -> list[str]:
    theirs = authored(journal)
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = _Text()
        parser.feed(page.read_text(encoding="utf-8"))
        for chunk in parser.chunks:
            if FORBIDDEN.search(chunk) and " ".join(chunk.split()) not in " ".join(theirs.split()):
                found.append(f"{page.relative_to(site)}: {chunk.strip()!r}")
    return found


def test_the_sample_site_never_judges(built_site):
    assert the_sites_own_words(built_site, ROOT) == []


def test_the_golden_site_never_judges():
    assert the_sites_own_words(GOLDEN, FIXTURE) == []


def test_the_check_itself_catches_a_judging_word(tmp_path):
    (tmp_path / "index.html").write_text("<h1>You missed 5 days</h1><p>Walked today.</p>")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("Walked today.\n")
    assert the_sites_own_words(tmp_path, tmp_path) == ["index.html: 'You missed 5 days'"]
