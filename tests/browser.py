"""Helpers and fixtures for checking the built site as a visitor's browser sees it.

The session fixtures below (`built_site`, `site_url`, `site_pages`, `chromium`) are
imported by the test modules that need them; however many do, the session builds the
sample journal once, serves it once and starts one browser. And a small command for humans:

    python -m tests.browser screenshot URL OUT.png [--width 390] [--height 844] [--dark]

The checkers themselves are not Python packages: `.ci/run` installs Chromium and a Java
runtime from Debian and the Nu Html Checker (vnu.jar) and axe-core from npm into
`.ci/node_modules`. Only the browser tests may skip, and only when Chromium is missing.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

ROOT = Path(__file__).resolve().parents[1]
CI_MODULES = ROOT / ".ci" / "node_modules"
VNU_JAR = CI_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = CI_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
NO_CHROMIUM = "Chromium is not installed: run .ci/run"
HOST = "127.0.0.1"


# --- building and serving ------------------------------------------------------------


def build_site(journal: Path, out: Path, *extra: str) -> Path:
    """Build `journal` into `out` with the real command line; raise with its output if it fails."""
    command = [sys.executable, "-m", "generator", "build", "--journal", str(journal), "--out", str(out), *extra]
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise BuildError(f"`{' '.join(command)}` exited {done.returncode}\n{done.stdout}\n{done.stderr}")
    return out


class BuildError(Exception):
    """The generator did not build the site."""


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves one folder; says nothing per request, and nothing when a browser hangs up.
    HTTP/1.1 keeps a connection open between requests: a page and its stylesheets and
    images load over one, where HTTP/1.0 opened one for each file."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser closing a connection mid-response is not the site's fault


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` over http://127.0.0.1 on a free port; yield the base URL (no trailing slash)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _QuietServer((HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# --- the pages of a built site -------------------------------------------------------


def url_path(site: Path, html_file: Path) -> str:
    """The URL path a server gives `html_file` under `site`: `/2026/11/23/`, `/404.html`."""
    relative = html_file.relative_to(site).as_posix()
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def html_pages(site: Path) -> list[str]:
    """URL paths of every HTML page in the built site, home first, then sorted."""
    paths = sorted(url_path(site, f) for f in site.rglob("*.html"))
    return sorted(paths, key=lambda p: (p != "/", p))


def representative_pages(pages: list[str]) -> list[str]:
    """One page of each kind (home, an entry, a month, a year, each top-level section)."""
    chosen: dict[str, str] = {}
    for page in pages:
        parts = [p for p in page.split("/") if p]
        if not parts:
            kind = "home"
        elif parts[0].isdigit():
            kind = ("year", "month", "day", "entry")[min(len(parts), 4) - 1]
        else:
            kind = parts[0] + ("/*" if len(parts) > 1 else "")
        chosen.setdefault(kind, page)
    return list(chosen.values())


@dataclass(frozen=True)
class Link:
    """A reference found in a page: the tag and attribute it came from, and its value."""

    tag: str
    attribute: str
    value: str


class LinkParser(HTMLParser):
    """Collects every URL a page refers to: links, stylesheets, images, scripts, media."""

    ATTRIBUTES: ClassVar[dict[str, tuple[str, ...]]] = {
        "a": ("href",),
        "area": ("href",),
        "link": ("href",),
        "img": ("src", "srcset"),
        "script": ("src",),
        "source": ("src", "srcset"),
        "iframe": ("src",),
        "video": ("src", "poster"),
        "audio": ("src",),
        "track": ("src",),
        "object": ("data",),
        "embed": ("src",),
        "form": ("action",),
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        for attribute in self.ATTRIBUTES.get(tag, ()):
            value = values.get(attribute, "").strip()
            if not value:
                continue
            if attribute == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.links.append(Link(tag, attribute, candidate.split()[0]))
            else:
                self.links.append(Link(tag, attribute, value))

    handle_startendtag = handle_starttag


def page_links(html: str) -> tuple[list[Link], set[str]]:
    """The references in an HTML page, and the ids it defines (for #fragment checks)."""
    parser = LinkParser()
    parser.feed(html)
    parser.close()
    return parser.links, parser.ids


@dataclass
class Crawl:
    """What following every reference from the home page found."""

    fetched: dict[str, int]  # URL (no fragment) -> HTTP status
    referrers: dict[str, set[str]]  # URL (no fragment) -> pages that refer to it
    html_paths: set[str]  # URL paths of the HTML pages reached, `/x/` for `/x/index.html`
    ids: dict[str, set[str]]  # HTML page URL -> ids it defines
    fragments: list[tuple[str, str, str]]  # (page, target URL, fragment) of every a/area href with one
    foreign: list[tuple[str, Link]]  # (page, reference) to another host for something the page loads

    def __repr__(self) -> str:  # short in a failing test's report
        return f"<Crawl of {len(self.fetched)} URLs, {len(self.html_paths)} pages>"


_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""")
_LOADED_BY_PAGE = {
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("script", "src"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("object", "data"),
    ("embed", "src"),
}


def crawl(base_url: str, start: str = "/") -> Crawl:
    """Fetch the start page and, transitively, everything within the site it refers to."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    origin = urllib.parse.urlsplit(base_url)
    result = Crawl({}, {}, set(), {}, [], [])
    queue = [urllib.parse.urljoin(base_url + "/", start.lstrip("/"))]
    while queue:
        url = queue.pop()
        if url in result.fetched:
            continue
        try:
            with opener.open(url, timeout=30) as response:
                status, final, kind, body = (
                    response.status,
                    response.url,
                    response.headers.get_content_type(),
                    response.read(),
                )
        except urllib.error.HTTPError as error:
            error.close()
            result.fetched[url] = error.code
            continue
        result.fetched[url] = status
        references: list[tuple[Link, str]] = []
        if kind == "text/html":
            path = urllib.parse.urlsplit(final).path
            result.html_paths.add(path[: -len("index.html")] if path.endswith("/index.html") else path)
            links, ids = page_links(body.decode("utf-8", errors="replace"))
            result.ids[url] = ids
            references = [(link, link.value) for link in links]
        elif kind == "text/css":
            for match in _CSS_URL.finditer(body.decode("utf-8", errors="replace")):
                value = match.group(2) or match.group(4) or ""
                references.append((Link("style", "url", value), value))
        for link, value in references:
            target, fragment = urllib.parse.urldefrag(urllib.parse.urljoin(final, value))
            parts = urllib.parse.urlsplit(target)
            if parts.scheme not in ("http", "https"):
                continue  # mailto:, tel:, data:, javascript:
            if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
                if (link.tag, link.attribute) in _LOADED_BY_PAGE or link.tag == "style":
                    result.foreign.append((url, link))
                continue
            result.referrers.setdefault(target, set()).add(url)
            if fragment and link.tag in ("a", "area"):
                result.fragments.append((url, target, urllib.parse.unquote(fragment)))
            if target not in result.fetched:
                queue.append(target)
    return result


# --- the checkers --------------------------------------------------------------------


def missing_checker(*files: Path, java: bool = False) -> str | None:
    """Why a checker cannot run (java or a file from .ci/node_modules missing), or None."""
    problems = ["java is not installed"] if java and shutil.which("java") is None else []
    problems += [f"{path.relative_to(ROOT)} is missing" for path in files if not path.is_file()]
    if problems:
        return "; ".join(problems) + ": run .ci/run (as root) to install the checkers"
    return None


def nu_errors(site: Path, *targets: Path) -> list[str]:
    """The Nu Html Checker's errors in `targets` (files or folders of `site`; all of it by
    default), each as `page:line: type: message` with its extract; an unreadable report is one."""
    command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json"]
    done = subprocess.run(
        [*command, *map(str, targets or (site,))], capture_output=True, text=True, timeout=900, check=False
    )
    try:
        messages = json.loads(done.stderr or done.stdout)["messages"]
    except (ValueError, KeyError):
        return [f"vnu.jar exited {done.returncode} without a report:\n{done.stdout}\n{done.stderr}"]
    problems = []
    for message in messages:
        where = urllib.parse.unquote(message.get("url", "")).removeprefix("file:").lstrip("/")
        where = where.removeprefix(site.as_posix().lstrip("/") + "/")
        line = message.get("lastLine", message.get("firstLine", "?"))
        problems.append(f"{where}:{line}: {message.get('type')}: {message.get('message')}")
        if message.get("extract"):
            problems.append(f"    {message['extract']!r}")
    if not problems and done.returncode != 0:
        problems.append(f"vnu.jar exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return problems


def load_page(page: Any, url: str) -> None:
    """Open `url`; a page with scripts also gets the time to finish what they fetch."""
    page.goto(url, wait_until="load")
    if page.locator("script").count():
        page.wait_for_load_state("networkidle")


def pages_worth_a_browser(built_site: Path, site_pages: list[str]) -> list[str]:
    """Every page, except that of the 366 on-this-day pages only those with entries and
    one empty one: the empty ones are the same template with the same words, and loading
    the other 358 took most of a minute and a half."""
    chosen, empty_seen = [], False
    for path in site_pages:
        if path.startswith("/on-this-day/") and path.count("/") == 3:
            empty = "No entries from this day yet." in (built_site / path.strip("/") / "index.html").read_text()
            if empty and empty_seen:
                continue
            empty_seen = empty_seen or empty
        chosen.append(path)
    return chosen


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium through Playwright (never Playwright's own download)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Run axe-core in the loaded page (injecting it unless the context already does) and return its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return list(result)


def describe_violations(url: str, violations: list[dict[str, Any]]) -> list[str]:
    """Readable lines for axe violations: rule id, impact, help, and each node's target."""
    lines = []
    for violation in violations:
        lines.append(f"{url}: [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}: {summary}")
    return lines


# --- fixtures ------------------------------------------------------------------------------
#
# Test modules import these (`from tests.browser import chromium`, marked as a fixture import), and pytest
# then registers them once per importing module. So that every module still shares one
# build, one server and one browser (two Playwright instances in one thread cannot run),
# each fixture hands out a single value kept for the whole session in config.stash.

_SHARED = pytest.StashKey[dict[str, list[Any]]]()


def _shared(request: pytest.FixtureRequest, name: str, make: Any) -> Any:
    """The session's one value for `name`, entered from the context manager `make()` on first use
    and closed when the last fixture registration that asked for it is torn down."""
    store = request.config.stash.setdefault(_SHARED, {})
    if name not in store:
        stack = contextlib.ExitStack()
        with stack:
            value = stack.enter_context(make())
            store[name] = [value, stack.pop_all(), 0]
    entry = store[name]
    entry[2] += 1

    def release() -> None:
        entry[2] -= 1
        if entry[2] == 0:
            del store[name]
            entry[1].close()

    request.addfinalizer(release)
    return entry[0]


@contextlib.contextmanager
def _built(out: Path) -> Iterator[Path]:
    try:
        yield build_site(ROOT, out)
    except BuildError as error:
        pytest.fail(f"the sample journal did not build:\n{error}", pytrace=False)


@contextlib.contextmanager
def _browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def built_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample journal (this repository) built by `python -m generator build --out <tmp>`."""
    return _shared(request, "built_site", lambda: _built(tmp_path_factory.mktemp("site")))


@pytest.fixture(scope="session")
def site_url(request: pytest.FixtureRequest, built_site: Path) -> str:
    """Base URL (http://127.0.0.1:PORT, no trailing slash) serving the built sample journal."""
    return _shared(request, "site_url", lambda: serve(built_site))


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> list[str]:
    """URL paths of every HTML page of the built sample journal, home first."""
    pages = html_pages(built_site)
    assert "/" in pages, f"the build wrote no index.html at the top of {built_site}"
    return pages


def shared_chromium(request: pytest.FixtureRequest) -> Any:
    """The session's one Chromium, for a module's own fixture: two Playwright sessions cannot
    run in one process, so every module that drives a browser asks for this one."""
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    return _shared(request, "chromium", _browser)


@pytest.fixture(scope="session")
def chromium(request: pytest.FixtureRequest) -> Any:
    """Debian's headless Chromium driven by Playwright; browser tests skip when it is missing."""
    return shared_chromium(request)


# --- screenshots, for humans -----------------------------------------------------------


def screenshot(
    url: str, out: Path, *, width: int = 1280, height: int = 800, dark: bool = False, full_page: bool = True
) -> Path:
    """Save a PNG of `url` as a visitor would see it. Not asserted by any test: look at it."""
    from playwright.sync_api import sync_playwright

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            context = browser.new_context(
                viewport={"width": width, "height": height}, color_scheme="dark" if dark else "light"
            )
            page = context.new_page()
            page.goto(url, wait_until="networkidle")
            page.screenshot(path=str(out), full_page=full_page)
            context.close()
        finally:
            browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.browser", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    shot = commands.add_parser("screenshot", help="save a PNG of a page")
    shot.add_argument(
        "url",
        help="a URL (http://127.0.0.1:PORT/progress/), or a path such as /progress/ "
        "to serve from the --site folder for the moment of the screenshot",
    )
    shot.add_argument("out", type=Path, help="the PNG to write")
    shot.add_argument("--site", type=Path, default=ROOT / "site", help="built site for a path (default: site/)")
    shot.add_argument("--width", type=int, default=1280, help="viewport width in CSS pixels (a phone: 390)")
    shot.add_argument("--height", type=int, default=800, help="viewport height (the PNG is the full page)")
    shot.add_argument("--dark", action="store_true", help="emulate prefers-color-scheme: dark")
    shot.add_argument("--viewport-only", action="store_true", help="only the first screen, not the full page")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        parser.exit(2, f"{NO_CHROMIUM}\n")
    options = {"width": args.width, "height": args.height, "dark": args.dark, "full_page": not args.viewport_only}
    if args.url.startswith(("http://", "https://", "file:", "data:")):
        path = screenshot(args.url, args.out, **options)
    else:
        if not args.site.is_dir():
            parser.exit(2, f"no built site at {args.site}: run `make site` or pass --site\n")
        with serve(args.site) as base:
            path = screenshot(base + "/" + args.url.lstrip("/"), args.out, **options)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
