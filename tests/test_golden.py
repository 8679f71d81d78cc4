"""The fixture journal builds into exactly the reviewed site in tests/golden/."""

from pathlib import Path

from tests.conftest import snapshot
from tests.golden import GOLDEN, build_fixture


def test_fixture_builds_into_the_golden_site_byte_for_byte(tmp_path: Path):
    out = tmp_path / "site"
    build_fixture(out)
    built, expected = snapshot(out), snapshot(GOLDEN)
    assert sorted(built) == sorted(expected), "pages added or missing: run `make golden` and review the diff"
    changed = [name for name in built if built[name] != expected[name]]
    assert not changed, f"pages differ from tests/golden: {changed}; run `make golden` and review the diff"


def test_golden_site_has_the_pages_a_reader_expects():
    pages = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("index.html"))
    for expected in [
        "index.html",
        "2026/05/01/index.html",  # a day with two entries lists both
        "2026/05/01/cafe-quotes/index.html",
        "2026/05/01/evening/index.html",
        "2026/04/30/index.html",  # no front matter: dated by its name
        "2025/index.html",
        "2026/05/index.html",
        "timeline/index.html",
        "tags/index.html",
        "tags/cafe/index.html",
        "tags/script/index.html",
    ]:
        assert expected in pages
    assert "2026/05/04/index.html" not in pages  # a draft
    # The photo is published resized and stripped under its width; the original is not copied.
    assert (GOLDEN / "files/2026/05/park-48.png").is_file()
    assert not (GOLDEN / "files/2026/05/park.png").exists()
    assert 'href="../2026/05/01/cafe-quotes/index.html"' in (GOLDEN / "photos/index.html").read_text()
