"""The serve loop of `make bench`: save an edit with `cairn serve` running, and time
until a browser would see it.

For each edit the entry file is replaced the way editors save (a temporary file,
then a rename). The clock stops for "edited page" when the page, fetched as the
reload script fetches it after the first `reload` event, holds the new text; and
for "summary pages" when, after the second `reload` event, the search index holds
the new text and the timeline and progress pages have been drawn again. Nothing is
asserted: the times go into the table beside the build figures.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

TIMEOUT = 120.0  # an edit not shown by then is reported as not shown


@dataclass
class ServeTimes:
    start: list[float] = field(default_factory=list)  # launch to the first page served
    entry: list[float] = field(default_factory=list)  # save to the edited page served with the change
    summary: list[float] = field(default_factory=list)  # save to the summary pages served with it
    step: list[float] = field(default_factory=list)  # serve's own quick step, as it reports it
    step_cpu: list[float] = field(default_factory=list)  # … in CPU time of its thread
    missed: int = 0  # edits never shown within TIMEOUT

    def median(self, name: str) -> float | None:
        values = getattr(self, name)
        return statistics.median(values) if values else None


def entry_alone_on_its_day(journal: Path) -> tuple[Path, str]:
    """An ordinary entry in the middle of the journal with a day to itself, and its URL."""
    files = sorted((journal / "content").rglob("*.md"))
    days: dict[str, int] = {}
    for path in files:
        days[path.stem[:10]] = days.get(path.stem[:10], 0) + 1
    for path in files[len(files) // 2 :]:
        alone = re.fullmatch(r"\d{4}-\d\d-\d\d", path.stem) and days[path.stem] == 1
        if alone and "draft: true" not in path.read_text(encoding="utf-8"):
            year, month, day = path.stem.split("-")
            return path, f"/{year}/{month}/{day}/"
    raise SystemExit("bench: no entry alone on its day to edit")


class _Events:
    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        self.connection.request("GET", "/__cairn/events")
        self.response = self.connection.getresponse()

    def next(self) -> str:
        while True:
            line = self.response.readline().decode()
            if not line:
                raise TimeoutError("event stream closed")
            if line.startswith("event: "):
                name = line.removeprefix("event: ").strip()
                data = self.response.readline().decode().removeprefix("data: ").strip()
                return f"{name} {data}".strip()


def _get(port: int, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.request("GET", path)
        return connection.getresponse().read()
    finally:
        connection.close()


def _save(path: Path, data: bytes) -> None:
    temporary = path.with_name(".tmp-bench-" + path.name)
    temporary.write_bytes(data)
    os.replace(temporary, path)


def measure_serve(cairn: list[str], cwd: Path | None, journal: Path, edits: int, log: Path) -> ServeTimes:
    """Start `cairn serve` on `journal`, time `edits` saves, stop it. The entry is put back."""
    times = ServeTimes()
    path, url = entry_alone_on_its_day(journal)
    original = path.read_bytes()
    command = [*cairn, "serve", "--journal", str(journal), "--port", "0"]
    with open(log, "w") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True, cwd=cwd)
        try:
            printed: list[str] = []
            port = _port(process, printed)
            _get(port, url)
            times.start.append(time.perf_counter() - started)
            events = _Events(port)
            for number in range(edits):
                marker = f"Edited with serve running, number {number}."
                text = original.replace(b"\n---\n", f"\n---\n{marker}\n\n".encode(), 1)
                saved = time.perf_counter()
                _save(path, text if text != original else original + f"\n{marker}\n".encode())
                try:
                    first = events.next()
                    while not first.startswith(("reload", "errors")):
                        first = events.next()
                    if first == "reload entry":
                        if marker.encode() in _get(port, url):
                            times.entry.append(time.perf_counter() - saved)
                        second = events.next()
                        while not second.startswith(("reload", "errors")):
                            second = events.next()
                    if marker.encode() in _get(port, "/static/search-index.js"):
                        _get(port, "/timeline/")
                        _get(port, "/progress/")
                        times.summary.append(time.perf_counter() - saved)
                        if first != "reload entry" and marker.encode() in _get(port, url):
                            times.entry.append(times.summary[-1])
                    else:
                        times.missed += 1
                except (TimeoutError, OSError):
                    times.missed += 1
                time.sleep(0.5)
                for line in printed[:]:
                    step = _STEP.search(line)
                    if step:
                        times.step.append(int(step.group(1)) / 1000)
                        times.step_cpu.append(int(step.group(2)) / 1000)
                printed.clear()
            events.connection.close()
        finally:
            path.write_bytes(original)
            process.send_signal(signal.SIGINT)
            try:
                process.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
    return times


_STEP = re.compile(r"^Updated .* in (\d+) ms \((\d+) ms of CPU\)")


def _port(process: subprocess.Popen, printed: list[str]) -> int:
    assert process.stdout is not None
    for line in process.stdout:
        if "http://127.0.0.1:" in line:
            # Keep reading its output, so a full pipe never stops the server.
            threading.Thread(target=lambda: printed.extend(process.stdout or ()), daemon=True).start()
            return int(line.split("http://127.0.0.1:")[1].split("/")[0])
    raise SystemExit("bench: cairn serve did not start")
