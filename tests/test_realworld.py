"""Build journals written by other people (../shared/corpora): clean reports, never a traceback."""

from __future__ import annotations

import re

import pytest

from tests.conftest import CORPORA, run_cairn

pytestmark = [
    pytest.mark.realworld,
    pytest.mark.skipif(not CORPORA.is_dir(), reason="the real-world corpora are not beside this repository"),
]

LOCATED = re.compile(r"^[^:]+:\d+: ")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """corpus -> (journal folder, result of `cairn build` there), each built once."""
    results = {}

    def build(corpus: str):
        if corpus not in results:
            folder = tmp_path_factory.mktemp(corpus) / "journal"
            folder.mkdir()
            (folder / "content").symlink_to(CORPORA / corpus, target_is_directory=True)
            results[corpus] = folder, run_cairn("build", cwd=folder)
        return results[corpus]

    return build


@pytest.mark.parametrize("corpus", ["18f-blog", "obsidian-tracker-diary"])
def test_build_a_real_journal(built, corpus):
    folder, result = built(corpus)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    if result.returncode == 1:
        assert re.fullmatch(r"Nothing was written: \d+ problems? to fix first\.", lines[-1])
        assert not (folder / "site").exists()
        lines = lines[:-1]
        assert lines, "exit 1 must say why"
        located = [(line.split(":")[0], int(line.split(":")[1])) for line in lines if LOCATED.match(line)]
        assert located == sorted(located), "problems are sorted by file and line"
    else:
        assert (folder / "site" / "index.html").is_file()
    assert [line for line in lines if not LOCATED.match(line)] == [], "every problem is path:line: message"


def test_jekyll_front_matter_reads_as_meant(built):
    """The 18F blog quotes its dates (`date: '2015-01-16'`) and shows images through Liquid tags."""
    _, result = built("18f-blog")
    lines = result.stderr.splitlines()
    assert not [line for line in lines if "date must be a date" in line]
    assert not [line for line in lines if "content/./" in line or "&quot;" in line or "&amp;" in line]
    assert (
        "content/posts/2014-09-08-the-encasement-strategy-on-legacy-systems-and-the.md:45: warning: shows the image "
        '{{ "/assets/blog/encasement/encasement1.png" | url }}, which is not in content/posts/; '
        "the page shows its words instead"
    ) in lines


def test_obsidian_daily_notes_report_what_a_person_must_change(built):
    """Emoji moods and dates only in unusual file names are the corpus's own quirks."""
    _, result = built("obsidian-tracker-diary")
    lines = result.stderr.splitlines()
    assert "content/diary/2021-01-01.md:3: mood must be a whole number from 1 to 5 (got '🙁')" in lines
    assert (
        "content/diary/D-20210101.md:1: has no date: "
        "add `date: YYYY-MM-DD` to the front matter or start the file name with it"
    ) in lines
