"""SHARE: an edition of the journal for someone who helps, sealed with its own passphrase.

One entry point, `edition(config, name)`, gives build.py what a share changes in the
normal pipeline, stage by stage:

    load    `select`: entries outside the span, private ones and those with an excluded
            tag stay home; the rest go with only the fields `show` names
    plan    `keep_pages`: the home page, each included entry's page, and the pages named
            in `pages`; session reviews only of the share's span
    render  `finish`: links to anything not in the share become plain text, the search
            index goes only with the search page, files only when a page links to them;
            then `left_out_problems` proves no word of anything left out is readable
    seal    with the share's passphrase and its own salt (SALT_PREFIX + name), never the
            journal's; then `left_out_problems` reads the sealed edition again, opened
            with that key as its reader's browser opens it

share/build.py runs the pipeline with it for `cairn share NAME`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from generator.errors import ContentError, suggest
from generator.model import Config, Entry, Page, ShareSpec
from generator.share.dry_run import describe
from generator.share.leftout import left_out_words, words_found
from generator.share.pages import SEARCH_INDEX, keep_pages, trim_links
from generator.share.select import Selection, fields_of, select
from generator.sharespec import FIELDS, PAGES

__all__ = [
    "FIELDS",
    "PAGES",
    "PASSPHRASE_VARIABLE",
    "Edition",
    "Selection",
    "ShareUnknown",
    "describe",
    "edition",
    "fields_of",
    "trim_links",
]

SHARES_DIR = "shares"
SALT_PREFIX = ".cairn-share-salt-"
PASSPHRASE_VARIABLE = "CAIRN_SHARE_PASSPHRASE"


class ShareUnknown(Exception):
    """No share of that name in journal.yaml (a usage mistake)."""


@dataclass(frozen=True)
class Edition:
    spec: ShareSpec
    config: Config  # the journal's settings as the share shows them: its own title, no shares

    @property
    def salt_file(self) -> str:
        return SALT_PREFIX + self.spec.name

    def select(self, entries: list[Entry]) -> Selection:
        return select(self.spec, entries, self.config)

    def keep_pages(self, pages: list[Page], selection: Selection) -> list[Page]:
        return keep_pages(pages, self.spec.pages, selection.start, selection.end)

    def finish(self, files: Mapping[str, bytes]) -> dict[str, bytes]:
        kept = {name: data for name, data in files.items() if name != SEARCH_INDEX or "search" in self.spec.pages}
        kept = trim_links(kept)
        pages = [data.decode("utf-8") for name, data in kept.items() if name.endswith(".html")]
        return {
            name: data
            for name, data in kept.items()
            if not name.startswith("files/") or any(posixpath.basename(name) in page for page in pages)
        }

    def left_out_problems(self, files: Mapping[str, bytes], selection: Selection, journal: Path) -> list[ContentError]:
        words = left_out_words(selection, self.config, journal)
        return [
            ContentError(path, 0, f"share '{self.spec.name}' shows words of what it leaves out: {', '.join(found[:8])}")
            for path, found in words_found(files, words)
        ]


def edition(config: Config, name: str) -> Edition:
    spec = config.share(name)
    if spec is None:
        names = [s.name for s in config.shares]
        if not names:
            raise ShareUnknown("journal.yaml has no shares yet: add one under `shares:` (see the README)")
        hint = suggest(name, names)
        also = f"did you mean '{hint}'?" if hint else "journal.yaml has: " + ", ".join(names)
        raise ShareUnknown(f"no share named '{name}' in journal.yaml ({also})")
    return Edition(spec, replace(config, title=spec.title, shares=()))
