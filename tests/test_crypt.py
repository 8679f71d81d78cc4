"""Encrypted builds (generator/crypt/): keys, sealing, names, links, the leak check."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from generator.build import prepare
from generator.config import load_config
from generator.content import load_entries
from generator.crypt import encrypt_site
from generator.crypt.keys import (
    ITERATIONS,
    SALT_FILE,
    PassphraseRefused,
    derive_key,
    load_or_create_salt,
    open_bytes,
    open_file,
    passphrase_problem,
    read_passphrase,
    seal_bytes,
)
from generator.crypt.leaks import find_leaks, journal_words
from generator.crypt.shell import NAME_DIGITS, relink_page, seal_site, site_names
from generator.errors import BuildFailed
from generator.write import write_site

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixture"
PASSPHRASE = "correct horse battery staple"
SALT = bytes(range(16))


@pytest.fixture(scope="module")
def key() -> bytes:
    return derive_key(PASSPHRASE, SALT)  # 600,000 iterations: once for the module


@pytest.fixture(scope="module")
def other_key() -> bytes:
    return derive_key(PASSPHRASE + "!", SALT)


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture journal, copied (a build writes its cache and the salt beside it)."""
    folder = tmp_path_factory.mktemp("crypt") / "journal"
    shutil.copytree(FIXTURE, folder)
    return folder


@pytest.fixture(scope="module")
def site(journal: Path) -> dict[str, bytes]:
    files = prepare(journal).files
    assert "static/search-index.js" in files and "search/index.html" in files
    return {path: data for path, data in files.items() if data is not None}


@pytest.fixture(scope="module")
def sealed(site: dict[str, bytes], key: bytes) -> dict[str, bytes]:
    return seal_site(site, key, SALT, ITERATIONS)


@pytest.fixture(scope="module")
def words(journal: Path, site: dict[str, bytes]) -> set[str]:
    config = load_config(journal)
    return journal_words(load_entries(journal, config).entries, site, config)


def _photo(site: dict[str, bytes]) -> str:
    """Where the build published the fixture's park.png (resized, under files/)."""
    return next(p for p in sorted(site) if p.startswith("files/") and "park" in p)


# --- keys ------------------------------------------------------------------------------


def test_the_key_is_pbkdf2_hmac_sha256_of_the_passphrase(key: bytes):
    assert key == hashlib.pbkdf2_hmac("sha256", PASSPHRASE.encode(), SALT, 600_000)
    with pytest.raises(ValueError, match="600000"):
        derive_key(PASSPHRASE, SALT, iterations=1000)


def test_a_passphrase_under_12_characters_is_refused_and_told_why():
    assert passphrase_problem("eleven char") == (
        "The passphrase must be at least 12 characters: this one has 11. "
        "A few ordinary words in a row make one that is long and easy to remember."
    )
    assert passphrase_problem("twelve chars") is None
    assert passphrase_problem("cafe\u0301 au lai") is not None  # é typed as two code points is one character


def test_the_passphrase_comes_from_the_environment_or_is_asked_twice():
    assert read_passphrase({"CAIRN_PASSPHRASE": PASSPHRASE}, None) == PASSPHRASE
    with pytest.raises(PassphraseRefused, match=r"at least 12 characters.*CAIRN_PASSPHRASE"):
        read_passphrase({"CAIRN_PASSPHRASE": "short"}, None)
    asked: list[str] = []
    answers = iter([PASSPHRASE, PASSPHRASE])

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    assert read_passphrase({}, ask) == PASSPHRASE
    assert len(asked) == 2
    different = iter([PASSPHRASE, PASSPHRASE + "x"])
    with pytest.raises(PassphraseRefused, match="not the same"):
        read_passphrase({}, lambda prompt: next(different))
    with pytest.raises(PassphraseRefused, match="set CAIRN_PASSPHRASE"):
        read_passphrase({}, None)


