"""cairn new and cairn log: starting an entry in an editor, or adding to one without."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.terminal import EXIT_OK, print_problems, usage


def _not_a_journal(journal: Path) -> str | None:
    """Why new and log will not start content/ here: a folder with no journal.yaml, content/
    or entry templates is most likely not the journal the person meant, and the entry would
    be lost to it."""
    from generator.config import CONFIG_FILE
    from generator.content import CONTENT_DIR
    from generator.entry_templates import TEMPLATE_FOLDER

    if (journal / CONFIG_FILE).is_file() or any(
        (journal / folder).is_dir() for folder in (CONTENT_DIR, f"templates/{TEMPLATE_FOLDER}")
    ):
        return None
    shown = "this folder" if journal == Path(".") else str(journal)
    return (
        f"{shown} holds no journal ({CONFIG_FILE} or {CONTENT_DIR}/), so nothing was written; "
        "run this inside your journal, give --journal DIR, or start one with cairn init"
    )


def run_new(args: argparse.Namespace, journal: Path) -> int:
    from generator.config import load_config
    from generator.entry_templates import UnknownTemplate, available_templates
    from generator.scaffold import new_entry, open_in_editor, read_day

    if args.list_templates:
        for template in available_templates(journal):
            where = template.path.relative_to(journal).as_posix() if template.own else "built in"
            also = " (in place of the built-in one)" if template.replaces_builtin else ""
            print(f"{template.name:<12} {where}{also}")
        return EXIT_OK
    if problem := _not_a_journal(journal):
        return usage(problem)
    config = load_config(journal)
    try:
        date = read_day(args.date, config)
        path, created = new_entry(journal, config, date, args.title, args.template)
    except (ValueError, UnknownTemplate) as error:
        return usage(str(error))
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


def run_log(args: argparse.Namespace, journal: Path) -> int:
    from generator.config import load_config
    from generator.quicklog import log_entry, read_quick_entry
    from generator.scaffold import read_day

    if problem := _not_a_journal(journal):
        return usage(problem)
    config = load_config(journal)
    try:
        quick = read_quick_entry(args.words, args.win, args.helped, args.feeling, args.habit, args.metric, config)
        date = read_day(args.date, config)
    except ValueError as error:
        return usage(str(error))
    logged = log_entry(journal, config, date, quick)
    print_problems(logged.warnings)
    if not logged.changed:
        print(f"{logged.path} already holds all of that; nothing was changed.")
    else:
        print(f"{'Started' if logged.created else 'Added to'} {logged.path}")
        if logged.another and logged.created:
            print("The day's entry holds another mood, which stays as written; this is the day's next entry.")
    return EXIT_OK
