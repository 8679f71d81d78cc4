"""cairn share and cairn review: an encrypted edition, or a printable session review,
for someone who helps. Private entries are in neither."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from generator.build import Clock, plan_site, static_files
from generator.commands.terminal import EXIT_OK, print_problems, usage
from generator.errors import BuildFailed
from generator.model import Page
from generator.render import make_environment, render_pages
from generator.routes import review
from generator.share import PASSPHRASE_VARIABLE, ShareUnknown, trim_links
from generator.share.build import build_share, describe_share, opened_elsewhere, share_edition
from generator.write import check_output_folder, write_site


def run_share(args: argparse.Namespace, journal: Path) -> int:
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
    elsewhere = opened_elsewhere(journal, out, passphrase)
    if elsewhere is not None:
        what = "the journal's own encrypted site" if elsewhere.name == "site" else f"the share '{elsewhere.name}'"
        return usage(
            f"This passphrase already opens {what} ({elsewhere}): a share needs one of its own, "
            "so that giving it to one person gives nothing else away. Nothing was built; choose another."
        )
    report = build_share(journal, share, out, passphrase)
    print_problems(report.warnings)
    entries = f"{report.entries} {'entry' if report.entries == 1 else 'entries'}"
    print(f"Built the share '{args.name}' ({entries}, {report.pages} pages, encrypted) into {out}.")
    print("Give its passphrase to the person it is for by another way than the files themselves.")
    return EXIT_OK


def run_review(args: argparse.Namespace, journal: Path) -> int:
    try:
        start, end = dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end)
    except ValueError:
        return usage(f"--from and --to must be dates like 2026-09-01 (got {args.start!r} and {args.end!r})")
    if end < start:
        return usage(f"--to ({end}) is before --from ({start})")
    out = args.out if args.out is not None else journal / "reviews" / f"{start}-to-{end}"
    print(draw_review(journal, start, end, out))
    return EXIT_OK


def draw_review(journal: Path, start: dt.date, end: dt.date, out: Path) -> Path:
    """One session review for any span, as a page of its own with the theme beside it,
    in `out` (a folder Cairn writes). Private entries are never in it. Returns the page."""
    check_output_folder(out, journal)
    planned, _ = plan_site(journal, Clock())
    page = review(planned.journal, planned.config, start, end)
    page = Page("", page.template, page.context, page.source)  # the review is the folder's home
    env = make_environment(journal, planned.config)
    rendered, template_errors, _ = render_pages(env, [page], journal, None)
    if template_errors:
        raise BuildFailed(template_errors)
    files = {**static_files(journal, planned.config)}
    files.update({name: data for name, data in rendered.items() if data is not None})
    kept: dict[str, bytes | None] = {
        name: data for name, data in trim_links(files).items() if name != "static/search-index.js"
    }
    write_site(out, kept)
    return out / "index.html"
