"""What Obsidian writes in the text: Dataview fields, #tags, wiki links; and dates in file names."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.body.wikitext import mark_wiki_links
from generator.filenames import date_in_name
from generator.inline import InlineField, inline_fields, text_tags


def test_inline_fields_on_their_own_line_and_inside_a_line_but_never_in_code():
    body = (
        "mood:: 4\n"
        "- Energy:: 3\n"
        "Slept [sleep:: 7.5] and felt (calm:: yes) after.\n"
        "```\n"
        "hidden:: 1\n"
        "```\n"
        "`code:: 2` stays code\n"
        "when:: 2026-11-23\n"
        "note:: 48/29\n"
        "empty::\n"
    )
    assert inline_fields(body) == [
        InlineField("mood", 4, 0),
        InlineField("Energy", 3, 1),
        InlineField("sleep", 7.5, 2),
        InlineField("calm", "yes", 2),
        InlineField("when", dt.date(2026, 11, 23), 7),
        InlineField("note", "48/29", 8),
        InlineField("empty", None, 9),
    ]


def test_text_tags_need_a_letter_and_a_space_before_them():
    body = "#walk and #Walk, #weight:70kg #finance/bank1:-3 #2026 a#b [x](#anchor)\n# Heading\n`#code`\n"
    assert text_tags(body) == ["walk", "weight", "finance/bank1"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[[Note]]", "[Note](cairn-wiki:Note)"),
        ("[[Cafe notes|my notes]]", "[my notes](cairn-wiki:Cafe%20notes)"),
        ("[[2026-11-23#Evening]]", "[2026-11-23#Evening](cairn-wiki:2026-11-23%23Evening)"),
        ("![[photo.jpg]]", "![photo.jpg](cairn-wiki:photo.jpg)"),
        ("![[trips/photo.jpg|300]]", "![photo.jpg](cairn-wiki:trips/photo.jpg)"),
        ("[[a_b]]", "[a\\_b](cairn-wiki:a_b)"),
        ("#weight:70kg", "\\#weight:70kg"),
        ("# Heading", "# Heading"),
        ("## Heading", "## Heading"),
        ("`[[code]]`", "`[[code]]`"),
        ("```\n#include\n[[x]]\n```", "```\n#include\n[[x]]\n```"),
    ],
)
def test_wiki_links_become_markdown_links_before_markdown(text, expected):
    assert mark_wiki_links(text) == expected


@pytest.mark.parametrize(
    "stem, date, rest, unsure",
    [
        ("2026-11-23", dt.date(2026, 11, 23), "", ""),
        ("2026-11-23-evening", dt.date(2026, 11, 23), "evening", ""),
        ("2024-12-5", dt.date(2024, 12, 5), "", ""),
        ("Jeffrey-20210101-Diary", dt.date(2021, 1, 1), "Jeffrey-20210101-Diary", ""),
        ("20210103-D", dt.date(2021, 1, 3), "20210103-D", ""),
        ("05-01-2021", None, "05-01-2021", "05-01-2021"),
        ("01.01.2021", None, "01.01.2021", "01.01.2021"),
        ("20211301", None, "20211301", ""),
        ("notes", None, "notes", ""),
    ],
)
def test_the_date_a_file_name_gives(stem, date, rest, unsure):
    named = date_in_name(stem)
    assert (named.date, named.rest, named.unsure) == (date, rest, unsure)
