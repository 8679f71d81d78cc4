"""The person's plan for hard days: `plan.md` at the journal's root, made into HTML.

It is Markdown like an entry's body and goes through the same converter. Its headings
are moved so its top one sits just under the page's title. Links stay as written.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.body.markup import ASSET_MARK, to_html
from generator.errors import ContentError
from generator.filenames import PLAN_FILE

_HEADING = re.compile(r"<(/?)h([1-6])\b")


def render_plan(journal: Path) -> tuple[str | None, list[ContentError]]:
    """The plan's HTML (None without a plan.md), or an error if it cannot be read as text."""
    path = journal / PLAN_FILE
    if not path.is_file():
        return None, []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as problem:
        line = path.read_bytes()[: problem.start].count(b"\n") + 1
        return None, [ContentError(PLAN_FILE, line, "is not UTF-8 text; save it as UTF-8")]
    html = to_html(text).replace(ASSET_MARK, "")
    levels = [int(level) for closing, level in _HEADING.findall(html) if not closing]
    shift = 2 - min(levels) if levels else 0
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + shift, 6)}", html), []
