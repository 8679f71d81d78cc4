"""cairn build and cairn check: the whole pipeline, with or without the write."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator.build import Report, build, check
from generator.commands.terminal import EXIT_OK, ProgressLine, print_problems, printable, usage


def run_build(args: argparse.Namespace, journal: Path) -> int:
    out = args.out if args.out is not None else journal / "site"
    passphrase = None
    if args.new_key and not args.encrypt:
        return usage("--new-key makes a new key for an encrypted site: use it with --encrypt")
    if args.encrypt:
        import getpass

        from generator.crypt import PassphraseRefused, read_passphrase

        try:
            passphrase = read_passphrase(os.environ, getpass.getpass if sys.stdin.isatty() else None)
        except PassphraseRefused as error:
            return usage(str(error))
    progress = ProgressLine()
    try:
        report = build(
            journal,
            out,
            drafts=args.drafts,
            strict=args.strict,
            passphrase=passphrase,
            new_key=args.new_key,
            replace=args.replace,
            tell=progress,
        )
    finally:
        progress.clear()
    print_problems(report.warnings)
    print(_summary(report))
    if report.kept:
        print(printable("Left as they were (not written by Cairn): " + ", ".join(report.kept) + "."))
    if report.written == 0 and report.removed == 0:
        print("Nothing changed since the last build.")
    if args.timings:
        print(_timings(report))
    return EXIT_OK


def run_check(args: argparse.Namespace, journal: Path) -> int:
    report = check(journal, drafts=args.drafts, strict=args.strict)
    print_problems(report.warnings)
    print(_checked(report))
    if args.timings:
        print(_timings(report))
    return EXIT_OK


def _summary(report: Report) -> str:
    entries = f"{report.entries} {'entry' if report.entries == 1 else 'entries'}"
    return (
        f"Built {entries} into {report.pages} pages: {report.written} written, "
        f"{report.unchanged} unchanged, {report.removed} removed, in {report.seconds:.2f} s."
    )


def _checked(report: Report) -> str:
    warnings = len(report.warnings)
    noted = f" ({warnings} {'warning' if warnings == 1 else 'warnings'})"
    if report.entries == 0:
        return f"No entries yet; the settings and templates look right{noted}."
    if report.entries == 1:
        return f"The one entry looks right{noted}."
    return f"All {report.entries} entries look right{noted}."


def _timings(report: Report) -> str:
    if not report.timings:
        return "Stage times: none (nothing had changed, so no stage ran)."
    return "Stage times: " + ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in report.timings.items()) + "."
