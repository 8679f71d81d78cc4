"""The `cairn` command. The only module that prints or exits."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from generator import __version__
from generator.build import Report, build, check
from generator.errors import BuildFailed, ContentError
from generator.write import UnsafeOutput

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 for usage errors, as we want
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"cairn: {message}\n")


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="cairn", description="Turn a folder of journal entries into a private website.")
    parser.add_argument("--version", action="version", version=f"cairn {__version__}")
    parser.add_argument("--journal", type=Path, default=Path("."), help="the journal folder (default: here)")
    # --journal may come before or after the command: `cairn build --journal x`.
    common = argparse.ArgumentParser(add_help=False)
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

    cmd = commands.add_parser("check", help="check every entry and template, write nothing", parents=[common])
    cmd.add_argument("--drafts", action="store_true", help="include entries marked draft: true")
    cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    cmd.add_argument("--timings", action="store_true", help="say how long each stage took")

    cmd = commands.add_parser(
        "serve", help="preview the site on this computer, rebuilding on every save", parents=[common]
    )
    cmd.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    cmd.add_argument("--drafts", action="store_true", help="include entries marked draft: true")
    cmd.add_argument("--out", type=Path, help="output folder (default: site/ in the journal)")

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


def _usage(message: str) -> int:
    print(f"cairn: {message}", file=sys.stderr)
    return EXIT_USAGE


def _print_problems(problems: list[ContentError]) -> None:
    for problem in problems:
        print(_colour(str(problem), "33" if problem.warning else "31"), file=sys.stderr)


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
    report = build(journal, out, drafts=args.drafts, strict=args.strict, passphrase=passphrase, new_key=args.new_key)
    _print_problems(report.warnings)
    print(_summary(report))
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
        raise BuildFailed(loaded.errors)
    entries = sorted((e for e in loaded.entries if not e.draft), key=lambda e: e.sort_key)
    stats = gather_stats(entries, config)
    if args.json:
        print(json.dumps(stats.as_dict(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(describe(stats)))
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
        )
    except UsageError as error:
        return _usage(str(error))
    _print_problems(report.rejected)
    for name in report.imported:
        print(("would write " if args.dry_run else "wrote ") + name)
    for line in report.fidelity:
        print(line)
    print(report.summary())
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

    from generator.serve import HOST, Server

    site = args.out if args.out is not None else journal / "site"

    def build_once() -> list[str]:
        try:
            report = build(journal, site, drafts=args.drafts)
        except BuildFailed as failure:
            _print_problems(failure.problems)
            print("Still showing the last good version of the site.", file=sys.stderr)
            return [str(e) for e in failure.errors]
        _print_problems(report.warnings)
        print(_summary(report), flush=True)
        return []

    errors = build_once()
    try:
        server = Server(journal, site, args.port, build_once)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            return _usage(f"port {args.port} is already in use; try: cairn serve --port {args.port + 1}")
        raise
    server.broadcast.errors = errors
    server.start()
    try:
        print(f"Serving your journal at http://{HOST}:{server.port}/ (only this computer can see it).", flush=True)
        print("Saving an entry rebuilds and refreshes the page. Press Ctrl-C to stop.", flush=True)
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    print("Stopped.")
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
    "export": _export,
}
