"""Answering the browser: pages from memory, the reload script and its event stream.

Only requests addressed to this preview are answered (the Host header must be
127.0.0.1:PORT or localhost:PORT), so a page elsewhere that points a DNS name at
127.0.0.1 cannot read the journal. A path the site does not have gets the same 404
whatever lies on disk: nothing is ever looked up outside the site in memory.
"""

from __future__ import annotations

import html
import json
import mimetypes
import queue
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.serve.site import Site

RELOAD_SCRIPT = (Path(__file__).parent / "reload.js").read_bytes()
_INJECT = b'<script src="/__cairn/reload.js"></script>\n'
_NOT_FOUND = b"<!doctype html><title>Not found</title><p>Not found."
_WRONG_HOST = b"This preview answers only at its own address on this computer.\n"


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


def output_name(url_path: str) -> str | None:
    """The site file a URL path names ("2026/11/23/index.html"), or None for a path
    that tries to leave the site."""
    path = unquote(urlsplit(url_path).path)
    if "\0" in path or "\\" in path:
        return None
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if ".." in parts:
        return None
    name = "/".join(parts)
    return name + "/index.html" if name and path.endswith("/") else name or "index.html"


def allowed_hosts(port: int) -> frozenset[str]:
    return frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})


class PreviewHandler(BaseHTTPRequestHandler):
    """One request. `site` gives the site being served at this moment."""

    site: Callable[[], Site]
    broadcast: Broadcast
    hosts: frozenset[str]

    def log_message(self, format: str, *args) -> None:  # quiet: the terminal is for build messages
        pass

    def do_GET(self) -> None:
        if (self.headers.get("Host") or "").lower() not in self.hosts:
            return self._send(HTTPStatus.MISDIRECTED_REQUEST, "text/plain; charset=utf-8", _WRONG_HOST)
        path = urlsplit(self.path).path
        if path == "/__cairn/reload.js":
            return self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", RELOAD_SCRIPT)
        if path == "/__cairn/events":
            return self._events()
        site = self.site()
        name = output_name(self.path)
        if name is not None and not name.endswith("index.html") and name + "/index.html" in site.pages:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        try:
            body = site.get(name) if name is not None else None
        except Exception as error:  # a template that breaks only on some page: say so on that page
            message = f"<!doctype html><title>Not drawn</title><p>This page could not be drawn: {html.escape(str(error))}".encode()
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/html; charset=utf-8", _with_script(message))
        if body is None:
            return self._not_found(site)
        content_type = mimetypes.guess_type(name or "")[0] or "application/octet-stream"
        if name and name.endswith(".html"):
            content_type, body = "text/html; charset=utf-8", _with_script(body)
        elif content_type.startswith("text/") or content_type.endswith(("javascript", "json")):
            content_type += "; charset=utf-8"
        return self._send(HTTPStatus.OK, content_type, body)

    def do_HEAD(self) -> None:
        self.send_error(HTTPStatus.METHOD_NOT_ALLOWED)

    def do_POST(self) -> None:
        self.send_error(HTTPStatus.METHOD_NOT_ALLOWED)

    def _not_found(self, site: Site) -> None:
        body = site.get("404.html") or _NOT_FOUND
        # 404.html links relative to the site root; shown at a deeper URL it needs a base.
        body = body.replace(b"<head>", b'<head>\n<base href="/">', 1)
        self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", _with_script(body))

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