def test_the_salt_is_made_once_and_kept_in_the_journal_folder(tmp_path: Path):
    salt = load_or_create_salt(tmp_path)
    assert len(salt) == 16
    assert load_or_create_salt(tmp_path) == salt
    text = (tmp_path / SALT_FILE).read_text()
    assert salt.hex() in text and "not secret" in text
    (tmp_path / SALT_FILE).write_text("# Cairn\nnot hex\n")
    with pytest.raises(BuildFailed) as failure:
        load_or_create_salt(tmp_path)
    assert str(failure.value.errors[0]).startswith(f"{SALT_FILE}:2: should hold 32 hexadecimal digits")


# --- sealing one file ------------------------------------------------------------------


def _open_independently(key: bytes, sealed: bytes, name: str) -> tuple[str, bytes]:
    """The documented format, decrypted without generator.crypt: HKDF page key, nonce,
    AES-GCM with the file's name as associated data."""
    page_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"cairn aes-256-gcm").derive(key)
    plaintext = AESGCM(page_key).decrypt(sealed[:12], sealed[12:], name.encode())
    header, _, body = plaintext.partition(b"\n")
    kind, coding = header.decode().split(" ")
    return kind, zlib.decompress(body) if coding == "deflate" else body


def test_round_trip(key: bytes):
    page = "<p>A quieter morning, café</p>".encode()
    photo = bytes(range(256)) * 10
    for kind, data in (("text/html", page), ("image/png", photo)):
        sealed = seal_bytes(key, kind, data, "123.html")
        assert open_bytes(key, sealed, "123.html") == (kind, data)
        assert _open_independently(key, sealed, "123.html") == (kind, data)


def test_the_same_plaintext_gives_the_same_bytes_and_another_a_new_nonce(key: bytes):
    first = seal_bytes(key, "text/html", b"<p>one</p>", "1.html")
    assert seal_bytes(key, "text/html", b"<p>one</p>", "1.html") == first
    second = seal_bytes(key, "text/html", b"<p>two</p>", "1.html")
    assert first[:12] != second[:12]
    nonces = {seal_bytes(key, "text/plain", str(i).encode(), "1.js")[:12] for i in range(500)}
    assert len(nonces) == 500
    # The same bytes under two names (a photo shown twice) never share a nonce either.
    assert seal_bytes(key, "text/html", b"<p>one</p>", "2.html")[:12] != first[:12]


def test_a_wrong_key_opens_nothing(key: bytes, other_key: bytes):
    sealed = seal_bytes(key, "text/html", b"<p>private</p>", "1.html")
    with pytest.raises(InvalidTag):
        open_bytes(other_key, sealed, "1.html")
    tampered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    with pytest.raises(InvalidTag):
        open_bytes(key, tampered, "1.html")


def test_a_ciphertext_opens_only_in_the_file_it_was_sealed_for(
    site: dict[str, bytes], sealed: dict[str, bytes], key: bytes
):
    """A host that swaps two sealed files (two pages, or two photos) makes both fail to open."""
    names = site_names(site, key)
    for first, second in (("2026/05/03/index.html", "tags/walk/index.html"), (_photo(site), "static/search-index.js")):
        a, b = names[first], names[second]
        assert open_file(key, sealed[a], a)[1] and open_file(key, sealed[b], b)[1]
        with pytest.raises(InvalidTag):
            open_file(key, sealed[b], a)  # what the host now serves at a's address
        with pytest.raises(InvalidTag):
            open_file(key, sealed[a], b)
    with pytest.raises(InvalidTag):  # the home page served where the 404 page belongs
        open_file(key, sealed["index.html"], "404.html")


def _shell_bytes(text: str, attribute: str) -> bytes:
    found = re.search(rf'{attribute}="([0-9 ]*)"', text)
    assert found, f"the shell has no {attribute}"
    return bytes(int(b) for b in found.group(1).split())


