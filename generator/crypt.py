"""Encrypted builds: the finished site, sealed under one key from a passphrase.

`seal_site` post-processes the files of a built site (path -> bytes):

- every HTML page becomes a small unlock shell holding its own ciphertext; the home
  page stays `index.html` (the way in) and `404.html` keeps its name (hosts look for
  it); every other page becomes `<opaque>.html` at the site root;
- every other file (photos, files beside entries, the search index) becomes
  `<opaque>.js`: one line, `cairnSealed("<opaque>", "<base64 ciphertext>");`, which a
  page loads with <script src> (so it works from file://, where fetch does not) and
  templates/static/unlock.js decrypts into a blob URL or, for a data script such as
  the search index, into the global it defines;
- the theme (static/, robots.txt) stays readable: it holds no journal words. A
  static/*.js of the form `window.NAME = {JSON};` is data, not theme, and is sealed.

Keys: PBKDF2-HMAC-SHA256 (600,000 iterations or more) turns the passphrase and the
journal's salt into a site key; HKDF-SHA256 splits it into the AES-256-GCM key (the
only one the browser needs, and the one it keeps in sessionStorage), a key for nonces
and a key for names. The nonce of a file is a keyed hash of its plaintext, so the
same page gives the same bytes on every build (an unchanged site writes nothing),
and two different plaintexts never share a nonce. Names are a keyed hash of the
path: stable, and free of titles, tags and dates (digits only, so no name can spell
a word by chance).

Sealed plaintext: one header line, `<media type> <coding>\\n` (coding `deflate` for
text, `identity` for the rest), then the bytes. Sealed bytes: 12-byte nonce, then
the AES-GCM ciphertext with its tag.

After sealing, `find_leaks` reads every output file and file name for the journal's
words; `encrypt_site` does all of it and fails the build when anything is readable.
"""

from __future__ import annotations

import base64
import functools
import hmac
import html
import json
import os
import posixpath
import re
import secrets
import tempfile
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from generator.errors import BuildFailed, ContentError

ITERATIONS = 600_000
MIN_PASSPHRASE = 12
PASSPHRASE_VARIABLE = "CAIRN_PASSPHRASE"
SALT_FILE = ".cairn-salt"
SALT_BYTES = 16
KEPT_NAMES = ("index.html", "404.html")  # the way in, and the page hosts show for a missing URL
NAME_DIGITS = 24  # about 80 bits; digits only, so a name never spells a word or an abbreviation
SHELL_TITLE = "Locked journal"

# HKDF labels; templates/static/unlock.js derives the page key with the same one.
_PAGE_KEY_INFO = b"cairn aes-256-gcm"
_NONCE_KEY_INFO = b"cairn nonce"
_NAME_KEY_INFO = b"cairn names"
_NONCE_BYTES = 12

_TEXT_TYPES = {
    ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json",
    ".svg": "image/svg+xml", ".txt": "text/plain", ".md": "text/markdown", ".xml": "application/xml",
    ".csv": "text/csv", ".ics": "text/calendar",
}
_BINARY_TYPES = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".avif": "image/avif", ".heic": "image/heic", ".pdf": "application/pdf",
    ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg", ".wav": "audio/wav",
    ".mp4": "video/mp4", ".webm": "video/webm", ".mov": "video/quicktime",
}
_DATA_SCRIPT_START = re.compile(rb"\A\s*window\.([A-Za-z_$][\w$]*)\s*=\s*")


class PassphraseRefused(Exception):
    """No usable passphrase: the message says why, in words for the person typing."""


# --- the passphrase and the key ------------------------------------------------------


def passphrase_problem(passphrase: str) -> str | None:
    """Why this passphrase is refused, or None."""
    length = len(unicodedata.normalize("NFC", passphrase))
    if length < MIN_PASSPHRASE:
        return (
            f"The passphrase must be at least {MIN_PASSPHRASE} characters: this one has {length}. "
            "A few ordinary words in a row make one that is long and easy to remember."
        )
    return None


