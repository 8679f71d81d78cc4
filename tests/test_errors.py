"""How one problem reads: `path:line: message`, never longer than a terminal can show."""

from __future__ import annotations

from generator.errors import LONGEST_MESSAGE, ContentError


def test_a_problem_reads_as_path_line_message():
    assert str(ContentError("content/a.md", 3, "mood must be a whole number")) == (
        "content/a.md:3: mood must be a whole number"
    )
    assert str(ContentError("journal.yaml", 0, "x", warning=True)) == "journal.yaml: warning: x"


def test_a_huge_quoted_value_is_cut_short():
    text = str(ContentError("content/a.md", 2, "title must be text (got '" + "x" * 1_000_000 + "')"))
    assert len(text) == len("content/a.md:2: ") + LONGEST_MESSAGE + 1
    assert text.endswith("xxx…")
