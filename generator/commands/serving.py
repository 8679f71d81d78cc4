"""cairn serve: the live preview on this computer, and what it says as it rebuilds."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.terminal import EXIT_OK, ProgressLine, print_problems, usage


def run_serve(args: argparse.Namespace, journal: Path) -> int:
    import errno
    import threading

    from generator.serve import HOST, Outcome, Preview, Server

    def report(outcome: Outcome) -> None:
        if outcome.errors:
            print_problems(sorted(outcome.errors + outcome.warnings))
            print("Still showing the last good version of the site.", file=sys.stderr, flush=True)
            return
        if outcome.step == "quick":
            print(
                f"Updated {', '.join('/' + p for p in outcome.changed)} in {outcome.seconds * 1000:.0f} ms"
                f" ({outcome.cpu_seconds * 1000:.0f} ms of CPU).",
                flush=True,
            )
            return
        print_problems(outcome.warnings)
        entries = f"{outcome.entries} {'entry' if outcome.entries == 1 else 'entries'}"
        print(f"Ready: {entries} in {outcome.pages} pages, in {outcome.seconds:.2f} s.", flush=True)

    preview = Preview(journal, drafts=args.drafts)
    progress = ProgressLine()
    try:
        first = preview.rebuild(tell=progress)
    finally:
        progress.clear()
    report(first)
    try:
        server = Server(preview, args.port, report)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            return usage(f"port {args.port} is already in use; try: cairn serve --port {args.port + 1}")
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
