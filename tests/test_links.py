"""links: images and files beside an entry, and links to other entries by file name.

Photos (jpg, png, ...) are published resized by the photos stage; these tests use
drawings (.svg) and documents, which are copied as they are.
"""

from __future__ import annotations

import re

import pytest

from generator.body.files import leads_outside
from generator.build import prepare
from generator.errors import BuildFailed


def body_of(page: bytes) -> str:
    return re.search(r'<div class="body">\n(.*?)\n  </div>', page.decode(), re.S).group(1)


def errors_of(folder) -> list[str]:
    with pytest.raises(BuildFailed) as caught:
        prepare(folder)
    return [str(e) for e in caught.value.errors]


def test_an_image_beside_the_entry_is_copied_and_linked_relatively(journal):
    folder = journal(
        {
            "content/2026/11/2026-11-23.md": "---\ntitle: Park\n---\n![the park](park.svg)\n",
            "content/2026/11/park.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        }
    )
    prepared = prepare(folder)
    files, _ = prepared.files, prepared.cache
    assert files["files/2026/11/park.svg"] == b"<svg xmlns='http://www.w3.org/2000/svg'/>"
    assert (
        body_of(files["2026/11/23/index.html"]) == '<p><img alt="the park" src="../../../files/2026/11/park.svg"></p>'
    )


SVG_1 = b"<svg xmlns='http://www.w3.org/2000/svg'><circle r='1'/></svg>"
SVG_2 = b"<svg xmlns='http://www.w3.org/2000/svg'><circle r='2'/></svg>"


def test_file_names_with_spaces_and_ampersands(journal):
    folder = journal(
        {
            "content/2026-11-23.md": (
                "---\ntitle: x\n---\n![a](my%20pic.svg)\n![b](<my pic.svg>)\n![c](a&b.svg)\n[notes](notes.pdf)\n"
            ),
            "content/my pic.svg": SVG_1,
            "content/a&b.svg": SVG_2,
            "content/notes.pdf": b"3",
        }
    )
    prepared = prepare(folder)
    files, _ = prepared.files, prepared.cache
    assert body_of(files["2026/11/23/index.html"]) == (
        '<p><img alt="a" src="../../../files/my%20pic.svg">\n'
        '<img alt="b" src="../../../files/my pic.svg">\n'
        '<img alt="c" src="../../../files/a&amp;b.svg">\n'
        '<a href="../../../files/notes.pdf">notes</a></p>'
    )
    assert (files["files/my pic.svg"], files["files/a&b.svg"], files["files/notes.pdf"]) == (SVG_1, SVG_2, b"3")


def test_an_image_in_another_folder_of_content(journal):
    folder = journal(
        {
            "content/2026/11/2026-11-23.md": "---\ntitle: x\n---\n![p](../../drawings/p.svg)\n",
            "content/drawings/p.svg": SVG_1,
        }
    )
    prepared = prepare(folder)
    files, _ = prepared.files, prepared.cache
    assert files["files/drawings/p.svg"] == SVG_1
    # ../../../files/2026/11/../../drawings/p.svg is files/drawings/p.svg from /2026/11/23/
    src = re.search(r'src="([^"]+)"', body_of(files["2026/11/23/index.html"])).group(1)
    assert src == "../../../files/2026/11/../../drawings/p.svg"
    import posixpath

    assert posixpath.normpath(posixpath.join("2026/11/23", src)) == "files/drawings/p.svg"


def test_a_link_to_another_entry_file_goes_to_its_page(journal):
    folder = journal(
        {
            "content/2026/11/2026-11-23.md": (
                "---\ntitle: x\n---\n[yesterday](2026-11-22.md) and [October](../10/2026-10-01.md#end)\n"
            ),
            "content/2026/11/2026-11-22.md": "---\ntitle: Yesterday\n---\n",
            "content/2026/10/2026-10-01.md": "---\ntitle: October\n---\n",
        }
    )
    prepared = prepare(folder)
    files, _ = prepared.files, prepared.cache
    assert body_of(files["2026/11/23/index.html"]) == (
        '<p><a href="../../../2026/11/22/index.html">yesterday</a> and <a href="../../../2026/10/01/index.html#end">October</a></p>'
    )


def test_a_link_to_an_entry_on_a_shared_day(journal):
    folder = journal(
        {
            "content/2026-11-23-morning.md": "[see the evening](2026-11-23-evening.md)\n",
            "content/2026-11-23-evening.md": "[see the morning](2026-11-23-morning.md)\n",
        }
    )
    prepared = prepare(folder)
    files, _ = prepared.files, prepared.cache
    assert (
        body_of(files["2026/11/23/morning/index.html"])
        == '<p><a href="../../../../2026/11/23/evening/index.html">see the evening</a></p>'
    )
    assert (
        body_of(files["2026/11/23/evening/index.html"])
        == '<p><a href="../../../../2026/11/23/morning/index.html">see the morning</a></p>'
    )


def test_other_links_are_left_as_written(journal):
    folder = journal(
        {
            "content/2026-11-23.md": (
                "[web](https://example.org/a.png) [top](#top) [root](/about/) [mail](mailto:a@example.org) "
                "[gone](nowhere.md) <b@example.org>\n"
            ),
        }
    )
    prepared = prepare(folder)
    files, _ = prepared.files, prepared.cache
    assert body_of(files["2026/11/23/index.html"]) == (
        '<p><a href="https://example.org/a.png">web</a> <a href="#top">top</a> <a href="/about/">root</a> '
        '<a href="mailto:a@example.org">mail</a> gone <a href="mailto:b@example.org">b@example.org</a></p>'
    )
    # An email written as <address> is a link to write to, not a missing file.
    assert [w.message for w in prepared.report.warnings] == [
        "links to nowhere.md, which is not in content/; the page shows its words instead"
    ]


def test_a_missing_image_is_a_warning_and_its_alt_text_stays(journal):
    folder = journal(
        {
            "content/2026/11/2026-11-23.md": "---\ntitle: x\n---\nText.\n\n![one](one.jpg)\n\n![two](two.jpg)\n",
            "content/2026-11-20.md": "![p](pic.png)\n",
            "content/2026-11-21.md": "[ref image][r]\n\n![shown][r]\n\n[r]: a&b.svg\n",
        }
    )
    prepared = prepare(folder)
    assert [str(w) for w in prepared.report.warnings] == [
        "content/2026-11-20.md:1: warning: shows the image pic.png, which is not in content/; "
        "the page shows its words instead",
        "content/2026-11-21.md:5: warning: links to a&b.svg, which is not in content/; the page shows its words instead",
        "content/2026-11-21.md:5: warning: shows the image a&b.svg, which is not in content/; "
        "the page shows its words instead",
        "content/2026/11/2026-11-23.md:6: warning: shows the image one.jpg, which is not in content/2026/11/; "
        "the page shows its words instead",
        "content/2026/11/2026-11-23.md:8: warning: shows the image two.jpg, which is not in content/2026/11/; "
        "the page shows its words instead",
    ]
    assert body_of(prepared.files["2026/11/23/index.html"]) == (
        '<p>Text.</p>\n<p><span class="missing">one</span></p>\n<p><span class="missing">two</span></p>'
    )
    assert body_of(prepared.files["2026/11/21/index.html"]) == (
        '<p>ref image</p>\n<p><span class="missing">shown</span></p>'
    )
    assert not [name for name in prepared.files if name.startswith("files/")]


def test_an_image_from_the_root_as_jekyll_and_hugo_write_it_is_looked_for_from_content(journal):
    folder = journal(
        {
            "content/assets/rain.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
            "content/posts/2024-03-03-rain.md": (
                '![the rain](/assets/rain.svg)\n\n<img src="/assets/rain.svg" alt="again">\n\n'
                "![gone](/assets/gone.jpg)\n"
            ),
        }
    )
    prepared = prepare(folder)
    assert body_of(prepared.files["2024/03/03/index.html"]) == (
        '<p><img alt="the rain" src="../../../files/posts/../assets/rain.svg"></p>\n'
        '<p><img src="../../../files/posts/../assets/rain.svg" alt="again"></p>\n'
        '<p><span class="missing">gone</span></p>'
    )
    assert "files/assets/rain.svg" in prepared.files
    assert [str(w) for w in prepared.report.warnings if "gone" in str(w)] == [
        "content/posts/2024-03-03-rain.md:5: warning: shows the image /assets/gone.jpg, which is not in "
        "content/assets/; the page shows its words instead"
    ]


def test_a_missing_file_in_another_folder_is_looked_for_where_the_link_points(journal):
    folder = journal({"content/2025/11/2025-11-24.md": "[then](../../2024/12/2024-12-26.md) ![x](sub/x.svg)\n"})
    assert [str(w) for w in prepare(folder).report.warnings] == [
        "content/2025/11/2025-11-24.md:1: warning: links to ../../2024/12/2024-12-26.md, which is not in "
        "content/2024/12/; the page shows its words instead",
        "content/2025/11/2025-11-24.md:1: warning: shows the image sub/x.svg, which is not in content/2025/11/sub/; "
        "the page shows its words instead",
    ]


def test_strict_makes_a_missing_image_an_error(journal):
    folder = journal({"content/2026-11-20.md": "![p](pic.png)\n"})
    assert errors_of_strict(folder) == [
        "content/2026-11-20.md:1: warning: shows the image pic.png, which is not in content/; "
        "the page shows its words instead"
    ]


def errors_of_strict(folder) -> list[str]:
    with pytest.raises(BuildFailed) as caught:
        prepare(folder, strict=True)
    return [str(e) for e in caught.value.errors]


def test_a_missing_file_behind_a_plain_link_is_a_warning_and_its_words_stay(journal):
    prepared = prepare(journal({"content/2026-11-23.md": "Read [my notes](notes.pdf) later.\n"}))
    assert body_of(prepared.files["2026/11/23/index.html"]) == "<p>Read my notes later.</p>"
    assert [str(w) for w in prepared.report.warnings] == [
        "content/2026-11-23.md:1: warning: links to notes.pdf, which is not in content/; the page shows its words instead"
    ]


def test_hidden_files_are_not_published(journal):
    folder = journal(
        {
            "content/2026-11-23.md": "[a](.secret.pdf) [b](_private/p.pdf) [c](notes.pdf)\n",
            "content/.secret.pdf": b"s",
            "content/_private/p.pdf": b"p",
            "content/notes.pdf": b"n",
        }
    )
    prepared = prepare(folder)
    files, _ = prepared.files, prepared.cache
    assert sorted(name for name in files if name.startswith("files/")) == ["files/notes.pdf"]


def test_a_remote_image_or_script_is_a_warning_and_the_page_says_what_was_there(journal):
    folder = journal(
        {
            "content/2026-11-23.md": (
                "---\ntitle: x\n---\n![my mood chart](https://charts.example.org/mood.png)\n\n"
                '<img src="//cdn.example.net/pixel.gif">\n\n'
                '<script src="https://cdn.example.net/widget.js"></script>\n'
            ),
        }
    )
    prepared = prepare(folder)
    assert [str(w) for w in prepared.report.warnings] == [
        "content/2026-11-23.md:4: warning: shows an image from charts.example.org, which the site does not load "
        "(it makes no requests to other sites); the page shows its alt text or a note instead",
        "content/2026-11-23.md:6: warning: shows an image from cdn.example.net, which the site does not load "
        "(it makes no requests to other sites); the page shows its alt text or a note instead",
        "content/2026-11-23.md:8: warning: has a <script>, which Cairn leaves out of the page "
        "(entries run nothing and load nothing from elsewhere)",
    ]
    assert body_of(prepared.files["2026/11/23/index.html"]) == (
        '<p><span class="missing">my mood chart</span></p>\n'
        '<p><span class="missing">(an image from another site, not loaded: the journal makes no requests)</span></p>\n'
    )


def test_a_file_leads_outside_only_through_a_link_that_leaves_content(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "photos").mkdir(parents=True)
    (elsewhere / "photos" / "x.jpg").write_bytes(b"x")
    journal = tmp_path / "journal"
    (journal / "content" / "2026").mkdir(parents=True)
    (journal / "content" / "2026" / "a.jpg").write_bytes(b"a")
    (journal / "notes.txt").write_text("private")
    (journal / "content" / "2026" / "out.jpg").symlink_to(elsewhere / "photos" / "x.jpg")
    (journal / "content" / "far").symlink_to(elsewhere / "photos", target_is_directory=True)
    (journal / "content" / "near").symlink_to(journal / "content" / "2026", target_is_directory=True)
    (journal / "content" / "loop").symlink_to(journal / "content" / "loop")
    answers = {
        name: leads_outside(journal, name)
        for name in [
            "content/2026/a.jpg",
            "content/2026/missing.jpg",
            "content/near/a.jpg",
            "content/2026/out.jpg",
            "content/far/x.jpg",
            "content/loop/x.jpg",
            "content/../notes.txt",
            "notes.txt",
        ]
    }
    assert answers == {
        "content/2026/a.jpg": False,
        "content/2026/missing.jpg": False,
        "content/near/a.jpg": False,
        "content/2026/out.jpg": True,
        "content/far/x.jpg": True,
        "content/loop/x.jpg": True,
        "content/../notes.txt": True,
        "notes.txt": True,
    }
    moved = tmp_path / "moved"
    (journal / "content").rename(moved)
    (journal / "content").symlink_to(moved, target_is_directory=True)  # content/ itself elsewhere, as corpora are
    assert not leads_outside(journal, "content/2026/a.jpg")
    assert leads_outside(journal, "content/far/x.jpg")
