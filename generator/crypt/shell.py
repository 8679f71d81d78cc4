"""The sealed site: opaque names, links rewritten to them, and the unlock shell of each page."""

from __future__ import annotations

import base64
import hmac
import html
import json
import posixpath
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

from generator.crypt.keys import ITERATIONS, Keys, envelope, key_check, media_type, seal

KEPT_NAMES = ("index.html", "404.html")  # the way in, and the page hosts show for a missing URL
NAME_DIGITS = 24  # about 80 bits; digits only, so a name never spells a word or an abbreviation
SHELL_TITLE = "Locked journal"
LOCK_AFTER_MINUTES = 30.0  # journal.yaml's lock_after_minutes when it says nothing
# How the shell says when the journal locks itself ({after}: "30 minutes"); with the lock off, the second.
LOCK_NOTES = (
    "Once open, it stays open in this browser until you press Lock or leave it unused for {after}.",
    "Once open, it stays open in this browser until you press Lock.",
)
LOCK_UNITS = "second seconds minute minutes"
_DATA_SCRIPT_START = re.compile(rb"\A\s*window\.([A-Za-z_$][\w$]*)\s*=\s*")

# --- names ---------------------------------------------------------------------------


def _opaque(keys: Keys, path: str) -> str:
    number = int.from_bytes(hmac.digest(keys.name, path.encode("utf-8"), "sha256")[:16], "big")
    return f"{number % 10**NAME_DIGITS:0{NAME_DIGITS}d}"


def _data_script(path: str, data: bytes) -> tuple[str, bytes] | None:
    """(global name, JSON) of a data script, `window.NAME = {JSON};`, or None."""
    start = _DATA_SCRIPT_START.match(data) if path.endswith(".js") else None
    if start is None:
        return None
    value = data[start.end() :].rstrip().removesuffix(b";").rstrip()
    if value[:1] + value[-1:] not in (b"{}", b"[]"):
        return None
    return start.group(1).decode(), value


def _is_data_script(path: str, data: bytes) -> bool:
    return _data_script(path, data) is not None


def _is_theme(path: str, data: bytes) -> bool:
    """Readable by design: the theme's static files, robots.txt."""
    if path == "robots.txt":
        return True
    return path.startswith("static/") and not path.endswith(".html") and not _is_data_script(path, data)


def site_names(files: Mapping[str, bytes], key: bytes) -> dict[str, str]:
    """Where each file of the site goes in the sealed site (old path -> new path)."""
    keys = Keys(key)
    moves = {}
    for path, data in files.items():
        if path in KEPT_NAMES or _is_theme(path, data):
            moves[path] = path
        else:
            moves[path] = _opaque(keys, path) + (".html" if path.endswith(".html") else ".js")
    return moves


# --- links inside pages ----------------------------------------------------------------