def test_every_shell_tells_a_wrong_key_from_a_swapped_file(sealed: dict[str, bytes], key: bytes, other_key: bytes):
    shells = [data.decode() for path, data in sealed.items() if path.endswith(".html")]
    check = _shell_bytes(shells[0], "data-cairn-check")
    assert all(_shell_bytes(shell, "data-cairn-check") == check for shell in shells)
    assert open_bytes(key, check, "") == ("", b"")  # opens with the journal's key, for the empty name
    with pytest.raises(InvalidTag):
        open_bytes(other_key, check, "")


def test_the_shell_says_when_the_journal_locks_itself(site: dict[str, bytes], sealed: dict[str, bytes], key: bytes):
    home = sealed["index.html"].decode()
    assert 'data-cairn-lock-after="30"' in home
    assert "until you press Lock or leave it unused for 30 minutes." in home
    quick = seal_site(site, key, SALT, ITERATIONS, lock_after_minutes=0.05)["index.html"].decode()
    assert 'data-cairn-lock-after="0.05"' in quick and "unused for 3 seconds." in quick
    never = seal_site(site, key, SALT, ITERATIONS, lock_after_minutes=0)["index.html"].decode()
    assert 'data-cairn-lock-after="0"' in never
    assert "until you press Lock. Escape pressed twice hides it at once." in never


def test_a_new_key_stops_the_old_key_opening_the_site(journal: Path, site: dict[str, bytes], tmp_path: Path):
    folder = tmp_path / "journal"
    shutil.copytree(journal, folder)
    config = load_config(folder)
    entries = load_entries(folder, config).entries
    first = encrypt_site(folder, site, entries, PASSPHRASE, config)
    old_salt = load_or_create_salt(folder)
    old_key = derive_key(PASSPHRASE, old_salt)
    assert open_file(old_key, first["index.html"], "index.html")[0] == "text/html"
    renewed = encrypt_site(folder, site, entries, PASSPHRASE, config, new_key=True)
    new_salt = load_or_create_salt(folder)
    assert new_salt != old_salt  # kept for the next build
    with pytest.raises(InvalidTag):
        open_file(old_key, renewed["index.html"], "index.html")
    assert open_file(derive_key(PASSPHRASE, new_salt), renewed["index.html"], "index.html")[0] == "text/html"
    opaque = {path for path in first if re.fullmatch(r"[0-9]{24}\.(?:html|js)", path)}
    assert opaque and opaque.isdisjoint(renewed)  # every opaque name is new too
    assert encrypt_site(folder, site, entries, PASSPHRASE, config) == renewed  # and stays


# --- the sealed site -------------------------------------------------------------------


def test_sealing_is_deterministic(site: dict[str, bytes], sealed: dict[str, bytes], key: bytes):
    assert seal_site(site, key, SALT, ITERATIONS) == sealed


def test_names_are_opaque_stable_and_keyed(
    site: dict[str, bytes], sealed: dict[str, bytes], key: bytes, other_key: bytes
):
    names = site_names(site, key)
    assert names == site_names(dict(site), key)
    assert set(names.values()) == set(sealed)
    assert names["index.html"] == "index.html" and names["404.html"] == "404.html"
    assert names["static/style.css"] == "static/style.css" and names["robots.txt"] == "robots.txt"
    opaque = re.compile(rf"[0-9]{{{NAME_DIGITS}}}\.(html|js)")  # no letters: no word, no date
    for old, new in names.items():
        if new != old:
            assert opaque.fullmatch(new), new
    other = site_names(site, other_key)
    assert other["tags/walk/index.html"] != names["tags/walk/index.html"]
    assert names["static/search-index.js"] != "static/search-index.js"  # data, not theme: sealed
    assert names[_photo(site)].endswith(".js")


