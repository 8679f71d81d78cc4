"""`cairn serve`: build, serve on 127.0.0.1, rebuild on save, reload the browser.

A failed rebuild keeps the last good site on disk and in the browser, and shows
the errors over it until they are fixed.
"""

from __future__ import annotations

import json
import os
import posixpath
import queue
import threading
from collections.abc import Callable
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.cache import CACHE_DIR
from generator.config import CONFIG_FILE
from generator.content import CONTENT_DIR
from generator.filenames import PLAN_FILE

HOST = "127.0.0.1"
SETTLE_SECONDS = 0.05
RELOAD_SCRIPT = (Path(__file__).parent / "serve_assets" / "reload.js").read_bytes()
_INJECT = b'<script src="/__cairn/reload.js"></script>\n'
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


class Broadcast:
    """Server-sent events to every open page."""

    def __init__(self) -> None:
        self._clients: list[queue.Queue] = []
        self._lock = threading.Lock()
        self.errors: list[str] = []

    def subscribe(self) -> queue.Queue:
        client: queue.Queue = queue.Queue()
        with self._lock:
            self._clients.append(client)
        if self.errors:
            client.put(("errors", json.dumps(self.errors)))
        return client

    def unsubscribe(self, client: queue.Queue) -> None:
        with self._lock:
            if client in self._clients:
                self._clients.remove(client)

    def send(self, event: str, data: str = "") -> None:
        with self._lock:
            for client in self._clients:
                client.put((event, data))


def resolve_inside(root: Path, url_path: str) -> Path | None:
    """The file a URL path names inside `root`, or None if it would leave it."""
    path = unquote(urlsplit(url_path).path)
    if "\0" in path or "\\" in path:
        return None
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if ".." in parts:
        return None
    target = root.joinpath(*parts)
    try:
        real = target.resolve()
    except OSError:
        return None
    if not real.is_relative_to(root.resolve()):
        return None  # a symlink pointing out of the site
    if real.is_dir():
        real = real / "index.html"
    return real if real.is_file() else None


class SiteHandler(SimpleHTTPRequestHandler):
    def __init__(self, *args, site: Path, broadcast: Broadcast, **kwargs):
        self.site = site
        self.broadcast = broadcast
        super().__init__(*args, directory=str(site), **kwargs)

    def log_message(self, format: str, *args) -> None:  # quiet: the terminal is for build messages
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == "/__cairn/reload.js":
            return self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", RELOAD_SCRIPT)
        if path == "/__cairn/events":
            return self._events()
        if path and not path.endswith("/") and (self.site / unquote(path).lstrip("/")).is_dir():
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", path + "/")
            self.end_headers()
            return None
        target = resolve_inside(self.site, self.path)
        if target is None:
            missing = self.site / "404.html"
            body = (
                missing.read_bytes() if missing.is_file() else b"<!doctype html><title>Not found</title><p>Not found."
            )
            # 404.html links relative to the site root; shown at a deeper URL it needs a base.
            body = body.replace(b"<head>", b'<head>\n<base href="/">', 1)
            return self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", _with_script(body))
        body = target.read_bytes()
        content_type = self.guess_type(str(target))
        if target.suffix == ".html":
            content_type, body = "text/html; charset=utf-8", _with_script(body)
        return self._send(HTTPStatus.OK, content_type, body)

    def do_HEAD(self) -> None:
        self.send_error(HTTPStatus.METHOD_NOT_ALLOWED)

    def _send(self, status: HTTPStatus, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        client = self.broadcast.subscribe()
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while True:
                try:
                    event, data = client.get(timeout=15)
                    message = f"event: {event}\ndata: {data}\n\n"
                except queue.Empty:
                    message = ": still here\n\n"
                self.wfile.write(message.encode("utf-8"))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass
        finally:
            self.broadcast.unsubscribe(client)


def _with_script(html: bytes) -> bytes:
    index = html.rfind(b"</body>")
    return html[:index] + _INJECT + html[index:] if index >= 0 else html + _INJECT


class _Rebuilder(FileSystemEventHandler):
    """Collects saves for a short settle, then runs one rebuild."""

    def __init__(self, journal: Path, site: Path, rebuild: Callable[[], None]):
        self.journal = journal.resolve()
        self.ignored = [site.resolve(), self.journal / CACHE_DIR, self.journal / ".git"]
        self.rebuild = rebuild
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def wants(self, path: str) -> bool:
        resolved = Path(path).resolve()
        if is_editor_noise(path) or any(resolved.is_relative_to(i) for i in self.ignored):
            return False
        watched = [self.journal / CONTENT_DIR, self.journal / "templates"]
        roots = (self.journal / CONFIG_FILE, self.journal / PLAN_FILE)
        return resolved in roots or any(resolved.is_relative_to(w) for w in watched)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type == "modified":
            return  # a folder "changes" whenever any file in it does, swap files included
        paths = [event.src_path, getattr(event, "dest_path", "") or ""]
        if not any(p and self.wants(os.fsdecode(p)) for p in paths):
            return
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(SETTLE_SECONDS, self.rebuild)
            self._timer.daemon = True
            self._timer.start()


class Server:
    """The running preview: HTTP server, watcher and rebuilds."""

    def __init__(self, journal: Path, site: Path, port: int, build_once: Callable[[], list[str]]):
        self.journal, self.site = journal, site
        self.broadcast = Broadcast()
        self._build_once = build_once
        self._build_lock = threading.Lock()
        handler = partial(SiteHandler, site=site, broadcast=self.broadcast)
        self.httpd = ThreadingHTTPServer((HOST, port), handler)  # OSError if the port is taken
        self.httpd.daemon_threads = True
        self.observer = Observer()
        self.port = self.httpd.server_address[1]

    def rebuild(self) -> None:
        with self._build_lock:
            errors = self._build_once()
        self.broadcast.errors = errors
        if errors:
            self.broadcast.send("errors", json.dumps(errors))
        else:
            self.broadcast.send("ok")
            self.broadcast.send("reload")

    def start(self) -> None:
        watcher = _Rebuilder(self.journal, self.site, self.rebuild)
        self.observer.schedule(watcher, str(self.journal), recursive=True)
        self.observer.start()
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.observer.stop()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.observer.join(timeout=5)
