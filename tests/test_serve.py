"""`cairn serve`: pages from memory, the edited page first, then the rest; only its own address."""

from __future__ import annotations

import http.client
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from generator.serve import is_editor_noise, output_name
from tests.conftest import snapshot

ENTRY = "---\nmood: 3\nwins: [Made tea]\n---\nA quiet day.\n"
OTHER = "---\nmood: 4\ntitle: Walk by the river\n---\nThe river was high.\n"


def start(folder: Path, *extra: str) -> tuple[subprocess.Popen, int]:
    command = [sys.executable, "-m", "generator", "serve", "--journal", str(folder), "--port", "0", *extra]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if "http://127.0.0.1:" in line:
            return process, int(line.split("http://127.0.0.1:")[1].split("/")[0])
    process.wait(timeout=10)
    raise AssertionError(process.stderr.read() if process.stderr else "serve did not start")


def stop(process: subprocess.Popen) -> tuple[str, str]:
    """Ctrl-C, then what it printed (and its pipes closed)."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    return process.communicate(timeout=20)


@pytest.fixture
def serve():
    """serve(folder) -> port of a running `cairn serve`, stopped after the test."""
    running = []

    def run(folder: Path, *extra: str) -> int:
        process, port = start(folder, *extra)
        running.append(process)
        return port

    yield run
    for process in running:
        stop(process)


@pytest.fixture
def served(journal, serve):
    folder = journal(
        {
            "content/2026/11/2026-11-23.md": ENTRY,
            "content/2026/11/2026-11-20.md": OTHER,
        }
    )
    return folder, serve(folder)


def get(port: int, path: str, host: str | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        if host != "":
            connection.putheader("Host", host or f"127.0.0.1:{port}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Events:
    """The server-sent events an open page receives."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.connection.request("GET", "/__cairn/events")
        self.response = self.connection.getresponse()
        assert self.response.getheader("Content-Type") == "text/event-stream"

    def next(self) -> str:
        """The next event as "name data" (comments skipped)."""
        while True:
            line = self.response.readline().decode()
            assert line, "event stream closed"
            if line.startswith("event: "):
                name = line.removeprefix("event: ").strip()
                data = self.response.readline().decode().removeprefix("data: ").strip()
                return f"{name} {data}".strip()

    def until(self, wanted: str) -> list[str]:
        """Events up to and including the first that starts with `wanted`."""
        seen: list[str] = []
        while not seen or not seen[-1].startswith(wanted):
            seen.append(self.next())
        return seen


@pytest.fixture
def events():
    opened: list[Events] = []

    def open_events(port: int) -> Events:
        opened.append(Events(port))
        return opened[-1]

    yield open_events
    for stream in opened:
        stream.connection.close()


# --- from memory, never site/ -----------------------------------------------------------


def test_pages_come_from_memory_with_the_reload_script_and_site_is_never_written(served, events):
    folder, port = served
    status, body = get(port, "/2026/11/23/")
    assert status == 200
    assert b"Made tea" in body
    assert body.count(b'<script src="/__cairn/reload.js"></script>') == 1
    assert get(port, "/__cairn/reload.js")[0] == 200
    assert get(port, "/static/search-index.js")[0] == 200
    stream = events(port)
    (folder / "content/2026/11/2026-11-23.md").write_text(ENTRY.replace("Made tea", "Made soup"))
    stream.until("reload site")
    assert not (folder / "site").exists()


def test_an_existing_site_folder_is_left_byte_for_byte(journal, serve, events, tmp_path):
    from tests.conftest import run_cairn

    folder = journal({"content/2026/11/2026-11-23.md": ENTRY})
    assert run_cairn("build", "--journal", folder).returncode == 0
    before = snapshot(folder / "site")
    port = serve(folder)
    stream = events(port)
    (folder / "content/2026/11/2026-11-23.md").write_text(ENTRY.replace("Made tea", "Made soup"))
    stream.until("reload site")
    assert b"Made soup" in get(port, "/2026/11/23/")[1]
    assert snapshot(folder / "site") == before


def test_serving_beside_an_encrypted_site_leaves_it_byte_for_byte_and_sealed(journal, serve, events):
    import os

    from generator.config import load_config
    from generator.content import load_entries
    from generator.crypt.leaks import journal_words, leaks
    from tests.conftest import run_cairn

    folder = journal({"content/2026/11/2026-11-23.md": ENTRY, "content/2026/11/2026-11-20.md": OTHER})
    sealed = run_cairn(
        "build", "--encrypt", "--journal", folder, env={**os.environ, "CAIRN_PASSPHRASE": "a long one, twice"}
    )
    assert sealed.returncode == 0, sealed.stderr
    before = snapshot(folder / "site")
    port = serve(folder)
    assert b"The river was high" in get(port, "/2026/11/20/")[1]
    stream = events(port)
    (folder / "content/2026/11/2026-11-23.md").write_text(ENTRY.replace("Made tea", "Made soup"))
    stream.until("reload site")
    assert b"Made soup" in get(port, "/2026/11/23/")[1]
    assert snapshot(folder / "site") == before
    config = load_config(folder)
    words = journal_words(load_entries(folder, config).entries, before, config)
    assert {"river", "soup"} <= words
    assert leaks(before, words) == []