def test_every_page_is_a_shell_and_every_file_opens_to_what_was_built(
    site: dict[str, bytes], sealed: dict[str, bytes], key: bytes
):
    names = site_names(site, key)
    for old, new in names.items():
        data = sealed[new]
        if old.endswith(".html"):
            text = data.decode()
            assert "<title>Locked journal</title>" in text
            assert '<meta name="robots" content="noindex, nofollow">' in text
            assert "script-src 'self'" in text
            assert re.findall(r"<script\b[^>]*>", text) == [
                '<script src="static/unlock.js">',
                '<script type="application/octet-stream" id="cairn-sealed">',
            ]
            # The form, the key check and the lock note, then the page: base64 of deflate, plus the tag.
            assert len(text) < 2300 + 1.4 * len(zlib.compress(site[old], 9)) + 100
            kind, page = open_file(key, data, new)
            assert kind == "text/html" and b"<html" in page
        elif new == old:
            assert data == site[old]  # the theme, readable as built
        else:
            kind, body = open_file(key, data, new)
            if old == "static/search-index.js":
                assert body.startswith(b"window.CAIRN_SEARCH = ")
            else:
                assert body == site[old]
                assert kind == ("image/png" if old.endswith(".png") else kind)


def test_links_in_pages_lead_to_the_sealed_files(site: dict[str, bytes], sealed: dict[str, bytes], key: bytes):
    names = site_names(site, key)
    page = names["2026/05/01/cafe-quotes/index.html"]
    entry = open_file(key, sealed[page], page)[1].decode()
    links = re.findall(r'\s(?:href|src)="([^"#?]*)', entry)
    assert links
    for link in links:
        if link and not re.match(r"[a-z]+:", link):
            assert link in sealed, f"{link} (in the sealed entry page) is not a file of the sealed site"
    assert f'src="{names[_photo(site)]}"' in entry
    assert f'href="{names["tags/walk/index.html"]}"' in entry
    assert 'href="static/style.css"' in entry


def test_relinking_keeps_queries_and_fragments_and_leaves_other_links_alone():
    moves = {
        "index.html": "index.html",
        "search/index.html": "1.html",
        "tags/walk/index.html": "2.html",
        "files/a b.png": "3.js",
        "files/a-96.png": "4.js",
        "on-this-day/05-03/index.html": "5.html",
        "static/style.css": "static/style.css",
    }
    page = (
        '<a href="../../">home</a> <a href="../../search/?q=walk#results">s</a> <a href="#main">top</a> '
        '<a href="../../tags/walk/">walk</a> <a href="https://example.org/x">out</a> <a href="">here</a> '
        '<img src="../../files/a%20b.png" srcset="../../files/a-96.png 96w, ../../files/a%20b.png 2x" alt=""> '
        '<link rel="stylesheet" href="../../static/style.css"> '
        '<meta http-equiv="refresh" content="0; url=../../on-this-day/05-03/"> '
        '<code>&lt;a href="../../tags/walk/"&gt;</code> <a href="../../missing/">gone</a>'
    )
    assert relink_page(page, "2026/05/index.html", moves) == (
        '<a href="index.html">home</a> <a href="1.html?q=walk#results">s</a> <a href="#main">top</a> '
        '<a href="2.html">walk</a> <a href="https://example.org/x">out</a> <a href="">here</a> '
        '<img src="3.js" srcset="4.js 96w, 3.js 2x" alt=""> '
        '<link rel="stylesheet" href="static/style.css"> '
        '<meta http-equiv="refresh" content="0; url=5.html"> '
        '<code>&lt;a href="../../tags/walk/"&gt;</code> <a href="../../missing/">gone</a>'
    )


def test_the_sealed_search_index_points_at_sealed_pages(site: dict[str, bytes], sealed: dict[str, bytes], key: bytes):
    names = site_names(site, key)
    _, body = open_file(key, sealed[names["static/search-index.js"]], names["static/search-index.js"])
    data = json.loads(body.decode().removeprefix("window.CAIRN_SEARCH = ").removesuffix(";\n"))
    urls = [record["u"] for record in data["entries"]]
    assert urls and all(url in sealed and url.endswith(".html") for url in urls)
    assert names["2026/05/03/index.html"] in urls


# --- the leak check --------------------------------------------------------------------


