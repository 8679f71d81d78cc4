"""cairn share and cairn review: an encrypted edition, or a printable session review,
for someone who helps. Private entries are in neither."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from generator.commands.terminal import EXIT_OK, print_problems, usage


def run_share(args: argparse.Namespace, journal: Path) -> int:
    from generator.build import PASSPHRASE_VARIABLE, ShareUnknown, build_share, describe_share, share_edition

    try:
        share = share_edition(journal, args.name)
    except ShareUnknown as error:
        return usage(str(error))
    if args.dry_run:
        print("\n".join(describe_share(journal, share)))
        return EXIT_OK
    import getpass

    from generator.crypt import PassphraseRefused, read_passphrase

    try:
        passphrase = read_passphrase(
            os.environ,
            getpass.getpass if sys.stdin.isatty() else None,
            variable=PASSPHRASE_VARIABLE,
            what=f"the share '{args.name}'",
            need="A share",
        )
    except PassphraseRefused as error:
        return usage(str(error))
    if passphrase == os.environ.get("CAIRN_PASSPHRASE"):
        return usage("A share needs a passphrase of its own, not the journal's: choose another one.")
    out = args.out if args.out is not None else journal / "shares" / args.name
    report = build_share(journal, share, out, passphrase)
    print_problems(report.warnings)
    entries = f"{report.entries} {'entry' if report.entries == 1 else 'entries'}"
    print(f"Built the share '{args.name}' ({entries}, {report.pages} pages, encrypted) into {out}.")
    print("Give its passphrase to the person it is for by another way than the files themselves.")
    return EXIT_OK


def run_review(args: argparse.Namespace, journal: Path) -> int:
    from generator.build import draw_review

    try:
        start, end = dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end)
    except ValueError:
        return usage(f"--from and --to must be dates like 2026-09-01 (got {args.start!r} and {args.end!r})")
    if end < start:
        return usage(f"--to ({end}) is before --from ({start})")
    out = args.out if args.out is not None else journal / "reviews" / f"{start}-to-{end}"
    print(draw_review(journal, start, end, out))
    return EXIT_OK
