"""How an unlocked encrypted journal keeps its key and locks again (headless Chromium).

The key cannot be read back by the page and no raw key is stored; Lock in one tab locks
every tab (by BroadcastChannel, and by storage events where that is missing); the
journal locks itself after `lock_after_minutes` without use; Escape twice hides it;
a host that swaps two sealed pages gets a plain "could not be opened", never the wrong
page. The sites are built with the real `cairn build --encrypt`.
"""

from __future__ import annotations

import base64
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from generator.crypt.keys import derive_key, load_or_create_salt
from generator.crypt.shell import site_names
from tests.browser import build_site, serve, shared_chromium
from tests.test_encrypted_browser import LOCK, PASSPHRASE, PHOTO_ENTRY, browsing, site_files, unlock, wait_open

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).resolve().parent / "fixture"
LOCKED_FORM = "#cairn-passphrase"
QUICK_MINUTES = 0.1  # the idle lock of the quick site: 6 seconds


def _encrypted(folder: Path, out: Path, settings: str = "") -> tuple[Path, dict[str, str], bytes]:
    """The fixture journal, copied to `folder` with `settings` added to journal.yaml, built
    encrypted into `out`: (out, where each plain page went, the AES key the browser holds)."""
    shutil.copytree(FIXTURE, folder)
    if settings:
        with (folder / "journal.yaml").open("a", encoding="utf-8") as stream:
            stream.write(settings)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAIRN_PASSPHRASE", PASSPHRASE)
        build_site(folder, out, "--encrypt")
    site_key = derive_key(PASSPHRASE, load_or_create_salt(folder))
    page_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"cairn aes-256-gcm").derive(site_key)
    return out, site_names(site_files(folder), site_key), page_key


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], bytes]:
    made = tmp_path_factory.mktemp("locks")
    return _encrypted(made / "journal", made / "site")


@pytest.fixture(scope="module")
def base_url(site: tuple[Path, dict[str, str], bytes]) -> Iterator[str]:
    with serve(site[0]) as base:
        yield base


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest) -> Any:
    return shared_chromium(request)


def _entry_url(base_url: str, names: dict[str, str]) -> str:
    return f"{base_url}/{names[PHOTO_ENTRY]}"


# --- the key ---------------------------------------------------------------------------

_READ_THE_KEPT_KEY = """async () => {
    const db = await new Promise((ok, fail) => {
        const request = indexedDB.open("cairn");
        request.onsuccess = () => ok(request.result);
        request.onerror = () => fail(request.error);
    });
    const records = await new Promise((ok, fail) => {
        const request = db.transaction("keys").objectStore("keys").getAll();
        request.onsuccess = () => ok(request.result);
        request.onerror = () => fail(request.error);
    });
    db.close();
    const key = records.length ? records[0].key : null;
    const attempts = [];
    for (const format of ["raw", "jwk"]) {
        try { await crypto.subtle.exportKey(format, key); attempts.push("exported"); }
        catch (error) { attempts.push(error.name); }
    }
    const stored = (storage) => Object.keys(storage).map((name) => [name, storage.getItem(name)]);
    return {
        records: records.length,
        kind: key && key.constructor.name,
        extractable: key && key.extractable,
        usages: key && key.usages,
        attempts,
        session: stored(sessionStorage),
        local: stored(localStorage),
    };
}"""


def test_the_page_cannot_export_the_key_and_no_raw_key_is_stored(
    browser: Any, base_url: str, site: tuple[Path, dict[str, str], bytes]
):
    _, names, page_key = site
    with browsing(browser) as (page, record):
        page.goto(base_url + "/")
        unlock(page)
        wait_open(page)
        page.goto(_entry_url(base_url, names))
        wait_open(page)  # the kept key opens the next page by itself
        kept = page.evaluate(_READ_THE_KEPT_KEY)
        assert (kept["records"], kept["kind"], kept["extractable"], kept["usages"]) == (
            1,
            "CryptoKey",
            False,
            ["decrypt"],
        )
        assert kept["attempts"] == ["InvalidAccessError", "InvalidAccessError"]
        assert kept["session"] == []
        raw_forms = (base64.b64encode(page_key).decode(), page_key.hex(), " ".join(str(b) for b in page_key))
        for name, value in kept["local"]:
            assert value.isdigit(), f"localStorage {name} holds {value!r}, not a time"
            assert not any(form in value for form in raw_forms)
        # A key another build left (an old salt, after --new-key) goes once its own time is up.
        page.evaluate(_LEAVE_AN_OLD_KEY)
        page.reload()
        wait_open(page)
        assert page.evaluate(_KEPT_NAMES) == [f"cairn:{page.get_attribute('html', 'data-cairn-salt')}"]
        assert record.problems == []


_LEAVE_AN_OLD_KEY = """async () => {
    const db = await new Promise((ok) => { const request = indexedDB.open("cairn"); request.onsuccess = () => ok(request.result); });
    const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["decrypt"]);
    await new Promise((ok, fail) => {
        const transaction = db.transaction("keys", "readwrite");
        transaction.objectStore("keys").put({ key, opened: 1, used: 1, lockAfter: 60000 }, "cairn:1 2 3");
        transaction.oncomplete = ok;
        transaction.onerror = () => fail(transaction.error);
    });
    db.close();
}"""
_KEPT_NAMES = """async () => {
    const db = await new Promise((ok) => { const request = indexedDB.open("cairn"); request.onsuccess = () => ok(request.result); });
    const names = await new Promise((ok) => {
        const request = db.transaction("keys").objectStore("keys").getAllKeys();
        request.onsuccess = () => ok(request.result);
    });
    db.close();
    return names;
}"""


