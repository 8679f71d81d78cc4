"""`cairn serve`: safe file serving, live reload, errors overlaid, clean stop."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from generator.serve import is_editor_noise, resolve_inside
from tests.conftest import snapshot

ENTRY = "---\nmood: 3\nwins: [Made tea]\n---\nA quiet day.\n"


@pytest.fixture
def served(journal):
    folder = journal({"content/2026/11/2026-11-23.md": ENTRY})
    command = [sys.executable, "-m", "generator", "serve", "--journal", str(folder), "--port", "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        port = None
        for line in process.stdout:
            if "http://127.0.0.1:" in line:
                port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
                break
        assert port, process.stderr.read()
        yield folder, port, process
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=10)


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def next_event(stream) -> str:
    """The name of the next server-sent event (comments skipped)."""
    while True:
        line = stream.readline().decode()
        assert line, "event stream closed"
        if line.startswith("event: "):
            name = line.removeprefix("event: ").strip()
            data = stream.readline().decode().removeprefix("data: ").strip()
            return f"{name} {data}".strip()


@pytest.fixture
def open_events():
    """open(port) -> a live event stream, closed after the test."""
    connections = []

    def open_stream(port: int):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        connections.append(connection)
        connection.request("GET", "/__cairn/events")
        response = connection.getresponse()
        assert response.getheader("Content-Type") == "text/event-stream"
        return response

    yield open_stream
    for connection in connections:
        connection.close()


def test_pages_are_served_with_the_reload_script_which_is_never_written(served):
    folder, port, _ = served
    status, body = get(port, "/2026/11/23/")
    assert status == 200
    assert b"Made tea" in body
    assert body.count(b'<script src="/__cairn/reload.js"></script>') == 1
    assert b"reload.js" not in (folder / "site/2026/11/23/index.html").read_bytes()
    assert get(port, "/__cairn/reload.js")[0] == 200


def test_a_missing_page_is_a_404_page(served):
    _, port, _ = served
    status, body = get(port, "/2031/01/01/")
    assert status == 404
    assert b"This page is not here" in body
    assert b'<base href="/">' in body  # its links work at any depth


def test_nothing_outside_the_site_folder_is_served(served, tmp_path):
    folder, port, _ = served
    (tmp_path / "secret.txt").write_text("private")
    os.symlink(tmp_path / "secret.txt", folder / "site" / "link.txt")
    for path in ["/../journal.yaml", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..%5csecret.txt", "/link.txt"]:
        status, body = get(port, path)
        assert status == 404, path
        assert b"private" not in body


def test_a_save_rebuilds_and_reloads_open_pages(served, open_events):
    folder, port, _ = served
    events = open_events(port)
    entry = folder / "content/2026/11/2026-11-23.md"
    entry.write_text(ENTRY.replace("Made tea", "Made soup"))
    assert next_event(events) == "ok"
    assert next_event(events) == "reload"
    assert b"Made soup" in get(port, "/2026/11/23/")[1]


def test_a_broken_save_keeps_the_last_good_site_and_shows_the_error(served, open_events):
    folder, port, _ = served
    events = open_events(port)
    before = snapshot(folder / "site")
    (folder / "content/2026/11/2026-11-23.md").write_text("---\nmood: 9\n---\n")
    event = next_event(events)
    assert event.startswith("errors ")
    assert "content/2026/11/2026-11-23.md:2: mood must be a whole number from 1 to 5 (got 9)" in event
    assert snapshot(folder / "site") == before
    assert b"Made tea" in get(port, "/2026/11/23/")[1]
    # A page opened while the error stands is told about it at once.
    late = open_events(port)
    assert next_event(late).startswith("errors ")


def test_ctrl_c_stops_cleanly(served):
    _, _, process = served
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
    assert "Stopped." in process.stdout.read()
    assert "Traceback" not in process.stderr.read()


def test_a_taken_port_is_a_clear_message(journal):
    folder = journal({"content/2026-11-23.md": ENTRY})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "generator", "serve", "--journal", str(folder), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert f"cairn: port {port} is already in use; try: cairn serve --port {port + 1}" in result.stderr


@pytest.mark.parametrize(
    "name", [".2026-11-23.md.swp", "2026-11-23.md~", ".#2026-11-23.md", "#2026-11-23.md#", "4913", ".tmp-x1"]
)
def test_editor_temporary_files_are_noise(name):
    assert is_editor_noise(f"content/2026/11/{name}")


def test_a_real_entry_is_not_noise():
    assert not is_editor_noise("content/2026/11/2026-11-23.md")


def test_resolve_inside_maps_folders_to_their_index(tmp_path: Path):
    (tmp_path / "tags").mkdir()
    (tmp_path / "tags" / "index.html").write_text("x")
    assert resolve_inside(tmp_path, "/tags/") == (tmp_path / "tags" / "index.html").resolve()
    assert resolve_inside(tmp_path, "/tags/../../x") is None


def test_an_editors_swap_file_triggers_no_rebuild(served, open_events):
    import socket as sockets

    folder, port, _ = served
    events = open_events(port)
    events.fp.raw._sock.settimeout(1.5)
    for name in (".2026-11-23.md.swp", "2026-11-23.md~", "4913"):
        (folder / "content/2026/11" / name).write_text("half-saved")
    with pytest.raises((TimeoutError, sockets.timeout)):
        while True:  # comments (": connected") may come; an event may not
            line = events.fp.readline().decode()
            assert not line.startswith("event:"), f"a rebuild was announced: {line!r}"
