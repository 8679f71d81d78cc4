"""The passphrase, the keys made from it, and sealing and opening one file."""

from __future__ import annotations

import base64
import hmac
import posixpath
import re
import secrets
import unicodedata
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from generator.errors import BuildFailed, ContentError
from generator.write import atomic_write

ITERATIONS = 600_000
MIN_PASSPHRASE = 12
PASSPHRASE_VARIABLE = "CAIRN_PASSPHRASE"
SALT_FILE = ".cairn-salt"
SALT_BYTES = 16

# HKDF labels; templates/static/unlock.js derives the page key with the same one.
_PAGE_KEY_INFO = b"cairn aes-256-gcm"
_NONCE_KEY_INFO = b"cairn nonce"
_NAME_KEY_INFO = b"cairn names"
_NONCE_BYTES = 12

_TEXT_TYPES = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".xml": "application/xml",
    ".csv": "text/csv",
    ".ics": "text/calendar",
}
_BINARY_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".heic": "image/heic",
    ".pdf": "application/pdf",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".wav": "audio/wav",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mov": "video/quicktime",
}


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


def read_passphrase(
    environ: Mapping[str, str],
    ask: Callable[[str], str] | None,
    variable: str = PASSPHRASE_VARIABLE,
    what: str = "the encrypted site",
    need: str = "An encrypted build",
) -> str:
    """The passphrase from CAIRN_PASSPHRASE (or `variable`), or typed twice through `ask`
    (getpass.getpass; None when there is no terminal to ask in). Raises PassphraseRefused."""
    given = environ.get(variable)
    if given:
        problem = passphrase_problem(given)
        if problem:
            raise PassphraseRefused(f"{problem} (It came from {variable}.)")
        return given
    if ask is None:
        raise PassphraseRefused(
            f"{need} needs a passphrase: set {variable}, or run the command in a terminal to type it."
        )
    first = ask(f"Passphrase for {what}: ")
    problem = passphrase_problem(first)
    if problem:
        raise PassphraseRefused(problem)
    if ask("The same passphrase again: ") != first:
        raise PassphraseRefused("The two passphrases were not the same. Nothing was built; try again.")
    return first


def load_or_create_salt(journal: Path, name: str = SALT_FILE) -> bytes:
    """The journal's salt, from .cairn-salt in the journal folder; made on first use.

    It is not secret. Keeping it (in git, with the journal) keeps the site's addresses
    and an open browser session valid from one build to the next.
    """
    path = journal / name
    if path.exists():
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        written = [
            (n, text.strip()) for n, text in enumerate(lines, 1) if text.strip() and not text.strip().startswith("#")
        ]
        number, line = written[0] if written else (1, "")
        if re.fullmatch(rf"[0-9a-f]{{{SALT_BYTES * 2}}}", line):
            return bytes.fromhex(line)
        raise BuildFailed(
            [
                ContentError(
                    name,
                    number,
                    (
                        f"should hold {SALT_BYTES * 2} hexadecimal digits. Put the file back from git, or delete it to make "
                        "a new one (every address of the encrypted site then changes, and readers unlock again)"
                    ),
                )
            ]
        )
    salt = new_salt()
    save_salt(journal, salt, name)
    return salt


def new_salt() -> bytes:
    """A fresh salt: with it, the same passphrase gives a new key (`build --encrypt --new-key`)."""
    return secrets.token_bytes(SALT_BYTES)


def save_salt(journal: Path, salt: bytes, name: str = SALT_FILE) -> None:
    """Write .cairn-salt (or a share's salt file, `name`) in the journal folder, atomically:
    a reader sees the old or the new."""
    text = (
        "# Cairn: the salt of this journal's encrypted site. It is not secret: keep it with the\n"
        "# journal (in git). Without it, the next encrypted build gives every page a new address.\n"
        f"{salt.hex()}\n"
    )
    atomic_write(journal / name, text.encode("utf-8"), 0o644)


