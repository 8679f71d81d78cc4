"""The words a share must not hold: every word of what was left out, once decrypted.

Left out are whole entries (private, an excluded tag, outside the span) and the fields
`show` does not name in the entries that go. A word counts only when nothing that does
go out uses it, and when Cairn itself does not print it on some page (a heading, a
month's name): then finding it in the edition can only mean something left out leaked.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.model import Config
from generator.share.select import Selection

_WORD = re.compile(r"[^\W\d_]+")
TEXT_SUFFIXES = (".html", ".js", ".css", ".json", ".txt", ".svg", ".xml", ".md", ".csv")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(unicodedata.normalize("NFC", text).casefold()))


@functools.cache
def cairn_words() -> frozenset[str]:
    """Every word in Cairn's own code and templates, and the names of months and days."""
    from generator.render import builtin_theme

    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(root.rglob("*.py"))]
    theme = builtin_theme()
    texts += [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(theme.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".js", ".css", ".txt", ".svg")
    ]
    texts += list(calendar.month_name) + list(calendar.day_name)
    words: set[str] = set()
    for text in texts:
        words |= _words(text)
    return frozenset(words)


def left_out_words(selection: Selection, config: Config, journal: Path) -> set[str]:
    """Words of everything left out that nothing in the share uses."""
    from generator.crypt.leaks import journal_words  # the crypt package loads cryptography: a share needs it

    out = journal_words([item.entry for item in selection.left_out])
    out |= journal_words(selection.originals)
    out |= {w for t in (*selection.spec.exclude_tags, *config.private_tags) for w in _words(t) if len(w) >= 3}
    going = journal_words(selection.kept, config=config) | _words(selection.spec.title)
    going |= {w for e in selection.kept for w in _words(e.slug.replace("-", " "))}  # in links
    going |= _template_words(journal)
    return out - going - cairn_words()


def _template_words(journal: Path) -> set[str]:
    """The journal's own templates print their words on every page."""
    words: set[str] = set()
    folder = journal / "templates"
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".js", ".css", ".txt"):
                words |= _words(path.read_text(encoding="utf-8", errors="replace"))
    return words


def words_found(files: Mapping[str, bytes], words: Iterable[str]) -> list[tuple[str, list[str]]]:
    """(path, left-out words readable in it) for each plain file of the share."""
    wanted = set(words)
    found = []
    for path in sorted(files):
        if not path.endswith(TEXT_SUFFIXES):
            continue  # photos are re-encoded without metadata; other files go only when linked
        text = files[path].decode("utf-8", errors="replace")
        here = sorted((_words(text) | _words(_unescape(text))) & wanted)
        if here:
            found.append((path, here))
    return found


def _unescape(text: str) -> str:
    import html

    return html.unescape(re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text))
