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
only one the browser needs, and the one it keeps, as a non-extractable CryptoKey in
IndexedDB), a key for nonces and a key for names. Each ciphertext is bound to the name
of the file it sits in (AES-GCM associated data: "index.html", "<digits>.html",
"<digits>.js"), so a host that swaps two files makes both fail to open. The nonce of a
file is a keyed hash of its name and plaintext, so the same page gives the same bytes
on every build (an unchanged site writes nothing), and no two (name, plaintext) pairs
share a nonce. Names are a keyed hash of the path: stable, and free of titles, tags
and dates (digits only, so no name can spell a word by chance). Every shell carries a
key check (an empty message sealed for the empty name) so the browser can tell a wrong
passphrase from a file that is not the one written for its address, and the number of
minutes without use after which the browser locks the site (journal.yaml's
lock_after_minutes). `new_key` makes a new salt, so the same passphrase gives a new key
(and new names): a key copied from a browser stops opening anything.

Sealed plaintext: one header line, `<media type> <coding>\\n` (coding `deflate` for
text, `identity` for the rest), then the bytes. Sealed bytes: 12-byte nonce, then
the AES-GCM ciphertext with its tag.

After sealing, `find_leaks` reads every output file and file name for the journal's
words; `encrypt_site` does all of it and fails the build when anything is readable.
A share edition also hands `encrypt_site` its check of what it leaves out, which then
reads the sealed site opened again with the key (`opened_text`), as its reader sees it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from generator.crypt.keys import (
    ITERATIONS,
    SALT_FILE,
    PassphraseRefused,
    derive_key,
    load_or_create_salt,
    media_type,
    new_salt,
    open_file,
    passphrase_problem,
    read_passphrase,
    save_salt,
)
from generator.crypt.leaks import journal_words, leaks
from generator.crypt.shell import LOCK_AFTER_MINUTES, seal_site, site_names
from generator.errors import BuildFailed, ContentError

__all__ = ["SALT_FILE", "PassphraseRefused", "encrypt_site", "read_passphrase"]

# --- all of it -----------------------------------------------------------------------


def encrypt_site(
    journal: Path,
    files: Mapping[str, bytes],
    entries: Iterable[Any],
    passphrase: str,
    config: Any = None,
    iterations: int = ITERATIONS,
    salt_file: str = SALT_FILE,
    *,
    new_key: bool = False,
    check_opened: Callable[[Mapping[str, bytes]], list[ContentError]] | None = None,
) -> dict[str, bytes]:
    """The sealed site, checked: BuildFailed (nothing to write) if a journal word is readable.
    A share edition passes its own salt file, so it never shares the journal's key. With
    `new_key`, under a new salt, kept in the salt file once the site is sealed. With
    `check_opened`, the sealed site is also opened again with the key, as its reader's
    browser will open it, and the text of every file (by its name before sealing) goes to
    `check_opened`; what it finds fails the build."""
    problem = passphrase_problem(passphrase)
    if problem:
        raise PassphraseRefused(problem)
    entries = list(entries)
    salt = new_salt() if new_key else load_or_create_salt(journal, salt_file)
    key = derive_key(passphrase, salt, iterations)
    lock_after = getattr(config, "lock_after_minutes", LOCK_AFTER_MINUTES)
    sealed = seal_site(files, key, salt, iterations, lock_after_minutes=lock_after)
    found = leaks(sealed, journal_words(entries, files, config))
    if found:
        origin = {new: old for old, new in site_names(files, key).items()}
        raise BuildFailed(
            [
                ContentError(
                    path if origin.get(path, path) == path else f"{path} (the sealed {origin[path]})",
                    0,
                    f"{what}, in the encrypted site",
                )
                for path, what in found
            ]
        )
    if check_opened is not None:
        problems = check_opened(opened_text(sealed, site_names(files, key), key))
        if problems:
            raise BuildFailed(problems)
    if new_key:
        save_salt(journal, salt, salt_file)
    return sealed


def opened_text(sealed: Mapping[str, bytes], moves: Mapping[str, str], key: bytes) -> dict[str, bytes]:
    """Every text file of a sealed site, decrypted where sealed, by its name before sealing
    (`moves` is site_names: old name to sealed name); photos and other binary files are left out."""
    opened = {}
    for old, new in moves.items():
        data = sealed[new]
        try:
            kind, data = open_file(key, data, new)
        except ValueError:  # the theme and robots.txt stay readable as they are
            kind = media_type(old)
        if kind.startswith("text/") or kind in ("application/json", "application/xml", "image/svg+xml"):
            opened[old] = data
    return opened
