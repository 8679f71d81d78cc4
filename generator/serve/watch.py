"""Watching the journal's inputs, and nothing else.

Only content/, the journal's templates/, journal.yaml and plan.md are watched (the
journal folder itself without recursion, for those two). The output folder, .cairn/ and
.git/ are never watched, so a build's thousands of writes never reach the queue.
"""

from __future__ import annotations

import os
import posixpath
import threading
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from generator.config import CONFIG_FILE
from generator.content import CONTENT_DIR
from generator.filenames import PLAN_FILE

_IGNORED_SUFFIXES = (".swp", ".swx", ".swo", "~", ".tmp", ".part", ".crdownload", ".kate-swp")


def is_editor_noise(path: str) -> bool:
    """Editors' swap, backup and temporary files never trigger a rebuild."""
    name = posixpath.basename(path.replace(os.sep, "/"))
    return (
        name.startswith((".#", ".tmp-", "~"))
        or (name.startswith("#") and name.endswith("#"))
        or name.endswith(_IGNORED_SUFFIXES)
        or name == "4913"  # vim's probe file
    )


class _Collector(FileSystemEventHandler):
    """Passes on every input path that changed."""

    def __init__(self, journal: Path, changed: Callable[[Path], None]) -> None:
        self.journal = journal.resolve()
        self.changed = changed
        self.roots = (self.journal / CONTENT_DIR, self.journal / "templates")

    def wants(self, path: str) -> bool:
        if is_editor_noise(path):
            return False
        resolved = Path(path).resolve()
        singles = (self.journal / CONFIG_FILE, self.journal / PLAN_FILE)
        return resolved in singles or any(resolved.is_relative_to(r) for r in self.roots)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type == "modified":
            return  # a folder "changes" whenever any file in it does, swap files included
        for raw in (event.src_path, getattr(event, "dest_path", "") or ""):
            path = os.fsdecode(raw)
            if path and self.wants(path):
                self.changed(Path(path))


class Watcher:
    """Calls `changed(path)` from watchdog's thread for every changed input."""

    def __init__(self, journal: Path, changed: Callable[[Path], None]) -> None:
        self.journal = journal.resolve()
        self._collector = _Collector(self.journal, changed)
        self._observer: BaseObserver = Observer()
        self._lock = threading.Lock()
        self.watched: list[Path] = []

    def start(self) -> None:
        self._observer.schedule(self._collector, str(self.journal), recursive=False)
        self.watched.append(self.journal)
        for root in self._collector.roots:
            if root.is_dir():
                self._observer.schedule(self._collector, str(root), recursive=True)
                self.watched.append(root)
        self._observer.start()

    def notice_new_folder(self, path: Path) -> None:
        """content/ or templates/ made after the start: watch it from now on."""
        with self._lock:
            for root in self._collector.roots:
                if path.resolve() == root and root.is_dir() and root not in self.watched:
                    self._observer.schedule(self._collector, str(root), recursive=True)
                    self.watched.append(root)

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join(timeout=5)