# Only start tags with an attribute that can hold a link (most tags have none).
_LINKING_TAG = re.compile(
    r"<[a-zA-Z][^<>]*?\s(?:href|src|srcset|poster|action|data|xlink:href|content)\s*=[^<>]*>", re.IGNORECASE
)
_LINK_ATTRIBUTE = re.compile(
    r"""(?P<before>\s(?:href|src|poster|action|data|xlink:href)\s*=\s*)(?P<quote>["'])(?P<value>.*?)(?P=quote)""",
    re.IGNORECASE | re.DOTALL,
)
_SRCSET = re.compile(
    r"""(?P<before>\ssrcset\s*=\s*)(?P<quote>["'])(?P<value>.*?)(?P=quote)""", re.IGNORECASE | re.DOTALL
)
_REFRESH_URL = re.compile(r"""(?P<before>\scontent\s*=\s*(?P<quote>["'])[^"']*?url=)(?P<value>[^"']*)""", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_SPLIT_LINK = re.compile(r"([^?#]*)(.*)\Z", re.DOTALL)  # path, then ?query#fragment


class _Relinker:
    """Rewrites links in pages to the sealed site's names; remembers what it resolved
    (every page links the same navigation)."""

    def __init__(self, moves: Mapping[str, str]) -> None:
        self.moves = moves
        self.resolved: dict[tuple[str, str], str] = {}

    def value(self, value: str, folder: str) -> str:
        split = _SPLIT_LINK.match(value)
        assert split is not None  # the pattern matches any string
        path, rest = split.groups()
        if not path.strip():
            return value  # "#main", "?q=walk": this page
        # "../../tags/walk/" from 2026/05/ is "tags/walk/" from the root: one look-up for all.
        parts = folder.split("/") if folder else []
        while path.startswith("../") and parts:
            path = path[3:]
            parts.pop()
        key = ("/".join(parts), path or "./")
        target = self.resolved.get(key)
        if target is None:
            target = self._target(*key) or ""
            self.resolved[key] = target
        # Every sealed page sits at the site root, so a site path is also the relative link.
        return target + rest if target else value

    def _target(self, folder: str, path: str) -> str | None:
        """The new path of what `path` (a link without query or fragment, from a page in
        `folder`) points to; None when it is not a file of the site."""
        raw = unquote(html.unescape(path).strip())
        if not raw or raw.startswith("/") or _SCHEME.match(raw):
            return None
        joined = posixpath.normpath(posixpath.join(folder, raw))
        if joined.startswith("../") or joined == "..":
            return None
        if joined == ".":
            candidates = ["index.html"]
        elif raw.endswith("/"):
            candidates = [joined + "/index.html"]
        else:
            candidates = [joined, joined + "/index.html"]
        return next((self.moves[c] for c in candidates if c in self.moves), None)

    def tag(self, tag: str, folder: str) -> str:
        def attribute(match: re.Match) -> str:
            return f"{match['before']}{match['quote']}{self.value(match['value'], folder)}{match['quote']}"

        def srcset(match: re.Match) -> str:
            candidates = []
            for candidate in match["value"].split(","):
                parts = candidate.strip().split(None, 1)
                if parts:
                    parts[0] = self.value(parts[0], folder)
                candidates.append(" ".join(parts))
            return f"{match['before']}{match['quote']}{', '.join(candidates)}{match['quote']}"

        tag = _LINK_ATTRIBUTE.sub(attribute, tag)
        tag = _SRCSET.sub(srcset, tag)
        if tag[:5].lower() == "<meta" and "refresh" in tag.lower():
            tag = _REFRESH_URL.sub(lambda m: m["before"] + self.value(m["value"], folder), tag)
        return tag

    def page(self, page_html: str, page: str) -> str:
        """The page at `page` (its path in the built site), its links rewritten."""
        folder = posixpath.dirname(page)
        return _LINKING_TAG.sub(lambda m: self.tag(m.group(0), folder), page_html)


def relink_page(page_html: str, page: str, moves: Mapping[str, str]) -> str:
    """Links of the page at `page` rewritten to the sealed site's names."""
    return _Relinker(moves).page(page_html, page)


def _relink_data(value: Any, moves: Mapping[str, str]) -> Any:
    """Strings in a data script that name a site page or file, rewritten."""
    if isinstance(value, str):
        if value.endswith("/") and value + "index.html" in moves:
            return moves[value + "index.html"]
        if "/" in value and value in moves:
            return moves[value]
        return value
    if isinstance(value, list):
        return [_relink_data(v, moves) for v in value]
    if isinstance(value, dict):
        return {k: _relink_data(v, moves) for k, v in value.items()}
    return value


def _relink_data_script(path: str, data: bytes, moves: Mapping[str, str]) -> bytes:
    script = _data_script(path, data)
    assert script is not None
    name, value = script
    text = json.dumps(_relink_data(json.loads(value), moves), ensure_ascii=False, separators=(",", ":"))
    return f"window.{name} = {text};\n".encode()


# --- the shell -----------------------------------------------------------------------

_HEAD_LINK = re.compile(r"""<link\b[^>]*\brel=["'](?:stylesheet|icon|shortcut icon)["'][^>]*>""", re.IGNORECASE)
_HREF = re.compile(r"""\shref=["']([^"']*)["']""", re.IGNORECASE)
# What the theme's <link> tags, copied into shells, may say.
LINK_WORDS = (
    "link rel stylesheet icon shortcut apple touch mask href type image svg xml png x-icon text css sizes any media"
)

SHELL = """\
<!doctype html>
<html lang="en" data-cairn-salt="{salt}" data-cairn-iterations="{iterations}" data-cairn-check="{check}" data-cairn-lock-after="{lock_after}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>{title}</title>
{links}<script src="static/unlock.js"></script>
</head>
<body>
<main id="main" class="unlock">
<h1>This journal is locked</h1>
<form id="cairn-unlock">
<p>Its pages are encrypted. Type the passphrase to read them in this browser. Nothing you type leaves this device. {lock_note} Escape pressed twice hides it at once.</p>
<p><label for="cairn-passphrase">Passphrase</label><br>
<input type="password" id="cairn-passphrase" autocomplete="current-password" required autofocus aria-describedby="cairn-unlock-error">
<button type="submit">Unlock</button></p>
<p id="cairn-unlock-error" role="alert"></p>
<p id="cairn-unlock-status" role="status"></p>
</form>
<noscript><p>Opening the journal needs JavaScript, which is turned off in this browser.</p></noscript>
</main>
<script type="application/octet-stream" id="cairn-sealed">{payload}</script>
</body>
</html>
"""


def _byte_values(data: bytes) -> str:
    # Byte values, not base64 or hex, whose letters could spell a journal word by chance.
    return " ".join(str(b) for b in data)


def _duration(minutes: float) -> str:
    if minutes < 1:
        seconds = round(minutes * 60, 3)
        return f"{seconds:g} second" + ("" if seconds == 1 else "s")
    return f"{minutes:g} minute" + ("" if minutes == 1 else "s")


def _shell(sealed: bytes, links: list[str], salt: bytes, iterations: int, check: bytes, lock_after: float) -> bytes:
    return SHELL.format(
        salt=_byte_values(salt),
        iterations=iterations,
        check=_byte_values(check),
        lock_after=f"{lock_after:g}",
        lock_note=LOCK_NOTES[0].format(after=_duration(lock_after)) if lock_after > 0 else LOCK_NOTES[1],
        title=SHELL_TITLE,
        links="".join(link + "\n" for link in links),
        payload=base64.b64encode(sealed).decode(),
    ).encode("utf-8")


def _theme_links(page_html: str, public: set[str]) -> list[str]:
    """The page's stylesheet and icon links (to theme files), for its shell to look the same."""
    head = page_html.split("</head>", 1)[0]
    links = []
    for link in _HEAD_LINK.findall(head):
        href = _HREF.search(link)
        if href and html.unescape(href.group(1)) in public and link not in links:
            links.append(link)
    return links


def _sealed_script(name: str, sealed: bytes) -> bytes:
    return f'cairnSealed("{name}","{base64.b64encode(sealed).decode()}");\n'.encode("ascii")


# --- the site ------------------------------------------------------------------------


def seal_site(
    files: Mapping[str, bytes],
    key: bytes,
    salt: bytes,
    iterations: int = ITERATIONS,
    *,
    lock_after_minutes: float = LOCK_AFTER_MINUTES,
) -> dict[str, bytes]:
    """The site's files, sealed: see the package's docstring. `key` is derive_key's; the
    browser locks the site after `lock_after_minutes` without use (0: never by itself)."""
    if iterations < ITERATIONS:
        raise ValueError(f"PBKDF2 needs at least {ITERATIONS} iterations (got {iterations})")
    keys = Keys(key)
    check = key_check(key)
    moves = site_names(files, key)
    if len(set(moves.values())) != len(moves):
        raise ValueError("two files of the site would get the same sealed name")
    public = {new for old, new in moves.items() if old == new and old not in KEPT_NAMES}
    relinker = _Relinker(moves)
    sealed: dict[str, bytes] = {}
    for path, data in files.items():
        new = moves[path]
        if new in public:
            sealed[new] = data
        elif path.endswith(".html"):
            page = relinker.page(data.decode("utf-8"), path)
            payload = seal(keys, envelope("text/html", page.encode("utf-8")), new)
            sealed[new] = _shell(payload, _theme_links(page, public), salt, iterations, check, lock_after_minutes)
        else:
            if _is_data_script(path, data):
                data = _relink_data_script(path, data, moves)
            payload = seal(keys, envelope(media_type(path), data), new)
            sealed[new] = _sealed_script(new.removesuffix(".js"), payload)
    return sealed