def test_nothing_of_the_journal_is_readable_in_the_sealed_site(sealed: dict[str, bytes], words: set[str]):
    assert {"unfinished", "park", "bakery", "café", "hopeful", "sam", "grief", "anxiety", "person"} <= words
    assert find_leaks(sealed, words) == []


def test_the_leak_check_finds_a_planted_leak(
    sealed: dict[str, bytes], words: set[str], key: bytes, site: dict[str, bytes]
):
    names = site_names(site, key)
    planted = dict(sealed)
    page = names["2026/05/03/index.html"]
    planted[page] = sealed[page].replace(b"</main>", b"<p>Cooked a real meal at the bakery</p></main>")
    planted[_photo(site)] = site[_photo(site)]  # a photo left as it was
    planted["x/2026-05-03.txt"] = b""  # a date in a name
    found = find_leaks(planted, words)
    assert f"{page}: readable journal words: 'bakery', 'cooked', 'meal', 'real'" in found
    assert f"{_photo(site)}: the file name shows 'park'" in found
    assert "x/2026-05-03.txt: the file name shows a date" in found


def _png_with_text(text: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
        + chunk(b"tEXt", b"Description\x00" + text)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def test_the_leak_check_reads_words_in_photo_metadata_but_not_in_noise():
    words = {"walk", "river", "hopeful"}
    assert find_leaks({"static/a.png": _png_with_text(b"A walk by the river.")}, words) == [
        "static/a.png: readable journal words: 'river', 'walk'"
    ]
    noise = hashlib.shake_256(b"noise").digest(2_000_000)
    dictionary = {a + b + c for a in "abcdefghijklmnopqrstuvwxyz" for b in "aeiouy" for c in "bcdfglmnprst"}
    dictionary |= {w + "s" for w in dictionary}
    assert find_leaks({"static/font.woff2": noise}, dictionary) == []
    encoded = b'cairnSealed("x","' + base64.b64encode(noise) + b'");\n'
    assert find_leaks({"k.js": encoded}, dictionary) == []


def test_no_name_or_ciphertext_reads_as_a_word_however_short(sealed: dict[str, bytes]):
    letters = "abcdefghijklmnopqrstuvwxyz"
    every_three_letters = {a + b + c for a in letters for b in letters for c in letters}  # "cbt", "bpd", "sam"...
    assert find_leaks(sealed, every_three_letters) == []


def test_a_second_sealing_writes_no_file(site: dict[str, bytes], sealed: dict[str, bytes], key: bytes, tmp_path: Path):
    first: dict[str, bytes | None] = dict(sealed)
    assert write_site(tmp_path, first).written == len(sealed)
    second: dict[str, bytes | None] = dict(seal_site(site, key, SALT, ITERATIONS))
    again = write_site(tmp_path, second)
    assert (again.written, again.removed, again.unchanged) == (0, 0, len(sealed))


def test_words_cairn_itself_publishes_do_not_count_as_leaks(sealed: dict[str, bytes]):
    assert find_leaks(sealed, {"journal", "passphrase", "locked", "unlock", "search"}) == []


def test_an_encrypted_build_fails_naming_what_a_readable_theme_file_leaks(journal: Path, site: dict[str, bytes]):
    config = load_config(journal)
    entries = load_entries(journal, config).entries
    sealed = encrypt_site(journal, site, entries, PASSPHRASE, config)
    assert (journal / SALT_FILE).is_file()
    assert sealed == encrypt_site(journal, site, entries, PASSPHRASE, config)  # the salt is kept
    leaky = {**site, "static/extra.css": b"/* for the bakery days */ .bakery { color: teal; }"}
    with pytest.raises(BuildFailed) as failure:
        encrypt_site(journal, leaky, entries, PASSPHRASE, config)
    assert [str(e) for e in failure.value.errors] == [
        "static/extra.css: readable journal words: 'bakery', in the encrypted site"
    ]
    with pytest.raises(PassphraseRefused):
        encrypt_site(journal, site, entries, "too short", config)
