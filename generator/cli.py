"""The `cairn` command line: the parser, and main() handing each command to its module
in commands/. Problems that stop any command are reported here, with their exit status."""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from generator import __version__
from generator.commands.terminal import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, failed, print_problems, usage
from generator.errors import BuildFailed
from generator.write import CannotWrite, UnsafeOutput, os_problem


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


# Python's cycle collector, at its default pace, walks every object alive about 2,300
# times in a rebuild of a ten-year journal: 0.6 s of a 4 s rebuild after one edit.
# Almost nothing Cairn makes is a cycle, so it runs far less often (5 times).
COLLECT_AFTER = (100_000, 20, 20)


def run() -> NoReturn:
    """The `cairn` program: main(), then out without Python freeing every object one by
    one, a twentieth of a second after a rebuild of a ten-year journal. Everything Cairn
    writes is closed by then; only the terminal's buffers are left to flush."""
    code = main()
    logging.shutdown()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `cairn stats | head`: the reader has all it wanted
        pass
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    gc.set_threshold(*COLLECT_AFTER)
    args = make_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    journal: Path = args.journal
    if args.command != "init" and not journal.is_dir():
        return usage(f"no journal folder at {journal}")
    try:
        return _command(args.command)(args, journal)
    except BuildFailed as failure:
        print_problems(failure.problems)
        count = len(failure.errors)
        problems = f"{count} {'problem' if count == 1 else 'problems'} to fix first."
        # stats writes nothing whatever happens: it waits for the figures, not for a site
        print(("No figures yet: " if args.command == "stats" else "Nothing was written: ") + problems, file=sys.stderr)
        return EXIT_CONTENT
    except CannotWrite as error:
        return failed(str(error))
    except UnsafeOutput as error:
        return usage(str(error))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `cairn stats | head`: the reader has all it wanted
        sys.stderr.close()
        return EXIT_OK
    except OSError as error:  # a full disk, a folder without permission: say which, without a traceback
        where = f"could not write {error.filename}: " if error.filename else "could not finish: "
        return failed(where + os_problem(error))


# Each command's module is imported only when it runs: `cairn log` and `cairn new` start
# without the build pipeline, Jinja or Markdown.
_COMMANDS = {
    "build": ("building", "run_build"),
    "check": ("building", "run_check"),
    "serve": ("serving", "run_serve"),
    "new": ("writing", "run_new"),
    "log": ("writing", "run_log"),
    "init": ("journal_folder", "run_init"),
    "import": ("journal_folder", "run_import"),
    "stats": ("stats", "run_stats"),
    "share": ("sharing", "run_share"),
    "review": ("sharing", "run_review"),
    "export": ("journal_folder", "run_export"),
}


def _command(name: str) -> Callable[[argparse.Namespace, Path], int]:
    module, function = _COMMANDS[name]
    return getattr(importlib.import_module(f"generator.commands.{module}"), function)
