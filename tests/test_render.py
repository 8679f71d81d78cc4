"""render: the theme, a journal's own templates, escaping, relative links, private pages."""

from __future__ import annotations

import html
import re

import pytest

from generator.build import prepare
from generator.errors import BuildFailed
from generator.render import relative_url
from tests.conftest import run_cairn

ROBOTS_META = '<meta name="robots" content="noindex, nofollow">'
CSP_META = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\';'


@pytest.mark.parametrize(
    "target, page, link",
    [
        ("", "", "index.html"),
        ("tags/", "", "tags/index.html"),
        ("", "2026/11/23/index.html", "../../../index.html"),
        ("tags/walk/", "2026/11/23/index.html", "../../../tags/walk/index.html"),
        ("2026/11/23/index.html", "tags/walk/", "../../2026/11/23/index.html"),
        ("static/style.css", "2026/11/23/evening/", "../../../../static/style.css"),
        ("timeline/", "404.html", "timeline/index.html"),
        ("2026/", "2026/11/", "../../2026/index.html"),
        ("progress/#trend", "2026/", "../progress/index.html#trend"),
    ],
)
def test_relative_url(target, page, link):
    assert relative_url(target, page) == link


def hrefs(page: bytes) -> list[str]:
    return re.findall(r'href="([^"]*)"', page.decode())


def test_links_between_pages_are_relative_and_land_on_pages_that_exist(journal):
    import posixpath

    folder = journal(
        {
            "content/2026/11/2026-11-22.md": "---\ntitle: Before\ntags: [walk]\n---\n",
            "content/2026/11/2026-11-23.md": "---\ntitle: A quieter morning\ntags: [walk, therapy]\n---\nText.\n",
        }
    )
    prepared = prepare(folder)
    files, _ = prepared.files, prepared.cache
    entry = files["2026/11/23/index.html"].decode()
    assert '<a href="../../../tags/walk/index.html">walk</a>' in entry
    assert '<a href="../../../tags/therapy/index.html">therapy</a>' in entry
    assert '<link rel="stylesheet" href="../../../static/style.css">' in entry
    assert 'href="../../../2026/11/22/index.html" rel="prev"' in entry
    tag = files["tags/walk/index.html"].decode()
    assert '<a class="title" href="../../2026/11/23/index.html">A quieter morning</a>' in tag
    assert '<a class="title" href="../../2026/11/22/index.html">Before</a>' in tag
    assert '<a class="title" href="2026/11/23/index.html">A quieter morning</a>' in files["index.html"].decode()
    # every relative link of every page points at a file of the site
    for name, data in files.items():
        if not name.endswith(".html") or name == "404.html":
            continue
        folder_of_page = posixpath.dirname(name)
        for link in hrefs(data):
            if link.startswith("#") or ":" in link:
                continue
            target = posixpath.normpath(posixpath.join(folder_of_page, link.split("#")[0]))
            target = target + "/index.html" if link.endswith("/") or link in ("./", "") else target
            target = target.removeprefix("./")
            assert target in files or target == "index.html", f"{name} links to missing {link}"


def test_every_page_is_private(journal):
    folder = journal(
        {
            "content/2026-11-23.md": "---\ntags: [walk]\n---\nText.\n",
            "content/2026-11-23-evening.md": "Evening.\n",
            "content/2025-01-01.md": "Long ago.\n",
        }
    )
    prepared = prepare(folder)
    files, _ = prepared.files, prepared.cache
    pages = [name for name in files if name.endswith(".html")]
    assert len(pages) >= 12
    for name in pages:
        text = files[name].decode()
        assert ROBOTS_META in text, name
        assert CSP_META in text, name
        assert '<script src="http' not in text and "https://" not in text.split("</head>")[0], name
    assert files["robots.txt"] == b"User-agent: *\nDisallow: /\n"


def test_script_in_a_title_and_a_tag_is_shown_as_text(journal):
    folder = journal(
        {
            "content/2026-11-23.md": (
                '---\ntitle: "<script>alert(1)</script>"\ntags: ["<script>", "../../x", "a/b"]\n'
                "wins: [<b>bold</b>]\n---\n"
            )
        }
    )
    prepared = prepare(folder)
    files, _ = prepared.files, prepared.cache
    entry = files["2026/11/23/index.html"].decode()
    assert "<script>" not in entry
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in entry
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; · My journal</title>" in entry
    assert '<a href="../../../tags/script/index.html">&lt;script&gt;</a>' in entry
    assert '<a href="../../../tags/x/index.html">../../x</a>' in entry
    assert '<a href="../../../tags/a-b/index.html">a/b</a>' in entry
    assert "&lt;b&gt;bold&lt;/b&gt;" in entry
    assert "<h1>Tagged “&lt;script&gt;”</h1>" in files["tags/script/index.html"].decode()
    # every file stays inside the site, with plain names
    assert all(".." not in name.split("/") and not name.startswith("/") for name in files)
    assert {"tags/script/index.html", "tags/x/index.html", "tags/a-b/index.html"} <= set(files)


