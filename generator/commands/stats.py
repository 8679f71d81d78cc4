"""cairn stats: a short summary of the journal in the terminal, or as JSON."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.terminal import EXIT_OK, printable
from generator.errors import BuildFailed


def run_stats(args: argparse.Namespace, journal: Path) -> int:
    import json

    from generator.config import load_config
    from generator.content import load_entries
    from generator.progress.stats import describe, gather_stats

    config = load_config(journal)
    loaded = load_entries(journal, config)
    if loaded.errors:
        raise BuildFailed(loaded.errors, loaded.warnings)
    entries = sorted((e for e in loaded.entries if not e.draft), key=lambda e: e.sort_key)
    stats = gather_stats(entries, config)
    if args.json:
        print(printable(json.dumps(stats.as_dict(), indent=2, ensure_ascii=False)))
    else:
        print(printable("\n".join(describe(stats))))
    return EXIT_OK