def test_a_path_the_site_lacks_gets_the_same_404_whatever_is_on_disk(served):
    folder, port = served
    (folder / "notes.txt").write_text("private")
    statuses, bodies = set(), set()
    for path in [
        "/2031/01/01/",
        "/no-such-file.txt",
        "/journal.yaml",
        "/../journal.yaml",
        "/notes.txt",
        "/%2e%2e/notes.txt",
        "/%2E%2E%2Fnotes.txt",
        "/..%5cnotes.txt",
        "/content/2026/11/2026-11-23.md",
        "/.cairn/html/0.json",
        "/.cairn/html.json",
        "/site/index.html",
        "/etc/passwd",
    ]:
        status, body = get(port, path)
        statuses.add(status)
        bodies.add(body)
        assert b"private" not in body and b"Made tea" not in body
    assert statuses == {404}
    assert len(bodies) == 1  # nothing tells a path that exists on disk from one that does not
    assert b"This page is not here" in bodies.pop()


def test_only_files_an_entry_links_to_are_served(journal, serve):
    folder = journal(
        {
            "content/2026/11/2026-11-23.md": ENTRY + "\nThe [plan](plan.txt).\n",
            "content/2026/11/plan.txt": "the plan",
            "content/2026/11/notes.txt": "private notes",
            "content/2026/11/2026-11-23.md.bak": "an old copy",
        }
    )
    port = serve(folder)
    assert get(port, "/files/2026/11/plan.txt") == (200, b"the plan")
    assert get(port, "/files/2026/11/notes.txt")[0] == 404
    assert get(port, "/files/2026/11/2026-11-23.md.bak")[0] == 404


def test_a_folder_without_its_slash_is_redirected(served):
    _, port = served
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/timeline")
    response = connection.getresponse()
    assert (response.status, response.getheader("Location")) == (301, "/timeline/")
    connection.close()


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:{port}", "127.0.0.1", "localhost:1", "[::1]:{port}", ""]
)
def test_only_its_own_address_is_answered(served, host):
    _, port = served
    status, body = get(port, "/2026/11/23/", host=host.format(port=port))
    assert status == 421
    assert b"Made tea" not in body
    assert get(port, "/__cairn/events", host=host.format(port=port))[0] == 421


def test_localhost_is_its_own_address_too(served):
    _, port = served
    assert get(port, "/2026/11/23/", host=f"localhost:{port}") == get(port, "/2026/11/23/")


# --- a save: the entry first, then the rest -------------------------------------------------


def test_an_edit_reaches_its_page_first_and_the_summary_pages_after(served, events):
    folder, port = served
    stream = events(port)
    (folder / "content/2026/11/2026-11-23.md").write_text(
        ENTRY.replace("Made tea", "Made soup").replace("mood: 3", "mood: 3\ntitle: Soup day")
    )
    assert stream.until("reload") == ["ok", "reload entry"]
    assert b"Made soup" in get(port, "/2026/11/23/")[1]
    assert stream.until("reload") == ["ok", "reload site"]
    for page in ("/", "/timeline/", "/2026/11/", "/wins/", "/static/search-index.js"):
        assert b"Soup day" in get(port, page)[1] or b"Made soup" in get(port, page)[1], page


def test_neighbours_show_the_new_title_once_the_rest_caught_up(served, events):
    folder, port = served
    stream = events(port)
    (folder / "content/2026/11/2026-11-20.md").write_text(OTHER.replace("Walk by the river", "Walk in the rain"))
    stream.until("reload site")
    assert b"Walk in the rain" in get(port, "/2026/11/23/")[1]  # the next entry links back to it


def test_a_broken_save_keeps_the_last_good_pages_and_shows_the_error(served, events):
    folder, port = served
    stream = events(port)
    entry = folder / "content/2026/11/2026-11-23.md"
    entry.write_text("---\nmood: 9\n---\n")
    event = stream.next()
    assert event.startswith("errors ")
    assert "content/2026/11/2026-11-23.md:2: mood must be a whole number from 1 to 5 (got 9)" in event
    assert b"Made tea" in get(port, "/2026/11/23/")[1]
    assert b"Made tea" in get(port, "/wins/")[1]
    late = events(port)  # a page opened while the error stands is told about it at once
    assert late.next().startswith("errors ")
    entry.write_text(ENTRY.replace("Made tea", "Made soup"))
    assert stream.until("reload") == ["ok", "reload entry"]
    assert b"Made soup" in get(port, "/2026/11/23/")[1]


def test_a_deleted_entry_disappears(served, events):
    folder, port = served
    stream = events(port)
    (folder / "content/2026/11/2026-11-20.md").unlink()
    stream.until("reload site")
    assert get(port, "/2026/11/20/")[0] == 404
    assert b"Walk by the river" not in get(port, "/timeline/")[1]
    assert b"Walk by the river" not in get(port, "/static/search-index.js")[1]