# --- locking -------------------------------------------------------------------------------

# How other tabs hear of a Lock: both ways, or only one of them (the other taken away).
_TAKE_AWAY = {
    "both ways": "",
    "BroadcastChannel alone": (
        "Object.defineProperty(window, 'localStorage', "
        "{ get() { throw new DOMException('refused', 'SecurityError'); } });"
    ),
    "storage events alone": "delete window.BroadcastChannel;",
}


@pytest.mark.parametrize("way", list(_TAKE_AWAY))
def test_lock_in_one_tab_locks_every_tab(
    browser: Any, base_url: str, site: tuple[Path, dict[str, str], bytes], way: str
):
    _, names, _ = site
    context = browser.new_context(service_workers="block")
    try:
        if _TAKE_AWAY[way]:
            context.add_init_script(_TAKE_AWAY[way])
        first, second = context.new_page(), context.new_page()
        first.goto(base_url + "/")
        unlock(first)
        wait_open(first)
        second.goto(_entry_url(base_url, names))
        wait_open(second)  # one unlock opens the journal in every tab
        assert "Rain on the window" in second.inner_text("main")
        assert first.evaluate("typeof BroadcastChannel") == (
            "undefined" if way == "storage events alone" else "function"
        )

        first.get_by_role("button", name="Lock").click()
        first.wait_for_selector(LOCKED_FORM)
        second.wait_for_selector(LOCKED_FORM, timeout=20_000)  # the other tab locks by itself
        assert second.title() == "Locked journal"
        assert second.locator(LOCK).count() == 0
        assert "Rain on the window" not in second.inner_text("body")
        second.reload()
        second.wait_for_selector(LOCKED_FORM)
        assert second.locator(LOCK).count() == 0
    finally:
        context.close()


def test_escape_twice_hides_the_journal_and_locks_every_tab(
    browser: Any, base_url: str, site: tuple[Path, dict[str, str], bytes]
):
    _, names, _ = site
    context = browser.new_context(service_workers="block")
    try:
        reading, other = context.new_page(), context.new_page()
        reading.goto(base_url + "/")
        unlock(reading)
        wait_open(reading)
        other.goto(_entry_url(base_url, names))
        wait_open(other)
        reading.goto(_entry_url(base_url, names))
        wait_open(reading)
        reading.keyboard.press("Escape")
        reading.keyboard.press("Escape")
        reading.wait_for_url("about:blank")
        assert reading.title() == ""
        assert reading.inner_text("body") == ""
        other.wait_for_selector(LOCKED_FORM, timeout=20_000)
        assert "Rain on the window" not in other.inner_text("body")
        reading.go_back()  # the page before it: locked, whether from memory or not
        reading.wait_for_selector(LOCKED_FORM)
        assert reading.locator(LOCK).count() == 0
    finally:
        context.close()


@pytest.fixture(scope="module")
def quick_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], bytes]:
    made = tmp_path_factory.mktemp("quick")
    return _encrypted(made / "journal", made / "site", f"lock_after_minutes: {QUICK_MINUTES}\n")


def test_the_journal_locks_itself_after_the_set_time_without_use(
    browser: Any, quick_site: tuple[Path, dict[str, str], bytes]
):
    out, names, _ = quick_site
    with serve(out) as base, browsing(browser) as (page, record):
        page.goto(base + "/")
        assert "leave it unused for 6 seconds" in page.inner_text("main")
        unlock(page)
        wait_open(page)
        # Nobody touches the page: it locks by itself (a generous bound, not a speed test).
        page.wait_for_selector(LOCKED_FORM, timeout=120_000)
        assert page.locator(LOCK).count() == 0
        assert "Sam" not in page.inner_text("body")
        page.goto(f"{base}/{names['tags/index.html']}")
        page.wait_for_selector(LOCKED_FORM)  # and the key is gone for every page
        assert page.locator(LOCK).count() == 0
        assert record.problems == []


# --- a host that swaps files -----------------------------------------------------------------


def test_two_swapped_pages_do_not_open_and_say_so(
    browser: Any, site: tuple[Path, dict[str, str], bytes], tmp_path: Path
):
    out, names, _ = site
    swapped = tmp_path / "swapped"
    shutil.copytree(out, swapped)
    entry, tag = names[PHOTO_ENTRY], names["tags/walk/index.html"]
    (swapped / entry).write_bytes((out / tag).read_bytes())
    (swapped / tag).write_bytes((out / entry).read_bytes())
    with serve(swapped) as base, browsing(browser) as (page, _):
        # Unlocking right at a swapped page: the passphrase is right, the page is not.
        page.goto(f"{base}/{entry}")
        unlock(page)
        heading = page.get_by_role("heading", level=1)
        heading.filter(has_text="could not be opened").wait_for(timeout=20_000)
        assert heading.inner_text() == "This page could not be opened"
        assert "changed or swapped where the site is kept" in page.inner_text("main")
        assert "does not open this journal" not in page.inner_text("body")
        assert page.title() == "Page could not be opened"
        # With the key kept: the other swapped page fails the same way, an untouched page opens.
        page.goto(f"{base}/{tag}")
        page.get_by_role("heading", name="This page could not be opened").wait_for(timeout=20_000)
        for shown in ("Rain on the window", "Café", "walk"):
            assert shown not in page.inner_text("body")
        page.get_by_role("link", name="The journal’s first page").click()
        wait_open(page)
        assert page.title() == "Fixture journal"
