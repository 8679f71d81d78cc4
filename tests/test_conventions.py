"""Folders written for other tools build as they are: Jekyll, Hugo (TOML) and an Obsidian vault.

Each fixture folder under tests/conventions is built once with the real command line;
the tests read the pages a person would open and the exact warnings printed.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cairn

CONVENTIONS = Path(__file__).parent / "conventions"
NO_DATE = (
    "has no date, so it is not an entry: to make it one, add `date: YYYY-MM-DD` "
    "to its front matter or start its file name with the date"
)
# The Jekyll fixture's rain post shows an image from the site's root that is not there, and one from the web.
RAIN_WARNINGS = (
    "content/posts/2024-03-03-rain.md:8: warning: shows the image /assets/window.jpg, which is not in "
    "content/assets/; the page shows its words instead\n"
    "content/posts/2024-03-03-rain.md:10: warning: shows an image from example.org, which the site does not "
    "load (it makes no requests to other sites); the page shows its alt text or a note instead\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """name -> (journal folder, result of `cairn build`), each built once."""
    results = {}

    def build(name: str, *args: str):
        key = (name, args)
        if key not in results:
            folder = shutil.copytree(CONVENTIONS / name, tmp_path_factory.mktemp(name) / "journal")
            results[key] = folder, run_cairn("build", *args, cwd=folder)
        return results[key]

    return build


def page(folder: Path, url: str) -> str:
    return (folder / "site" / url / "index.html").read_text(encoding="utf-8")


def body(html: str) -> str:
    return html.split('<div class="body">', 1)[1].split("</div>", 1)[0].strip()


# --- Jekyll ------------------------------------------------------------------------------


def test_jekyll_folder_builds_with_one_warning_for_the_undated_file(built):
    folder, result = built("jekyll")
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"{RAIN_WARNINGS}content/todo.md:1: warning: {NO_DATE}\n"
    rain = body(page(folder, "2024/03/03"))
    assert '<span class="missing">the window</span>' in rain and '<span class="missing">the radar</span>' in rain
    # first-walk (.markdown) and rain; not-ready is published: false; _drafts, .hidden and
    # the folders in exclude: are never read (their broken front matter is no error).
    assert result.stdout.startswith("Built 2 entries into ")
    assert "First walk in weeks" in page(folder, "2024/03/01")
    assert '<a href="../../../2024/03/01/index.html">The walk</a>' in page(folder, "2024/03/03")
    assert not (folder / "site/2024/03/02").exists()
    assert "Still thinking" not in (folder / "site/static/search-index.js").read_text(encoding="utf-8")


def test_published_false_is_a_draft_built_only_with_drafts(built):
    folder, result = built("jekyll", "--drafts")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Built 3 entries into ")
    assert "Not ready to share" in page(folder, "2024/03/02")


def test_strict_makes_the_warnings_errors_and_writes_nothing(built):
    folder, result = built("jekyll", "--strict")
    assert (result.returncode, result.stderr) == (
        1,
        f"{RAIN_WARNINGS}content/todo.md:1: warning: {NO_DATE}\nNothing was written: 3 problems to fix first.\n",
    )
    assert not (folder / "site").exists()


def test_warnings_show_beside_errors_in_one_sorted_run(tmp_path):
    folder = shutil.copytree(CONVENTIONS / "jekyll", tmp_path / "journal")
    (folder / "content/posts/2024-03-04-wrong.md").write_text("---\ntitle: x\nmood: 9\n---\n", encoding="utf-8")
    result = run_cairn("check", cwd=folder)
    assert (result.returncode, result.stderr) == (
        1,
        f"{RAIN_WARNINGS}"
        "content/posts/2024-03-04-wrong.md:3: mood must be a whole number from 1 to 5 (got 9)\n"
        f"content/todo.md:1: warning: {NO_DATE}\n"
        "Nothing was written: 1 problem to fix first.\n",
    )


# --- Hugo --------------------------------------------------------------------------------


def test_hugo_toml_front_matter_reads_like_yaml_with_lines(built):
    folder, result = built("hugo")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "content/posts/evening.md:5: warning: unknown key 'moood' (did you mean 'mood'?)\n"
    assert result.stdout.startswith("Built 3 entries into ")  # 2026-01-07 has published = false
    snow = page(folder, "2026/01/05")
    assert "<h1>Snow</h1>" in snow and "4 of 5: good" in snow and "7.5" in snow
    assert "<h1>An evening</h1>" in page(folder, "2026/01/06")


def test_tags_that_differ_only_by_punctuation_get_their_own_pages(built):
    folder, _ = built("hugo")
    tags = sorted(p.name for p in (folder / "site/tags").iterdir() if p.is_dir())
    assert tags == ["c", "c-plus-plus", "c-sharp", "walk"]
    assert "Tagged “C++”" in page(folder, "tags/c-plus-plus")
    assert "Tagged “C#”" in page(folder, "tags/c-sharp")
    plain_c = page(folder, "tags/c")
    assert "2026/01/08/" in plain_c and "2026/01/05/" not in plain_c


def test_toml_that_does_not_parse_is_an_error_at_its_line(journal):
    folder = journal({"content/2026-01-05.md": '+++\ntitle = "Snow"\nmood = \n+++\nText.\n'})
    result = run_cairn("check", cwd=folder)
    assert (result.returncode, result.stderr) == (
        1,
        "content/2026-01-05.md:3: front matter is not valid TOML: invalid value\n"
        "Nothing was written: 1 problem to fix first.\n",
    )


# --- Obsidian ----------------------------------------------------------------------------


def test_obsidian_vault_builds_with_one_warning_per_name_that_links_to_nothing(built):
    _, result = built("obsidian")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "content/Cafe notes.md:6: warning: links to [[Nowhere]], but no entry has that file name, date or "
        "title, so it shows as text; 1 other entry links to it too\n"
        "content/daily/2026-11-23.md:4: warning: shows ../attachments/park.svg, which is published as it is: "
        "unlike a photo, a file keeps its own metadata (author, dates, sometimes a place)\n"
    )
    assert result.stdout.startswith("Built 4 entries into ")


def test_wiki_links_resolve_by_file_name_date_and_title(built):
    folder, _ = built("obsidian")
    assert '<a href="../../../2026/11/20/index.html">my café notes</a>' in page(
        folder, "2026/11/22"
    )  # file name, label
    day = page(folder, "2026/11/23")
    assert '<a href="../../../2026/11/22/index.html">2026-11-22</a>' in day  # date
    assert "Then Nowhere, and again." in day  # a link to nothing is its words
    assert '<img alt="park.svg" src="../../../files/daily/../attachments/park.svg">' in day
    assert (folder / "site/files/attachments/park.svg").is_file()
    assert '<a href="../../../2026/11/24/index.html">A quieter morning</a>' in page(folder, "2026/11/20")  # title


def test_each_entry_lists_the_entries_that_mention_it(built):
    folder, _ = built("obsidian")

    def mentioned(url: str) -> list[str]:
        html = page(folder, url)
        if "Mentioned in" not in html:
            return []
        section = html.split('<h2 id="mentioned-in">Mentioned in</h2>', 1)[1].split("</section>", 1)[0]
        return re.findall(r'<a href="[^"]*">([^<]*)</a>', section)

    assert mentioned("2026/11/20") == ["Sunday 22 November 2026", "A quieter morning"]  # by name, by alias
    assert mentioned("2026/11/22") == ["Monday 23 November 2026"]
    assert mentioned("2026/11/24") == ["Friday 20 November 2026"]
    assert mentioned("2026/11/23") == []


def test_code_keeps_its_brackets_and_hashes_and_a_spaced_hash_is_a_heading(built):
    folder, _ = built("obsidian")
    assert body(page(folder, "2026/11/24")) == (
        "<pre><code>#include &lt;stdio.h&gt;\n[[not a link]] and #notatag\n</code></pre>\n"
        "<p><code>[[also code]]</code> stays as written.</p>\n"
        "<h1>A real heading</h1>\n"
        '<p>Back to <a href="../../../2026/11/20/index.html">the café list</a> later.</p>'
    )


def test_hash_words_are_tags_and_text_not_headings(built):
    folder, _ = built("obsidian")
    day = page(folder, "2026/11/23")
    assert "<p>#weight:70kg\n" in body(day) and "<h1>weight" not in day
    tags = day.split('<p class="tags">', 1)[1].split("</p>", 1)[0]
    assert re.findall(r">([^<]+)</a>", tags) == ["walk", "weight"]  # #Walk is #walk again
    assert sorted(p.name for p in (folder / "site/tags").iterdir() if p.is_dir()) == ["gratitude", "walk", "weight"]


def test_emoji_word_and_inline_moods_and_fields(built):
    folder, _ = built("obsidian")
    sunday = page(folder, "2026/11/22")
    assert "4 of 5: good" in sunday  # mood: 🙂 through mood.aliases
    assert "<dt>Energy</dt><dd>4 of 5</dd>" in sunday  # (energy:: 4) inside a line
    assert "<li>walk</li>" in sunday  # habits: [Walk] is the habit walk
    assert "5 of 5: great" in page(folder, "2026/11/23")  # mood:: 😀 on its own line
    assert "5 of 5: great" in page(folder, "2026/11/24")  # mood: great, the scale's own word