def read_passphrase(environ: Mapping[str, str], ask: Callable[[str], str] | None) -> str:
    """The passphrase from CAIRN_PASSPHRASE, or typed twice through `ask` (getpass.getpass;
    None when there is no terminal to ask in). Raises PassphraseRefused."""
    given = environ.get(PASSPHRASE_VARIABLE)
    if given:
        problem = passphrase_problem(given)
        if problem:
            raise PassphraseRefused(f"{problem} (It came from {PASSPHRASE_VARIABLE}.)")
        return given
    if ask is None:
        raise PassphraseRefused(
            f"An encrypted build needs a passphrase: set {PASSPHRASE_VARIABLE}, "
            "or run the command in a terminal to type it."
        )
    first = ask("Passphrase for the encrypted site: ")
    problem = passphrase_problem(first)
    if problem:
        raise PassphraseRefused(problem)
    if ask("The same passphrase again: ") != first:
        raise PassphraseRefused("The two passphrases were not the same. Nothing was built; try again.")
    return first


def load_or_create_salt(journal: Path) -> bytes:
    """The journal's salt, from .cairn-salt in the journal folder; made on first use.

    It is not secret. Keeping it (in git, with the journal) keeps the site's addresses
    and an open browser session valid from one build to the next.
    """
    path = journal / SALT_FILE
    if path.exists():
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if re.fullmatch(r"[0-9a-f]{%d}" % (SALT_BYTES * 2), line):
                return bytes.fromhex(line)
            break
        else:
            number = 1
        raise BuildFailed([ContentError(SALT_FILE, number, (
            f"should hold {SALT_BYTES * 2} hexadecimal digits. Put the file back from git, or delete it to make "
            "a new one (every address of the encrypted site then changes, and readers unlock again)"))])
    salt = secrets.token_bytes(SALT_BYTES)
    text = (
        "# Cairn: the salt of this journal's encrypted site. It is not secret: keep it with the\n"
        "# journal (in git). Without it, the next encrypted build gives every page a new address.\n"
        f"{salt.hex()}\n"
    )
    fd, temp = tempfile.mkstemp(dir=journal, prefix=".tmp-salt-")
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.chmod(temp, 0o644)
    os.replace(temp, path)
    return salt


def derive_key(passphrase: str, salt: bytes, iterations: int = ITERATIONS) -> bytes:
    """The 32-byte site key: PBKDF2-HMAC-SHA256 of the passphrase (NFC, UTF-8)."""
    if iterations < ITERATIONS:
        raise ValueError(f"PBKDF2 needs at least {ITERATIONS} iterations (got {iterations})")
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=iterations)
    return kdf.derive(unicodedata.normalize("NFC", passphrase).encode("utf-8"))


def _subkey(key: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(key)


class _Keys:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the site key must be 32 bytes (see derive_key)")
        self.page = AESGCM(_subkey(key, _PAGE_KEY_INFO))
        self.nonce = _subkey(key, _NONCE_KEY_INFO)
        self.name = _subkey(key, _NAME_KEY_INFO)


# --- sealing and opening one file ----------------------------------------------------


def media_type(path: str) -> str:
    suffix = posixpath.splitext(path)[1].lower()
    return _TEXT_TYPES.get(suffix) or _BINARY_TYPES.get(suffix) or "application/octet-stream"


def _envelope(kind: str, data: bytes) -> bytes:
    if kind.startswith("text/") or kind in ("application/json", "application/xml", "image/svg+xml"):
        return f"{kind} deflate\n".encode() + zlib.compress(data, 9)
    return f"{kind} identity\n".encode() + data


def _seal(keys: _Keys, plaintext: bytes) -> bytes:
    # A keyed hash of the plaintext: deterministic, and never one nonce for two plaintexts.
    nonce = hmac.digest(keys.nonce, plaintext, "sha256")[:_NONCE_BYTES]
    return nonce + keys.page.encrypt(nonce, plaintext, None)


def seal_bytes(key: bytes, kind: str, data: bytes) -> bytes:
    """`data` of media type `kind`, sealed (nonce + ciphertext + tag) under the site key."""
    return _seal(_Keys(key), _envelope(kind, data))


def open_bytes(key: bytes, sealed: bytes) -> tuple[str, bytes]:
    """(media type, data) from sealed bytes; cryptography's InvalidTag for a wrong key."""
    page_key = AESGCM(_subkey(key, _PAGE_KEY_INFO))
    plaintext = page_key.decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], None)
    header, _, body = plaintext.partition(b"\n")
    kind, _, coding = header.decode().partition(" ")
    return kind, zlib.decompress(body) if coding == "deflate" else body