def test_a_renamed_entry_moves_to_its_new_day(served, events):
    folder, port = served
    stream = events(port)
    (folder / "content/2026/11/2026-11-20.md").rename(folder / "content/2026/11/2026-11-21.md")
    stream.until("reload site")
    assert get(port, "/2026/11/20/")[0] == 404
    status, body = get(port, "/2026/11/21/")
    assert status == 200 and b"The river was high." in body
    assert b"2026/11/21/" in get(port, "/timeline/")[1]


def test_a_new_entry_appears(served, events):
    folder, port = served
    stream = events(port)
    (folder / "content/2026/10").mkdir(parents=True)
    (folder / "content/2026/10/2026-10-02.md").write_text("---\ntitle: An autumn start\n---\nLeaves.\n")
    stream.until("reload site")
    assert b"Leaves." in get(port, "/2026/10/02/")[1]
    assert b"An autumn start" in get(port, "/timeline/")[1]
    assert get(port, "/2026/10/")[0] == 200


def test_a_template_change_redraws_and_a_broken_one_keeps_the_last_good_pages(served, events):
    folder, port = served
    stream = events(port)
    templates = folder / "templates"
    templates.mkdir()
    (templates / "404.html").write_text(
        '{% extends "builtin/404.html" %}{% block main %}Nothing here, friend.{% endblock %}'
    )
    stream.until("reload site")
    assert b"Nothing here, friend." in get(port, "/missing/")[1]
    (templates / "404.html").write_text("{% if %}broken")
    assert stream.next().startswith("errors ")
    assert b"Nothing here, friend." in get(port, "/missing/")[1]
    assert b"Made tea" in get(port, "/2026/11/23/")[1]


def test_a_settings_change_redraws_every_page(served, events):
    folder, port = served
    stream = events(port)
    (folder / "journal.yaml").write_text("title: River notes\n")
    stream.until("reload site")
    for page in ("/", "/2026/11/23/", "/timeline/", "/progress/"):
        assert b"River notes" in get(port, page)[1], page
    (folder / "journal.yaml").write_text("title: [unclosed\n")
    assert stream.next().startswith("errors ")
    assert b"River notes" in get(port, "/")[1]


def test_writes_outside_the_inputs_start_nothing(served, events):
    folder, port = served
    stream = events(port)
    stream.response.fp.raw._sock.settimeout(1.5)
    for name in ("site/index.html", ".cairn/x.json", ".git/index", "notes.txt"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x")
    for name in (".2026-11-23.md.swp", "2026-11-23.md~", "4913"):
        (folder / "content/2026/11" / name).write_text("half-saved")
    with pytest.raises((TimeoutError, socket.timeout)):
        while True:  # comments (": connected") may come; an event may not
            line = stream.response.fp.readline().decode()
            assert not line.startswith("event:"), f"a rebuild was announced: {line!r}"


def test_a_journal_of_4000_entries_shows_an_edit(journal, serve, events):
    files = {}
    day = __import__("datetime").date(2015, 1, 1)
    for number in range(4000):
        date = day + __import__("datetime").timedelta(days=number)
        files[f"content/{date:%Y/%m}/{date}.md"] = (
            f"---\nmood: {number % 5 + 1}\ntags: [t{number % 40}]\n---\nDay {number}.\n"
        )
    folder = journal(files)
    port = serve(folder)
    stream = events(port)
    edited = folder / "content/2020/06/2020-06-15.md"
    edited.write_text(edited.read_text().replace("\n---\n", "\n---\nA kingfisher by the bridge.\n", 1))
    assert stream.until("reload") == ["ok", "reload entry"]
    assert b"A kingfisher by the bridge." in get(port, "/2020/06/15/")[1]
    stream.until("reload site")
    assert b"A kingfisher by the bridge." in get(port, "/static/search-index.js")[1]
    assert not (folder / "site").exists()


# --- the command ------------------------------------------------------------------------------


def test_ctrl_c_stops_cleanly(journal):
    process, _ = start(journal({"content/2026-11-23.md": ENTRY}))
    out, err = stop(process)
    assert process.returncode == 0
    assert "Stopped." in out
    assert "Traceback" not in err


def test_a_journal_with_errors_is_served_with_them_shown(journal, serve, events):
    folder = journal({"content/2026-11-23.md": "---\nmood: 9\n---\n"})
    port = serve(folder)
    assert get(port, "/")[0] == 404
    assert "mood must be a whole number" in events(port).next()


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


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/", "index.html"),
        ("/tags/", "tags/index.html"),
        ("/2026/11/23/?x=1", "2026/11/23/index.html"),
        ("/static/site.css", "static/site.css"),
        ("/tags/../../x", None),
        ("/%2e%2e/x", None),
        ("/a%5cb", None),
        ("/a%00b", None),
    ],
)
def test_url_paths_name_site_files_and_never_leave_the_site(path, name):
    assert output_name(path) == name
