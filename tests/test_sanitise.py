"""Raw HTML in entries: what a journal uses stays, what could act on the reader goes."""

from __future__ import annotations

from generator.body.markup import to_html
from generator.build import build

HOSTILE = """---
title: Odd things pasted in
---
Before.

<meta http-equiv="refresh" content="0; url=https://elsewhere.example/">
<script src="file:///home/me/steal.js"></script>
<script>document.title = 'taken'</script>
<iframe src="https://elsewhere.example/frame">framed</iframe>
<img src="https://elsewhere.example/pixel.gif" onerror="alert('hi')" alt="a pixel">
<a href="javascript:alert('hi')">a trap</a> and <a href="JaVaScRiPt:alert(1)">another</a>
<base href="https://elsewhere.example/">
<object data="https://elsewhere.example/x.swf">object text</object>
<form action="https://elsewhere.example/post"><input name="q"></form>
<p onmouseover="alert(1)" style="background: url(https://elsewhere.example/bg.png)">Hover text.</p>

After.
"""


def _page(journal, text: str) -> str:
    folder = journal({"content/2026/11/2026-11-23.md": text})
    build(folder, folder / "site")
    return (folder / "site" / "2026" / "11" / "23" / "index.html").read_text(encoding="utf-8")


def _article(page: str) -> str:
    return page[page.index("<p>Before.</p>") : page.index("<p>After.</p>")]


def test_the_vectors_never_reach_the_page(journal):
    body = _article(_page(journal, HOSTILE))
    for vector in (
        "<meta",
        "refresh",
        "<script",
        "steal.js",
        "taken",
        "<iframe",
        "onerror",
        "onmouseover",
        "javascript:",
        "JaVaScRiPt",
        "<base",
        "<object",
        "<form",
        "<input",
        "style=",
        "elsewhere.example/frame",
        "elsewhere.example/post",
    ):
        assert vector not in body, vector
    assert "Hover text." in body and "a trap" in body and "framed" in body


def test_what_journals_use_is_kept():
    text = (
        '<details markdown="1"><summary>The hard part</summary>\n\nIt passed.\n\n</details>\n\n'
        "| day | walks |\n| --- | --- |\n| Mon | 1 |\n\n"
        '<mark>noticed</mark> <kbd>Ctrl</kbd> H<sub>2</sub>O <abbr title="cognitive behavioural therapy">CBT</abbr>\n\n'
        '[my notes](https://example.org/notes "notes") ![the park](park.jpg)\n\n'
        "Said it.[^1]\n\n[^1]: Out loud.\n"
    )
    assert to_html(text) == (
        "<details>\n<summary>The hard part</summary>\n<p>It passed.</p>\n</details>\n"
        "<table>\n<thead>\n<tr>\n<th>day</th>\n<th>walks</th>\n</tr>\n</thead>\n"
        "<tbody>\n<tr>\n<td>Mon</td>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n"
        '<p><mark>noticed</mark> <kbd>Ctrl</kbd> H<sub>2</sub>O <abbr title="cognitive behavioural therapy">CBT</abbr></p>\n'
        '<p><a href="https://example.org/notes" title="notes">my notes</a> '
        '<img alt="the park" src="cairn-asset:park.jpg"></p>\n'
        '<p>Said it.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>\n'
        '<div class="footnote">\n<hr>\n<ol>\n<li id="fn:1">\n'
        '<p>Out loud.&nbsp;<a class="footnote-backref" href="#fnref:1" title="Jump back to footnote 1 in the text">↩</a></p>\n'
        "</li>\n</ol>\n</div>"
    )


def test_a_relative_link_in_raw_html_is_treated_like_one_in_markdown():
    assert to_html('<a href="notes/plan.pdf">plan</a> <img src="park.jpg" alt="park">') == (
        '<p><a href="cairn-asset:notes/plan.pdf">plan</a> <img src="cairn-asset:park.jpg" alt="park"></p>'
    )


def test_the_readme_names_every_element_the_safelist_keeps():
    import re
    from pathlib import Path

    from generator.body.sanitise import TAGS

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    said = readme[readme.index("HTML written inside an entry is cleaned") : readme.index("What goes:")]
    named = set(re.findall(r"`([a-z0-9]+)`", said)) | {"h2", "h3", "h4", "h5"}  # "`h1` to `h6`"
    assert sorted(TAGS - named) == []
    assert sorted(named - TAGS - {"id", "class", "title", "lang", "dir"}) == []
