"""`cairn build --encrypt` from the command line."""

from __future__ import annotations

import os
import re
import shutil

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
