"""`cairn serve`: the live preview, from memory, on 127.0.0.1 only.

    watch.py    which inputs changed (content/, templates/, journal.yaml; never site/ or .cairn/)
    live.py     the journal in memory; the edited entry's page first, then the rest
    site.py     one good state of the site, each page drawn on its first request
    handler.py  pages drawn on request, the reload script and its event stream

After a save the page of the edited entry is brought up to date and open pages
reload; then the pages that summarise the journal (home, timeline, months, tags,
progress, search) catch up in the background and open pages reload once more. A
save that does not build keeps the last good pages and shows the errors over them.
Nothing is written into the output folder: the deployed site is never touched.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from pathlib import Path

from generator.serve.handler import Broadcast, PreviewHandler, allowed_hosts, output_name
from generator.serve.live import Preview, is_input
from generator.serve.site import Outcome, Site, Superseded
from generator.serve.watch import Watcher, is_editor_noise

__all__ = ["HOST", "Outcome", "Preview", "Server", "Site", "is_editor_noise", "output_name"]

HOST = "127.0.0.1"
SETTLE_SECONDS = 0.03  # an editor's save is often a write and a rename: take them as one


class Server:
    """The running preview: HTTP server, watcher and the worker that applies saves."""

    def __init__(self, preview: Preview, port: int, report: Callable[[Outcome], None]) -> None:
        self.preview = preview
        self.report = report
        self.broadcast = Broadcast()
        broadcast = self.broadcast

        class Handler(PreviewHandler):
            pass

        Handler.site = staticmethod(lambda: preview.site)
        Handler.broadcast = broadcast
        self.httpd = ThreadingHTTPServer((HOST, port), Handler)  # OSError if the port is taken
        self.httpd.daemon_threads = True
        self.port: int = int(self.httpd.server_address[1])
        Handler.hosts = allowed_hosts(self.port)
        self.watcher = Watcher(preview.journal, self._changed)
        self._pending: set[Path] = set()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._worker = threading.Thread(target=self._work, name="cairn-preview", daemon=True)

    def start(self, errors: list[str] | None = None) -> None:
        self.broadcast.errors = list(errors or [])
        self.watcher.start()
        self._worker.start()
        threading.Thread(target=self.httpd.serve_forever, name="cairn-http", daemon=True).start()

    def stop(self) -> None:
        self.watcher.stop()
        self._stopping.set()
        self._wake.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._worker.join(timeout=10)
        self.preview.save_caches()

    def _changed(self, path: Path) -> None:
        with self._lock:
            self._pending.add(path)
        self._wake.set()

    def _work(self) -> None:
        while True:
            self._wake.wait()
            if self._stopping.is_set():
                return
            self._stopping.wait(SETTLE_SECONDS)
            self._wake.clear()
            with self._lock:
                paths, self._pending = self._pending, set()
            if paths:
                self.apply(paths)

    def apply(self, paths: set[Path]) -> None:
        """Take one batch of changed inputs: the quick step when it applies, then the rebuild."""
        journal = self.preview.journal
        kinds = {is_input(journal, path) for path in paths}
        for path in paths:
            if path.is_dir():
                self.watcher.notice_new_folder(path)
        if "settings" in kinds:
            self.preview.settings_changed()
        if "templates" in kinds:
            self.preview.templates_changed()
        if kinds <= {"content"}:
            quick = self.preview.quick(paths)
            if quick is not None:
                if quick.errors or quick.changed:
                    self._announce(quick)
                if quick.errors or not quick.changed:
                    return  # a rebuild would only repeat the errors, or find nothing new
        try:
            outcome = self.preview.rebuild(superseded=self._wake.is_set)
        except Superseded:
            return  # the worker takes the newer save next
        self._announce(outcome)
        if not outcome.errors:
            self.preview.settle()

    def _announce(self, outcome: Outcome) -> None:
        self.report(outcome)
        if outcome.errors:
            self.broadcast.errors = [str(e) for e in outcome.errors]
            self.broadcast.send("errors", json.dumps(self.broadcast.errors))
            return
        self.broadcast.errors = []
        self.broadcast.send("ok")
        self.broadcast.send("reload", "entry" if outcome.step == "quick" else "site")