def test_a_hostile_tag_cannot_write_outside_the_site(journal):
    folder = journal({"content/2026-11-23.md": '---\ntags: ["../../../../escaped", "..", "/etc/passwd"]\n---\n'})
    result = run_cairn("build", cwd=folder)
    assert result.returncode == 0, result.stderr
    site = folder / "site"
    made = sorted(p.relative_to(folder.parent).as_posix() for p in folder.parent.rglob("*") if p.is_file())
    assert all(name.startswith("journal/") for name in made)
    assert all(p.resolve().is_relative_to(site.resolve()) for p in site.rglob("*"))
    tags = sorted(p.name for p in (site / "tags").iterdir() if p.is_dir())
    assert tags == ["escaped", "etc-passwd", "x9d891e73"]  # ".." has no letters: a short hash


def test_unicode_titles_and_tags_get_ascii_urls(journal):
    folder = journal(
        {
            "content/2026-11-23-morgen.md": "---\ntitle: Über den Fluss\ntags: [Café, naïve, 日記, Ωmega]\n---\n",
            "content/2026-11-23-日記.md": "---\ntitle: 静かな朝\n---\n",
        }
    )
    prepared = prepare(folder)
    files, _ = prepared.files, prepared.cache
    assert all(name.isascii() for name in files)
    assert {"tags/cafe/index.html", "tags/naive/index.html", "tags/mega/index.html"} <= set(files)
    assert "tags/x2a863cf8/index.html" in files  # 日記 has no ASCII form: a stable short hash
    assert "2026/11/23/x2a863cf8/index.html" in files and "2026/11/23/morgen/index.html" in files
    assert "<h1>静かな朝</h1>" in files["2026/11/23/x2a863cf8/index.html"].decode()
    assert '<a href="../../../../tags/x2a863cf8/index.html">日記</a>' in files["2026/11/23/morgen/index.html"].decode()


# --- a journal's own templates -------------------------------------------------------------


def test_a_journal_template_overrides_the_builtin_one_by_name(journal):
    folder = journal(
        {
            "content/2026-11-23.md": "---\ntitle: Mine\n---\n",
            "templates/entry.html": '{% extends "base.html" %}{% block main %}<p class="mine">{{ entry.title }}</p>{% endblock %}',
        }
    )
    prepared = prepare(folder)
    files, _ = prepared.files, prepared.cache
    entry = files["2026/11/23/index.html"].decode()
    assert '<p class="mine">Mine</p>' in entry
    assert ROBOTS_META in entry  # still the built-in base
    assert '<p class="mine">' not in files["index.html"].decode()


def test_a_journal_template_extends_the_builtin_one_and_replaces_a_block(journal):
    folder = journal(
        {
            "content/2026-11-23.md": "---\ntitle: Mine\n---\n",
            "templates/base.html": (
                '{% extends "builtin/base.html" %}\n{% block footer %}Kept by me, {{ config.title }}.{% endblock %}\n'
            ),
            "journal.yaml": "title: Stones\n",
        }
    )
    prepared = prepare(folder)
    files, _ = prepared.files, prepared.cache
    for name in ("index.html", "2026/11/23/index.html", "tags/index.html"):
        page = files[name].decode()
        assert "<p>Kept by me, Stones.</p>" in page, name
        assert "Private: this site asks nothing" not in page
        assert ROBOTS_META in page and CSP_META in page


def test_a_journal_can_add_a_static_file_and_override_the_css(journal):
    folder = journal(
        {
            "content/2026-11-23.md": "x\n",
            "templates/static/style.css": "body { color: teal }\n",
            "templates/static/extra.js": "// mine\n",
        }
    )
    prepared = prepare(folder)
    files, _ = prepared.files, prepared.cache
    assert files["static/style.css"] == b"body { color: teal }\n"
    assert files["static/extra.js"] == b"// mine\n"


def template_errors(folder) -> list[str]:
    with pytest.raises(BuildFailed) as caught:
        prepare(folder)
    return [str(e) for e in caught.value.errors]


def test_a_template_syntax_error_names_the_file_and_line(journal):
    folder = journal(
        {
            "content/2026-11-23.md": "x\n",
            "templates/entry.html": '{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n',
        }
    )
    assert template_errors(folder) == ["templates/entry.html:3: Expected an expression, got 'end of statement block'"]
    result = run_cairn("build", cwd=folder)
    assert result.returncode == 1
    assert result.stderr == (
        "templates/entry.html:3: Expected an expression, got 'end of statement block'\n"
        "Nothing was written: 1 problem to fix first.\n"
    )
    assert not (folder / "site").exists()


