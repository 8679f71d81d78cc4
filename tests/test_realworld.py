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
        "content/posts/2014-09-08-the-encasement-strategy-on-legacy-systems-and-the.md:45: warning: has 3 links or "
        "images written with another site generator's template tags ({{ … }} or {% … %}), which Cairn does not run; "
        "they show as their words"
    ) in lines


# The diary's moods run 1 to 10, some written as emoji: its journal.yaml says what each means.
OBSIDIAN_SETTINGS = """\
mood:
  labels: [awful, very low, low, flat, meh, okay, fine, good, very good, great]
  aliases:
    😞: 2
    🙁: 4
    😐: 5
    🙂: 7
    😀: 9
"""
NO_DATE = (
    "has no date, so it is not an entry: to make it one, "
    "add `date: YYYY-MM-DD` to its front matter or start its file name with the date"
)


@pytest.fixture(scope="module")
def obsidian(tmp_path_factory):
    folder = tmp_path_factory.mktemp("obsidian") / "journal"
    folder.mkdir()
    (folder / "content").symlink_to(CORPORA / "obsidian-tracker-diary", target_is_directory=True)
    (folder / "journal.yaml").write_text(OBSIDIAN_SETTINGS, encoding="utf-8")
    return folder, run_cairn("build", cwd=folder)


def test_the_obsidian_diary_builds_with_its_emoji_mapped(obsidian):
    """96 notes: 86 entries; 10 are named like 05-01-2021 (May or January?), and SOURCE.md is no note."""
    folder, result = obsidian
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("Built 86 entries into ")
    month = {2: "February", 3: "March", 4: "April", 5: "May"}
    unsure = [
        f"content/diary/{d:02d}{sep}01{sep}2021.md:1: warning: has {d:02d}{sep}01{sep}2021 in its name, "
        f"which could be {d} January or 1 {month[d]} 2021, so it is not an entry: to make it one, "
        f"start its file name with 2021-01-{d:02d} or 2021-{d:02d}-01, whichever it is"
        for sep in "-."
        for d in range(2, 6)
    ]
    unsure += [  # 01-01-2021 is the same day read either way, but a name is read year first
        f"content/diary/01{sep}01{sep}2021.md:1: warning: has 01{sep}01{sep}2021 in its name, but a date in "
        "a name is read year first, so it is not an entry: to make it one, start its file name with "
        "2021-01-01 or add `date: 2021-01-01` to its front matter"
        for sep in "-."
    ]
    assert result.stderr.splitlines() == sorted(
        [
            *unsure,
            f"content/SOURCE.md:1: warning: {NO_DATE}",
            "content/diary/1-20210101.md:16: warning: links to [[todo_family]], but no entry has that file name, "
            "date or title, so it shows as text; 70 other entries link to it too",
            "content/diary/1-20210101.md:17: warning: links to [[todo_work]], but no entry has that file name, "
            "date or title, so it shows as text; 70 other entries link to it too",
            "content/diary/2026-02-13.md:4: warning: links to [[TestFrontmatterList]], but no entry has that "
            "file name, date or title, so it shows as text",
        ]
    )
    friday = (folder / "site/2021/01/01/2/index.html").read_text(encoding="utf-8")  # 2021-01-01.md
    assert '<span class="mood mood-4">4 of 10: flat</span>' in friday  # mood: 🙁
    assert "<p>#weight:74.1kg</p>" in friday and '<a href="../../../../tags/weight/index.html">weight</a>' in friday
    assert "To-Do @Family" in friday and "[[" not in friday


def test_the_18f_blog_reads_every_post(tmp_path):
    """497 posts and the corpus's SOURCE.md: every post is an entry; the warnings are the
    dates that differ from the file name, one near-miss key, and SOURCE.md."""
    from generator.config import load_config
    from generator.content import load_entries

    (tmp_path / "content").symlink_to(CORPORA / "18f-blog", target_is_directory=True)
    loaded = load_entries(tmp_path, load_config(tmp_path))
    assert (len(loaded.entries), len(loaded.errors), len(loaded.warnings)) == (497, 0, 45)
    kinds = [w.message.split(" ")[0] for w in loaded.warnings]
    assert (kinds.count("date"), kinds.count("unknown"), kinds.count("has")) == (43, 1, 1)
    assert str(loaded.warnings[0]) == f"content/SOURCE.md:1: warning: {NO_DATE}"


def test_the_18f_blog_builds_on_the_first_try_with_warnings_a_person_can_act_on(built):
    """A Jekyll blog of 497 posts builds; what Cairn cannot use is a warning, told once per
    post where there are many (Liquid template tags), never a stop."""
    folder, result = built("18f-blog")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("Built 497 entries into ")
    lines = result.stderr.splitlines()
    assert all(": warning: " in line for line in lines)
    templated = [line for line in lines if "another site generator's template tags" in line]
    scripts = [line for line in lines if "has a <script>" in line]
    remote = [line for line in lines if "shows an image from " in line]
    from_root = [line for line in lines if "shows the image /assets/" in line]  # the blog's assets are not here
    assert (len(lines), len(templated), len(scripts), len(remote), len(from_root)) == (404, 332, 10, 3, 9)
    assert (
        "content/posts/2014-03-19-hello-world-we-are-18f.md:33: warning: has 4 links or images written with "
        "another site generator's template tags ({{ … }} or {% … %}), which Cairn does not run; "
        "they show as their words"
    ) in templated
    assert (folder / "site/index.html").is_file()
