"""The `cairn` command. The only module that prints or exits."""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import time
from pathlib import Path
from typing import NoReturn

from generator import __version__
from generator.build import Report, build, check
from generator.errors import BuildFailed, ContentError
from generator.write import UnsafeOutput, os_problem

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 for usage errors, as we want
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"cairn: {message}\n")


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="cairn", description="Turn a folder of journal entries into a private website.")
    parser.add_argument("--version", action="version", version=f"cairn {__version__}")
    parser.add_argument("--journal", type=Path, default=Path("."), help="the journal folder (default: here)")
    # --journal may come before or after the command: `cairn build --journal x`.
    common = _Parser(add_help=False)
    common.add_argument("--journal", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    cmd = commands.add_parser("build", help="build the site", parents=[common])
    cmd.add_argument("--drafts", action="store_true", help="include entries marked draft: true")
    cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    cmd.add_argument("--out", type=Path, help="output folder (default: site/ in the journal)")
    cmd.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt every page, photo and the search index (passphrase from CAIRN_PASSPHRASE or asked)",
    )
    cmd.add_argument("--timings", action="store_true", help="say how long each stage of the build took")
    cmd.add_argument(
        "--new-key",
        action="store_true",
        help="with --encrypt: a new salt and key, so a key copied from a browser stops working",
    )
    cmd.add_argument(
        "--replace",
        action="store_true",
        help="let a plain build replace an encrypted site in the output folder, or the reverse",
    )

    cmd = commands.add_parser("check", help="check every entry and template, write nothing", parents=[common])
    cmd.add_argument("--drafts", action="store_true", help="include entries marked draft: true")
    cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    cmd.add_argument("--timings", action="store_true", help="say how long each stage took")

    cmd = commands.add_parser(
        "serve", help="preview the site on this computer, from memory, refreshed on every save", parents=[common]
    )
    cmd.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    cmd.add_argument("--drafts", action="store_true", help="include entries marked draft: true")

    cmd = commands.add_parser("new", help="start today's entry (never overwrites)", parents=[common])
    cmd.add_argument("--date", help="the entry's date, YYYY-MM-DD (default: today)")
    cmd.add_argument("--title", help="a title for the entry")
    cmd.add_argument("--no-edit", action="store_true", help="create the file without opening an editor")
    cmd.add_argument(
        "--template", default="default", metavar="NAME", help="start from templates/new/NAME.md or a built-in one"
    )
    cmd.add_argument("--list-templates", action="store_true", help="show the templates there are, and stop")

    cmd = commands.add_parser(
        "log", help="add a mood, a line, a win to today's entry, without an editor", parents=[common]
    )
    cmd.add_argument(
        "words",
        nargs="*",
        metavar="[MOOD] [LINE]",
        help='a mood (a number or a word of the scale), then a line: 2 "stayed in"',
    )
    cmd.add_argument("--win", action="append", default=[], help="a small win (again for more)")
    cmd.add_argument("--helped", action="append", default=[], help="something that helped, kept as coping")
    cmd.add_argument("--feeling", action="append", default=[], help="a feeling to name, kept as emotions")
    cmd.add_argument("--habit", action="append", default=[], help="a routine kept today")
    cmd.add_argument(
        "--metric", action="append", default=[], metavar="NAME=N", help="a number from journal.yaml: sleep=7.5"
    )
    cmd.add_argument("--date", help="the day, YYYY-MM-DD (default: today, as the journal counts it)")

    cmd = commands.add_parser("stats", help="a short summary of the journal", parents=[common])
    cmd.add_argument("--json", action="store_true", help="print the figures as JSON, for scripts")

    from generator.importers.registry import FORMATS

    kinds = ", ".join(f"{f.name} ({f.app})" for f in FORMATS)
    cmd = commands.add_parser("import", help=f"bring entries from {kinds}; never overwrites", parents=[common])
    cmd.add_argument(
        "kind",
        choices=[f.name for f in FORMATS],
        metavar="KIND",
        help="; ".join(f"{f.name}: {f.takes}" for f in FORMATS),
    )
    cmd.add_argument("file", type=Path, help="the export: a CSV, JSON, export folder or zip")
    cmd.add_argument("--dry-run", action="store_true", help="show what would happen, write nothing")
    cmd.add_argument("--skip-bad", action="store_true", help="import the good entries even if some are broken")
    cmd.add_argument("--keep-location", action="store_true", help="keep Day One's place and weather")
    cmd.add_argument(
        "--mood", action="append", default=[], metavar="LABEL=N", help="map a custom mood label to your scale"
    )

    cmd = commands.add_parser(
        "export", help="every entry as CSV (a spreadsheet) or JSON (everything)", parents=[common]
    )
    cmd.add_argument("kind", choices=["csv", "json"], help="csv: one row per entry; json: every field of every entry")
    cmd.add_argument("--out", type=Path, help="write to this file (default: standard output)")
    cmd.add_argument("--include-private", action="store_true", help="include private entries and private tags")
    cmd.add_argument("--drafts", action="store_true", help="include entries marked draft: true")

    cmd = commands.add_parser(
        "share", help="build a share edition for someone who helps (its own passphrase)", parents=[common]
    )
    cmd.add_argument("name", help="the share's name under `shares:` in journal.yaml")
    cmd.add_argument("--dry-run", action="store_true", help="show what would go out and what stays, write nothing")
    cmd.add_argument("--out", type=Path, help="output folder (default: shares/NAME/ in the journal)")

    cmd = commands.add_parser("review", help="draw a session review for any span", parents=[common])
    cmd.add_argument("--from", dest="start", required=True, help="the first day, YYYY-MM-DD")
    cmd.add_argument("--to", dest="end", required=True, help="the last day, YYYY-MM-DD")
    cmd.add_argument("--out", type=Path, help="output folder (default: reviews/FROM-to-TO/ in the journal)")

    cmd = commands.add_parser("init", help="make a new journal folder", parents=[common])
    cmd.add_argument("folder", nargs="?", type=Path, default=Path("."), help="where (default: here)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    journal: Path = args.journal
    if args.command != "init" and not journal.is_dir():
        return _usage(f"no journal folder at {journal}")
    try:
        return _COMMANDS[args.command](args, journal)
    except BuildFailed as failure:
        _print_problems(failure.problems)
        count = len(failure.errors)
        print(f"Nothing was written: {count} {'problem' if count == 1 else 'problems'} to fix first.", file=sys.stderr)
        return EXIT_CONTENT
    except UnsafeOutput as error:
        return _usage(str(error))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `cairn stats | head`: the reader has all it wanted
        sys.stderr.close()
        return EXIT_OK
    except OSError as error:  # a full disk, a folder without permission: say which, without a traceback
        where = f"could not write {error.filename}: " if error.filename else "could not finish: "
        return _usage(where + os_problem(error))


_PROGRESS_NAMES = {
    "read": "entries read",
    "draw": "pages drawn",
    "write": "files written",
    "import": "entries imported",
}


class _Progress:
    """One line on an interactive terminal, for work that takes more than about two
    seconds: entries read, pages drawn, files written. Silent when stderr is not a
    terminal, so scripts and CI logs stay as they were. CAIRN_PROGRESS_AFTER sets
    the seconds before it shows (tests use 0)."""

    def __init__(self) -> None:
        self.on = sys.stderr.isatty() and not os.environ.get("NO_PROGRESS")
        try:
            self.after = float(os.environ.get("CAIRN_PROGRESS_AFTER", "2"))
        except ValueError:
            self.after = 2.0
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False
        self.counts: dict[str, tuple[int, int]] = {}

    def __call__(self, what: str, done: int, of: int) -> None:
        if not self.on:
            return
        self.counts[what] = (done, of)
        now = time.monotonic()
        if now - self.started < self.after or (now - self.last < 0.1 and done != of):
            return
        self.last, self.shown = now, True
        text = " · ".join(f"{_PROGRESS_NAMES.get(w, w)} {d:,} of {o:,}" for w, (d, o) in self.counts.items())
        sys.stderr.write("\r\033[K" + text)
        sys.stderr.flush()

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
            self.shown = False


def _usage(message: str) -> int:
    print(f"cairn: {printable(message)}", file=sys.stderr)
    return EXIT_USAGE


# Control characters (and the marks that reverse text) in an entry or a file name could
# move the cursor, clear the screen or retitle the terminal; they are shown as escapes.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with every terminal control character shown as an escape such as \\x1b."""
    return _CONTROL.sub(lambda match: ascii(match.group(0))[1:-1], text)


def _print_problems(problems: list[ContentError]) -> None:
    for problem in problems:
        print(_colour(printable(str(problem)), "33" if problem.warning else "31"), file=sys.stderr)


def _colour(text: str, code: str) -> str:
    if os.environ.get("NO_COLOR") or not sys.stderr.isatty():
        return text
    return f"\033[{code}m{text}\033[0m"


def _summary(report: Report) -> str:
    entries = f"{report.entries} {'entry' if report.entries == 1 else 'entries'}"
    return (
        f"Built {entries} into {report.pages} pages: {report.written} written, "
        f"{report.unchanged} unchanged, {report.removed} removed, in {report.seconds:.2f} s."
    )


def _build(args: argparse.Namespace, journal: Path) -> int:
    out = args.out if args.out is not None else journal / "site"
    passphrase = None
    if args.new_key and not args.encrypt:
        return _usage("--new-key makes a new key for an encrypted site: use it with --encrypt")
    if args.encrypt:
        import getpass

        from generator.crypt import PassphraseRefused, read_passphrase

        try:
            passphrase = read_passphrase(os.environ, getpass.getpass if sys.stdin.isatty() else None)
        except PassphraseRefused as error:
            return _usage(str(error))
    progress = _Progress()
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
    _print_problems(report.warnings)
    print(_summary(report))
    if report.kept:
        print(printable("Left as they were (not written by Cairn): " + ", ".join(report.kept) + "."))
    if report.written == 0 and report.removed == 0:
        print("Nothing changed since the last build.")
    if args.timings:
        print(_timings(report))
    return EXIT_OK


def _check(args: argparse.Namespace, journal: Path) -> int:
    report = check(journal, drafts=args.drafts, strict=args.strict)
    _print_problems(report.warnings)
    print(_checked(report))
    if args.timings:
        print(_timings(report))
    return EXIT_OK


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


def _new(args: argparse.Namespace, journal: Path) -> int:
    from generator.config import load_config
    from generator.entry_templates import UnknownTemplate, available_templates
    from generator.scaffold import new_entry, open_in_editor, read_day

    if args.list_templates:
        for template in available_templates(journal):
            where = template.path.relative_to(journal).as_posix() if template.own else "built in"
            also = " (in place of the built-in one)" if template.replaces_builtin else ""
            print(f"{template.name:<12} {where}{also}")
        return EXIT_OK
    config = load_config(journal)
    try:
        date = read_day(args.date, config)
        path, created = new_entry(journal, config, date, args.title, args.template)
    except (ValueError, UnknownTemplate) as error:
        return _usage(str(error))
    shown = str(path)  # as the person named the journal: content/2026/... from inside it
    print(("Started " if created else "Opening the existing entry ") + shown)
    if not created and not args.title and args.template != "default":
        print('To start a second entry for the day, give it a title: --title "Evening".')
    if not args.no_edit:
        status = open_in_editor(path)
        if status is None:
            print("Set $EDITOR (or $VISUAL) to have entries open in your editor.")
        elif status != 0:
            print(f"The editor stopped with status {status}; the entry is saved at {shown}.", file=sys.stderr)
    return EXIT_OK


def _log(args: argparse.Namespace, journal: Path) -> int:
    from generator.config import load_config
    from generator.quicklog import log_entry, read_quick_entry
    from generator.scaffold import read_day

    config = load_config(journal)
    try:
        quick = read_quick_entry(args.words, args.win, args.helped, args.feeling, args.habit, args.metric, config)
        date = read_day(args.date, config)
    except ValueError as error:
        return _usage(str(error))
    logged = log_entry(journal, config, date, quick)
    _print_problems(logged.warnings)
    if not logged.changed:
        print(f"{logged.path} already holds all of that; nothing was changed.")
    else:
        print(f"{'Started' if logged.created else 'Added to'} {logged.path}")
    return EXIT_OK


def _stats(args: argparse.Namespace, journal: Path) -> int:
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


def _import(args: argparse.Namespace, journal: Path) -> int:
    from generator.config import load_config
    from generator.importers import UsageError, run_import

    moods = {}
    for pair in args.mood:
        label, _, number = pair.rpartition("=")
        if not label or not number.strip().lstrip("-").isdigit():
            return _usage(f"--mood must look like LABEL=N, for example --mood 'so-so=3' (got {pair!r})")
        moods[label.strip()] = int(number)
    config = load_config(journal)
    progress = _Progress()
    try:
        report = run_import(
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
    except UsageError as error:
        return _usage(str(error))
    finally:
        progress.clear()
    _print_problems(report.rejected)
    for name in report.imported:
        print(printable(("would write " if args.dry_run else "wrote ") + name))
    for line in report.fidelity:
        print(printable(line))
    print(printable(report.summary()))
    return EXIT_CONTENT if report.rejected and not args.skip_bad else EXIT_OK


def _export(args: argparse.Namespace, journal: Path) -> int:
    from generator.config import load_config
    from generator.content import load_entries
    from generator.export import chosen_entries, to_csv, to_json

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
        return _usage(f"--out {args.out} is a folder; name a file")
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as error:
        return _usage(f"cannot write {args.out}: {error.strerror}")
    left_out = len([e for e in loaded.entries if not e.draft or args.drafts]) - len(entries)
    private = f", leaving out {left_out} private" if left_out else ""
    print(
        f"Wrote {len(entries)} {'entry' if len(entries) == 1 else 'entries'} to {args.out}{private}.", file=sys.stderr
    )
    return EXIT_OK


def _init(args: argparse.Namespace, journal: Path) -> int:
    from generator.scaffold import JournalExists, init_journal

    try:
        made = init_journal(args.folder)
    except JournalExists as error:
        return _usage(str(error))
    print(f"A new journal is ready in {made}. Write your first entry with: cairn --journal {made} new")
    return EXIT_OK


def _serve(args: argparse.Namespace, journal: Path) -> int:
    import errno
    import threading

    from generator.serve import HOST, Outcome, Preview, Server

    def report(outcome: Outcome) -> None:
        if outcome.errors:
            _print_problems(sorted(outcome.errors + outcome.warnings))
            print("Still showing the last good version of the site.", file=sys.stderr, flush=True)
            return
        if outcome.step == "quick":
            print(
                f"Updated {', '.join('/' + p for p in outcome.changed)} in {outcome.seconds * 1000:.0f} ms"
                f" ({outcome.cpu_seconds * 1000:.0f} ms of CPU).",
                flush=True,
            )
            return
        _print_problems(outcome.warnings)
        entries = f"{outcome.entries} {'entry' if outcome.entries == 1 else 'entries'}"
        print(f"Ready: {entries} in {outcome.pages} pages, in {outcome.seconds:.2f} s.", flush=True)

    preview = Preview(journal, drafts=args.drafts)
    progress = _Progress()
    try:
        first = preview.rebuild(tell=progress)
    finally:
        progress.clear()
    report(first)
    try:
        server = Server(preview, args.port, report)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            return _usage(f"port {args.port} is already in use; try: cairn serve --port {args.port + 1}")
        raise
    server.start([str(e) for e in first.errors])
    try:
        print(f"Serving your journal at http://{HOST}:{server.port}/ (only this computer can see it).", flush=True)
        print("Saving an entry refreshes the page. Nothing is written to site/. Press Ctrl-C to stop.", flush=True)
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    print("Stopped.")
    return EXIT_OK


def _share(args: argparse.Namespace, journal: Path) -> int:
    from generator.build import PASSPHRASE_VARIABLE, ShareUnknown, build_share, describe_share, share_edition

    try:
        share = share_edition(journal, args.name)
    except ShareUnknown as error:
        return _usage(str(error))
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
        return _usage(str(error))
    if passphrase == os.environ.get("CAIRN_PASSPHRASE"):
        return _usage("A share needs a passphrase of its own, not the journal's: choose another one.")
    out = args.out if args.out is not None else journal / "shares" / args.name
    report = build_share(journal, share, out, passphrase)
    _print_problems(report.warnings)
    entries = f"{report.entries} {'entry' if report.entries == 1 else 'entries'}"
    print(f"Built the share '{args.name}' ({entries}, {report.pages} pages, encrypted) into {out}.")
    print("Give its passphrase to the person it is for by another way than the files themselves.")
    return EXIT_OK


def _review(args: argparse.Namespace, journal: Path) -> int:
    import datetime as dt

    from generator.build import draw_review

    try:
        start, end = dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end)
    except ValueError:
        return _usage(f"--from and --to must be dates like 2026-09-01 (got {args.start!r} and {args.end!r})")
    if end < start:
        return _usage(f"--to ({end}) is before --from ({start})")
    out = args.out if args.out is not None else journal / "reviews" / f"{start}-to-{end}"
    print(draw_review(journal, start, end, out))
    return EXIT_OK


_COMMANDS = {
    "build": _build,
    "check": _check,
    "serve": _serve,
    "new": _new,
    "log": _log,
    "init": _init,
    "import": _import,
    "stats": _stats,
    "share": _share,
    "review": _review,
    "export": _export,
}
