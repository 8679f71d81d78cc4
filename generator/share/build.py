"""The share edition through the pipeline: what `cairn share NAME` calls.

build.py runs the stages; `edition` (in __init__.py) says what a share changes in them.
These put the two together: the share of that name, what it would hold, and the sealed
edition written to its own folder.
"""

from __future__ import annotations

import time
from pathlib import Path

from generator.build import Clock, Planned, Report, after_write, plan_site, prepare
from generator.config import load_config
from generator.crypt.keys import shell_opens
from generator.share import SHARES_DIR, Edition, describe, edition
from generator.write import check_output_folder, write_site


def share_edition(journal: Path, name: str) -> Edition:
    """The share `name` of journal.yaml; ShareUnknown when there is none."""
    return edition(load_config(journal), name)


def plan_share(journal: Path, share: Edition) -> Planned:
    """The entries and pages that a share would hold, and what it leaves out."""
    planned, _ = plan_site(journal, Clock(), share=share)
    return planned


def describe_share(journal: Path, share: Edition) -> list[str]:
    """What `cairn share NAME --dry-run` prints: each entry and page that would go, and
    each entry left out with the reason."""
    return describe(plan_share(journal, share), share)


def opened_elsewhere(journal: Path, out: Path, passphrase: str) -> Path | None:
    """The journal's own encrypted site (site/) or another share (shares/NAME/) that
    `passphrase` already opens, or None: a share's passphrase must give nothing else away.
    The folder being written is not counted: building a share again with its own
    passphrase is fine."""
    folders = [journal / "site", *sorted(p for p in (journal / SHARES_DIR).glob("*") if p.is_dir())]
    for folder in folders:
        home = folder / "index.html"
        if folder.resolve() != out.resolve() and home.is_file() and shell_opens(home.read_bytes(), passphrase):
            return folder
    return None


def build_share(journal: Path, share: Edition, out: Path, passphrase: str) -> Report:
    """The share edition, sealed with its own passphrase and salt, written to `out`."""
    started = time.perf_counter()
    check_output_folder(out, journal, sealed=True)
    prepared = prepare(journal, passphrase=passphrase, save_caches=True, share=share)
    written = write_site(out, prepared.files, sealed=True)
    prepared.cache.save()
    return after_write(prepared.report, written, started, prepared.report.timings)
