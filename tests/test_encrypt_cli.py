"""`cairn build --encrypt` from the command line."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from cryptography.exceptions import InvalidTag

from generator.crypt.keys import derive_key, load_or_create_salt, open_file
from tests.conftest import run_cairn, snapshot
from tests.golden import FIXTURE

PASSPHRASE = "rain on the window, twice"


def env(passphrase: str) -> dict:
    return {**os.environ, "CAIRN_PASSPHRASE": passphrase}


def test_a_short_passphrase_is_refused_and_nothing_is_written(tmp_path):
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    result = run_cairn("--journal", journal, "build", "--encrypt", env=env("too short"))
    assert result.returncode == 2
    assert result.stderr.startswith("cairn: The passphrase must be at least 12 characters: this one has 9.")
    assert not (journal / "site").exists()


def test_an_encrypted_build_hides_names_and_words_and_a_second_build_writes_nothing(tmp_path):
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    first = run_cairn("--journal", journal, "build", "--encrypt", env=env(PASSPHRASE))
    assert first.returncode == 0, first.stderr
    site = journal / "site"
    names = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    opaque = re.compile(
        r"^(?:index\.html|404\.html|robots\.txt|\.cairn-site|static/[a-z-]+\.(?:css|js|svg)|\d{24}\.(?:html|js))$"
    )
    assert [name for name in names if not opaque.match(name)] == []
    everything = b"".join(snapshot(site).values())
    for word in (b"Rain on the window", b"bakery", b"Walked the long way round", b"hopeful"):
        assert word not in everything
    before = snapshot(site)
    second = run_cairn("--journal", journal, "build", "--encrypt", env=env(PASSPHRASE))
    assert "0 written" in second.stdout and "Nothing changed since the last build." in second.stdout
    assert snapshot(site) == before


def test_a_new_key_changes_every_address_and_the_old_key_opens_none(tmp_path):
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    assert run_cairn("--journal", journal, "build", "--encrypt", env=env(PASSPHRASE)).returncode == 0
    old_key = derive_key(PASSPHRASE, load_or_create_salt(journal))
    old_names = set(snapshot(journal / "site"))
    renewed = run_cairn("--journal", journal, "build", "--encrypt", "--new-key", env=env(PASSPHRASE))
    assert renewed.returncode == 0, renewed.stderr
    site = snapshot(journal / "site")
    new_key = derive_key(PASSPHRASE, load_or_create_salt(journal))
    assert new_key != old_key
    pages = [name for name in site if re.fullmatch(r"\d{24}\.html", name)]
    assert pages and old_names.isdisjoint(pages)  # the old addresses are gone
    for name in ["index.html", *pages[:5]]:
        with pytest.raises(InvalidTag):
            open_file(old_key, site[name], name)
        assert open_file(new_key, site[name], name)[0] == "text/html"


def test_new_key_without_encrypt_is_a_usage_error(tmp_path):
    journal = shutil.copytree(FIXTURE, tmp_path / "journal")
    result = run_cairn("--journal", journal, "build", "--new-key", env=env(PASSPHRASE))
    assert result.returncode == 2
    assert "--new-key makes a new key for an encrypted site: use it with --encrypt" in result.stderr
    assert not (journal / "site").exists()