def derive_key(passphrase: str, salt: bytes, iterations: int = ITERATIONS) -> bytes:
    """The 32-byte site key: PBKDF2-HMAC-SHA256 of the passphrase (NFC, UTF-8)."""
    if iterations < ITERATIONS:
        raise ValueError(f"PBKDF2 needs at least {ITERATIONS} iterations (got {iterations})")
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=iterations)
    return kdf.derive(unicodedata.normalize("NFC", passphrase).encode("utf-8"))


def _subkey(key: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(key)


class Keys:
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


def envelope(kind: str, data: bytes) -> bytes:
    if kind.startswith("text/") or kind in ("application/json", "application/xml", "image/svg+xml"):
        return f"{kind} deflate\n".encode() + zlib.compress(data, 9)
    return f"{kind} identity\n".encode() + data


def _associated(name: str) -> bytes:
    """What a ciphertext is bound to: the name of the file it sits in (AES-GCM associated data)."""
    return name.encode("utf-8")


def seal(keys: Keys, plaintext: bytes, name: str) -> bytes:
    """`plaintext` sealed for the file `name` of the sealed site: it opens there and nowhere else."""
    bound = _associated(name)
    # A keyed hash of the name and the plaintext: deterministic, and never one nonce for
    # two different (name, plaintext) pairs, so a file copied under two names is safe too.
    nonce = hmac.digest(keys.nonce, len(bound).to_bytes(4, "big") + bound + plaintext, "sha256")[:_NONCE_BYTES]
    return nonce + keys.page.encrypt(nonce, plaintext, bound)


def key_check(key: bytes) -> bytes:
    """A sealed empty message bound to the empty name (no file has it): the browser opens it
    to tell a wrong passphrase from a page that is not the one written for its address."""
    return seal(Keys(key), b"", "")


def seal_bytes(key: bytes, kind: str, data: bytes, name: str) -> bytes:
    """`data` of media type `kind`, sealed (nonce + ciphertext + tag) under the site key
    for the file `name` of the sealed site."""
    return seal(Keys(key), envelope(kind, data), name)


def open_bytes(key: bytes, sealed: bytes, name: str) -> tuple[str, bytes]:
    """(media type, data) from sealed bytes found in the file `name`; cryptography's
    InvalidTag for a wrong key, or for bytes sealed for another file."""
    page_key = AESGCM(_subkey(key, _PAGE_KEY_INFO))
    plaintext = page_key.decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], _associated(name))
    header, _, body = plaintext.partition(b"\n")
    kind, _, coding = header.decode().partition(" ")
    return kind, zlib.decompress(body) if coding == "deflate" else body


_SHELL_PAYLOAD = re.compile(rb'<script type="application/octet-stream" id="cairn-sealed">([A-Za-z0-9+/=]*)</script>')
_SCRIPT_PAYLOAD = re.compile(rb'\AcairnSealed\("[0-9]+","([A-Za-z0-9+/=]*)"\);\n\Z')


def open_file(key: bytes, data: bytes, name: str) -> tuple[str, bytes]:
    """(media type, data) of the file `name` of a sealed site: a page shell or a sealed script."""
    match = _SHELL_PAYLOAD.search(data) or _SCRIPT_PAYLOAD.match(data)
    if not match:
        raise ValueError("not a sealed file")
    return open_bytes(key, base64.b64decode(match.group(1)), name)


_SHELL_KEY = re.compile(rb'data-cairn-salt="([0-9 ]+)" data-cairn-iterations="([0-9]+)" data-cairn-check="([0-9 ]+)"')


def shell_opens(shell: bytes, passphrase: str) -> bool:
    """Whether `passphrase` opens the sealed site whose page shell this is (by its key check)."""
    match = _SHELL_KEY.search(shell)
    if match is None or int(match.group(2)) < ITERATIONS:
        return False
    salt, check = (bytes(int(b) for b in match.group(n).split()) for n in (1, 3))
    try:
        open_bytes(derive_key(passphrase, salt, int(match.group(2))), check, "")
    except (InvalidTag, ValueError):
        return False
    return True