_SHELL_PAYLOAD = re.compile(rb'<script type="application/octet-stream" id="cairn-sealed">([A-Za-z0-9+/=]*)</script>')
_SCRIPT_PAYLOAD = re.compile(rb'\AcairnSealed\("[0-9]+","([A-Za-z0-9+/=]*)"\);\n\Z')


def open_file(key: bytes, data: bytes) -> tuple[str, bytes]:
    """(media type, data) of one file of a sealed site: a page shell or a sealed script."""
    match = _SHELL_PAYLOAD.search(data) or _SCRIPT_PAYLOAD.match(data)
    if not match:
        raise ValueError("not a sealed file")
    return open_bytes(key, base64.b64decode(match.group(1)))


# --- names ---------------------------------------------------------------------------


def _opaque(keys: _Keys, path: str) -> str:
    number = int.from_bytes(hmac.digest(keys.name, path.encode("utf-8"), "sha256")[:16], "big")
    return f"{number % 10**NAME_DIGITS:0{NAME_DIGITS}d}"


def _data_script(path: str, data: bytes) -> tuple[str, bytes] | None:
    """(global name, JSON) of a data script, `window.NAME = {JSON};`, or None."""
    start = _DATA_SCRIPT_START.match(data) if path.endswith(".js") else None
    if start is None:
        return None
    value = data[start.end():].rstrip().removesuffix(b";").rstrip()
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
    keys = _Keys(key)
    moves = {}
    for path, data in files.items():
        if path in KEPT_NAMES or _is_theme(path, data):
            moves[path] = path
        else:
            moves[path] = _opaque(keys, path) + (".html" if path.endswith(".html") else ".js")
    return moves


# --- links inside pages ----------------------------------------------------------------

# Only start tags with an attribute that can hold a link (most tags have none).
_LINKING_TAG = re.compile(r"<[a-zA-Z][^<>]*?\s(?:href|src|srcset|poster|action|data|xlink:href|content)\s*=[^<>]*>",
                          re.IGNORECASE)
_LINK_ATTRIBUTE = re.compile(
    r"""(?P<before>\s(?:href|src|poster|action|data|xlink:href)\s*=\s*)(?P<quote>["'])(?P<value>.*?)(?P=quote)""",
    re.IGNORECASE | re.DOTALL,
)
_SRCSET = re.compile(r"""(?P<before>\ssrcset\s*=\s*)(?P<quote>["'])(?P<value>.*?)(?P=quote)""", re.IGNORECASE | re.DOTALL)
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
        path, rest = _SPLIT_LINK.match(value).groups()
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
    return f"window.{name} = {text};\n".encode("utf-8")


# --- the shell -----------------------------------------------------------------------

_HEAD_LINK = re.compile(r"""<link\b[^>]*\brel=["'](?:stylesheet|icon|shortcut icon)["'][^>]*>""", re.IGNORECASE)
_HREF = re.compile(r"""\shref=["']([^"']*)["']""", re.IGNORECASE)
# What the theme's <link> tags, copied into shells, may say.
_LINK_WORDS = "link rel stylesheet icon shortcut apple touch mask href type image svg xml png x-icon text css sizes any media"

