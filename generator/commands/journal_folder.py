"""cairn init, import and export: a journal folder made, filled from another app, copied out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.terminal import EXIT_CONTENT, EXIT_OK, ProgressLine, failed, print_problems, printable, usage
from generator.errors import BuildFailed


def run_init(args: argparse.Namespace, journal: Path) -> int:
    from generator.scaffold import JournalExists, init_journal

    try:
        made = init_journal(args.folder)
    except JournalExists as error:
        return usage(str(error))
    print(f"A new journal is ready in {made}. Write your first entry with: cairn --journal {made} new")
    return EXIT_OK


def run_import(args: argparse.Namespace, journal: Path) -> int:
    from generator.config import load_config
    from generator.importers import run as importers
    from generator.write import os_problem

    moods = {}
    for pair in args.mood:
        label, _, number = pair.rpartition("=")
        if not label or not number.strip().lstrip("-").isdigit():
            return usage(f"--mood must look like LABEL=N, for example --mood 'so-so=3' (got {pair!r})")
        moods[label.strip()] = int(number)
    config = load_config(journal)
    progress = ProgressLine()
    try:
        report = importers.run_import(
            args.kind,
            args.file,
            journal,
            config,
            dry_run=args.dry_run,
            skip_bad=args.skip_bad,
            keep_location=args.keep_location,
            mood_labels=moods or None,
            tell=progress,
        )
    except importers.UsageError as error:
        return usage(str(error))
    except importers.ImportStopped as stopped:
        for name in stopped.written:
            print(printable("wrote " + name))
        where = f"could not write {stopped.error.filename}" if stopped.error.filename else "could not go on"
        done = f"{len(stopped.written)} {'entry' if len(stopped.written) == 1 else 'entries'}"
        return failed(
            f"{where}: {os_problem(stopped.error)}. {done} imported before it stopped, each whole;"
            " importing the same file again adds only the rest"
        )
    finally:
        progress.clear()
    print_problems(report.rejected)
    for name in report.imported:
        print(printable(("would write " if args.dry_run else "wrote ") + name))
    for line in report.fidelity:
        print(printable(line))
    print(printable(report.summary()))
    return EXIT_CONTENT if report.rejected and not args.skip_bad else EXIT_OK


def run_export(args: argparse.Namespace, journal: Path) -> int:
    from generator.config import load_config
    from generator.content import load_entries
    from generator.export import chosen_entries, to_csv, to_json
    from generator.write import os_problem

    config = load_config(journal)
    loaded = load_entries(journal, config)
    if loaded.errors:
        raise BuildFailed(loaded.errors)
    entries = chosen_entries(loaded.entries, config, include_private=args.include_private, drafts=args.drafts)
    text = to_csv(entries, config) if args.kind == "csv" else to_json(entries, config)
    if args.out is None:
        sys.stdout.write(text)
        return EXIT_OK
    if args.out.is_dir():
        return usage(f"--out {args.out} is a folder; name a file")
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as error:
        return failed(f"could not write {args.out}: {os_problem(error)}")
    left_out = len([e for e in loaded.entries if not e.draft or args.drafts]) - len(entries)
    private = f", leaving out {left_out} private" if left_out else ""
    print(
        f"Wrote {len(entries)} {'entry' if len(entries) == 1 else 'entries'} to {args.out}{private}.", file=sys.stderr
    )
    return EXIT_OK