def test_an_undefined_variable_names_the_file_and_line(journal):
    folder = journal(
        {
            "content/2026-11-23.md": "x\n",
            "templates/entry.html": '{% extends "base.html" %}\n{% block main %}\n<p>\n{{ entry.mood_word }}\n</p>\n{% endblock %}\n',
        }
    )
    assert template_errors(folder) == [
        "templates/entry.html:4: 'generator.model.Entry object' has no attribute 'mood_word' "
        "(while drawing /2026/11/23/index.html)"
    ]


def test_an_unknown_name_in_a_template(journal):
    folder = journal(
        {
            "content/2026-11-23.md": "x\n",
            "templates/tags.html": '{% extends "base.html" %}\n{% block main %}{{ nothing_here }}{% endblock %}\n',
        }
    )
    result = run_cairn("check", cwd=folder)
    assert (result.returncode, "Traceback" in result.stderr) == (1, False)
    assert (
        result.stderr.splitlines()[0]
        == "templates/tags.html:2: 'nothing_here' is undefined (while drawing /tags/index.html)"
    )


def test_the_builtin_theme_renders_an_empty_journal(journal):
    prepared = prepare(journal({"journal.yaml": "title: Nothing yet\n"}))
    files, report = prepared.files, prepared.report
    assert report.entries == 0
    home = files["index.html"].decode()
    assert "<title>Nothing yet</title>" in home
    assert "No entries yet." in home
    assert "static/style.css" in files


def test_titles_and_dates_on_the_entry_page(journal):
    folder = journal(
        {
            "content/2026-11-23.md": "---\nmood: 4\ndate: 2026-11-23 07:05\n---\n",
            "journal.yaml": "title: Stones\n",
        }
    )
    files = prepare(folder).files
    entry = files["2026/11/23/index.html"].decode()
    assert "<title>Monday 23 November 2026 · Stones</title>" in entry
    # Untitled, the date is the heading, and is not said a second time under it.
    assert '<h1><time datetime="2026-11-23">Monday 23 November 2026</time></h1>' in entry
    assert '<p class="when">At 07:05' in entry
    assert entry.split('id="main"')[1].count("Monday 23 November 2026") == 1
    assert "4 of 5: good" in entry
    assert html.unescape("November 2026") in entry


def test_a_titled_entry_says_its_date_under_the_title(journal):
    folder = journal({"content/2026-11-23.md": "---\ntitle: A quieter morning\ndate: 2026-11-23 07:05\n---\n"})
    entry = prepare(folder).files["2026/11/23/index.html"].decode()
    assert "<h1>A quieter morning</h1>" in entry
    assert '<p class="when"><time datetime="2026-11-23">Monday 23 November 2026</time> at 07:05' in entry


def test_an_untitled_entry_without_a_time_has_no_date_line(journal):
    folder = journal({"content/2026-11-23.md": "---\nmood: 3\n---\n"})
    entry = prepare(folder).files["2026/11/23/index.html"].decode()
    assert '<p class="when">' not in entry.split("<article")[1].split("</header>")[0]


def test_a_broken_template_used_by_many_pages_is_reported_once(journal):
    folder = journal(
        {
            **{f"content/2026-11-{day}.md": "x\n" for day in range(20, 28)},
            "templates/entry.html": '{% extends "base.html" %}\n{% block main %}{{ entry.nope }}{% endblock %}\n',
        }
    )
    assert template_errors(folder) == [
        "templates/entry.html:2: 'generator.model.Entry object' has no attribute 'nope' "
        "(while drawing /2026/11/20/index.html)"
    ]


def test_a_missing_included_template_says_it_was_not_found(journal):
    folder = journal(
        {
            "content/2026-11-23.md": "x\n",
            "templates/entry.html": '{% extends "base.html" %}\n{% block main %}\n{% include "partials/nope.html" %}{% endblock %}\n',
        }
    )
    assert template_errors(folder) == [
        "templates/entry.html:3: the template partials/nope.html was not found in templates/ or the built-in theme"
    ]


def test_an_untitled_entry_named_by_its_time_says_the_time_once(journal):
    folder = journal(
        {
            "content/2026-11-23.md": "---\nmood: 3\n---\n",
            "content/2026-11-23-evening.md": "---\ndate: 2026-11-23 19:30\n---\n",
        }
    )
    entry = prepare(folder).files["2026/11/23/evening/index.html"].decode()
    header = entry.split("<article")[1].split("</header>")[0]
    assert '<h1><time datetime="2026-11-23">Monday 23 November 2026 at 19:30</time></h1>' in header
    assert header.count("19:30") == 1 and "one of 2 entries that day" in header