SHELL = """\
<!doctype html>
<html lang="en" data-cairn-salt="{salt}" data-cairn-iterations="{iterations}">
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
<p>Its pages are encrypted. Type the passphrase to read them in this browser. Nothing you type leaves this device, and the journal stays open only until you close the tab or press Lock.</p>
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


def _shell(sealed: bytes, links: list[str], salt: bytes, iterations: int) -> bytes:
    return SHELL.format(
        # Byte values, not base64 or hex, whose letters could spell a journal word by chance.
        salt=" ".join(str(b) for b in salt),
        iterations=iterations,
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


def seal_site(files: Mapping[str, bytes], key: bytes, salt: bytes, iterations: int = ITERATIONS) -> dict[str, bytes]:
    """The site's files, sealed: see the module's docstring. `key` is derive_key's."""
    if iterations < ITERATIONS:
        raise ValueError(f"PBKDF2 needs at least {ITERATIONS} iterations (got {iterations})")
    keys = _Keys(key)
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
            payload = _seal(keys, _envelope("text/html", page.encode("utf-8")))
            sealed[new] = _shell(payload, _theme_links(page, public), salt, iterations)
        else:
            if _is_data_script(path, data):
                data = _relink_data_script(path, data, moves)
            payload = _seal(keys, _envelope(media_type(path), data))
            sealed[new] = _sealed_script(new.removesuffix(".js"), payload)
    return sealed


# --- the leak check ------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_ENCODED_RUN = re.compile(r"[A-Za-z0-9+/=]{64,}")  # base64 and the like: noise, not words
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_DATE_IN_NAME = re.compile(r"(?<!\d)(?:\d{4}[-_/.]\d{1,2}|\d{1,2}[-_.]\d{1,2}(?:[-_.]\d{2,4})?)(?!\d)")
_BODY_WORD_LENGTH = 4
_FIELD_WORD_LENGTH = 3
_CONTEXT = 12


def _words(text: str, shortest: int) -> set[str]:
    return {w for w in _WORD.findall(unicodedata.normalize("NFC", text).casefold()) if len(w) >= shortest}


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, (list, tuple, set)):
        for v in value:
            yield from _strings(v)


def journal_words(entries: Iterable[Any], files: Iterable[str] = (), config: Any = None) -> set[str]:
    """Words that must not be readable in an encrypted site: every word of titles, tags,
    wins, gratitude, feelings, what helped, habits and other front matter (3 letters or
    more), of entry text (4 or more), of the names of files beside entries (photos), and
    the journal's title and author. `files` are the site's paths (only files/ counts)."""
    words: set[str] = set()
    for entry in entries:
        fields = [entry.title, *entry.tags, *entry.wins, *entry.gratitude, *entry.emotions, *entry.coping,
                  *entry.habits, *_strings(entry.extra)]
        for text in fields:
            words |= _words(text, _FIELD_WORD_LENGTH)
        words |= _words(entry.body, _BODY_WORD_LENGTH)
    for path in files:
        if path.startswith("files/"):
            stem = posixpath.splitext(path.removeprefix("files/"))[0]
            words |= _words(stem.replace("/", " "), _FIELD_WORD_LENGTH)
    if config is not None:
        texts = [config.title, config.author]
        texts += [t for m in config.metrics for t in (m.name, m.label, m.unit)]
        texts += [t for h in config.habits for t in (h.name, h.label)]
        for text in texts:
            words |= _words(text, _FIELD_WORD_LENGTH)
    return words


@functools.cache
def public_words() -> frozenset[str]:
    """Words Cairn itself publishes readably in an encrypted site: the unlock shell's and
    those of the built-in theme's static files (style.css, unlock.js, search.js...).
    A journal word that is one of them says nothing about the journal."""
    from generator.render import builtin_theme

    texts = [SHELL.format(salt="", iterations="", title=SHELL_TITLE, links="", payload=""), _LINK_WORDS,
             "User-agent: * Disallow: /", "robots.txt", *KEPT_NAMES]
    static = builtin_theme() / "static"
    if static.is_dir():
        for path in sorted(static.rglob("*")):
            if path.is_file():
                texts.append(path.name)
                if path.suffix in (".css", ".js", ".svg", ".txt"):
                    texts.append(path.read_text(encoding="utf-8", errors="replace"))
    words: set[str] = set()
    for text in texts:
        words |= _words(text, 1)
    return frozenset(words)


def _readable(data: bytes) -> tuple[str, bool]:
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), True


def _text_like(text: str) -> bool:
    printable = sum(1 for ch in text if (ch.isprintable() and ch != "\ufffd") or ch in "\t\n\r")
    return printable >= 0.9 * len(text)


def _in_text(text: str, start: int, end: int) -> bool:
    """Whether a word found in a binary file stands in text: on one side of it, a
    stretch of printable characters with a space (as in a photo's description)."""
    before = text[max(0, start - _CONTEXT): start]
    after = text[end: end + _CONTEXT]
    return any(len(side) >= 4 and " " in side and _text_like(side) for side in (before, after))


def _found_in(text: str, binary: bool, words: set[str]) -> set[str]:
    found = set()
    text = _ENCODED_RUN.sub(" ", text)
    if binary:
        # In an image or other binary file, letters fall together by chance: a word
        # counts only where it reads as text.
        for match in _WORD.finditer(text):
            word = unicodedata.normalize("NFC", match.group(0)).casefold()
            if word in words and _in_text(text, match.start(), match.end()):
                found.add(word)
        return found
    for form in {text, html.unescape(text), unquote(text), _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)}:
        found |= _words(form, 1) & words
    return found


def leaks(files: Mapping[str, bytes], words: Iterable[str]) -> list[tuple[str, str]]:
    """(path, what is readable there) for every file whose name or bytes show a journal word."""
    wanted = {unicodedata.normalize("NFC", w).casefold() for w in words} - public_words()
    found: list[tuple[str, str]] = []
    for path in sorted(files):
        in_name = _words(unquote(path), 1) & wanted
        if in_name:
            found.append((path, "the file name shows " + _listed(in_name)))
        elif _DATE_IN_NAME.search(path):
            found.append((path, "the file name shows a date"))
        text, binary = _readable(files[path])
        in_content = _found_in(text, binary, wanted)
        if in_content:
            found.append((path, "readable journal words: " + _listed(in_content)))
    return found


def _listed(words: set[str], most: int = 8) -> str:
    ordered = sorted(words)
    shown = ", ".join(f"'{w}'" for w in ordered[:most])
    return shown + (f" and {len(ordered) - most} more" if len(ordered) > most else "")


def find_leaks(files: Mapping[str, bytes], words: Iterable[str]) -> list[str]:
    """Readable journal words in the files' names or bytes, one line per file: `path: what`.

    Long runs of base64 are ciphertext, not words; words Cairn itself publishes (see
    public_words) do not count."""
    return [f"{path}: {what}" for path, what in leaks(files, words)]


# --- all of it -----------------------------------------------------------------------


def encrypt_site(
    journal: Path,
    files: Mapping[str, bytes],
    entries: Iterable[Any],
    passphrase: str,
    config: Any = None,
    iterations: int = ITERATIONS,
) -> dict[str, bytes]:
    """The sealed site, checked: BuildFailed (nothing to write) if a journal word is readable."""
    problem = passphrase_problem(passphrase)
    if problem:
        raise PassphraseRefused(problem)
    entries = list(entries)
    salt = load_or_create_salt(journal)
    key = derive_key(passphrase, salt, iterations)
    sealed = seal_site(files, key, salt, iterations)
    found = leaks(sealed, journal_words(entries, files, config))
    if found:
        origin = {new: old for old, new in site_names(files, key).items()}
        raise BuildFailed([
            ContentError(path if origin.get(path, path) == path else f"{path} (the sealed {origin[path]})", 0,
                         f"{what}, in the encrypted site")
            for path, what in found
        ])
    return sealed
