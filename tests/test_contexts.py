"""contexts: every page's context holds exactly the keys its template's TypedDict declares,
every page template has one, and docs/themes.md lists each one's keys."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

import generator.contexts
from generator.build import Clock, plan_site
from generator.config import load_config
from generator.contexts import CONTEXTS
from generator.model import Page
from generator.routes import review
from generator.share import edition
from tests.golden import FIXTURE

ROOT = Path(__file__).resolve().parents[1]
THEME = ROOT / "templates"
THEMES_DOC = ROOT / "docs" / "themes.md"

# The fixture has no sessions, plan or shares; with them, every page template is planned.
MORE_SETTINGS = """\
sessions: [2026-04-01, 2026-04-29]
shares:
  helper:
    title: For a helper
    from: 2026-04-01
    show: [mood, wins]
    pages: [review, progress, months, wins]
"""


@pytest.fixture(scope="module")
def journal(tmp_path_factory) -> Path:
    folder = shutil.copytree(FIXTURE, tmp_path_factory.mktemp("contexts") / "journal")
    with (folder / "journal.yaml").open("a", encoding="utf-8") as settings:
        settings.write(MORE_SETTINGS)
    (folder / "plan.md").write_text("# When it's hard\n\nA walk round the block.\n", encoding="utf-8")
    return folder


def key_problems(pages: list[Page]) -> list[str]:
    problems = []
    for page in pages:
        declared = CONTEXTS[page.template]
        keys = set(page.context)
        missing = declared.__required_keys__ - keys
        extra = keys - declared.__required_keys__ - declared.__optional_keys__
        if missing or extra:
            problems.append(
                f"/{page.output} ({page.template}, {declared.__name__}): "
                f"missing {sorted(missing)}, extra {sorted(extra)}"
            )
    return problems


def test_every_page_of_the_site_gets_exactly_the_keys_its_template_declares(journal):
    planned, _ = plan_site(journal, Clock())
    pages = [*planned.pages, review(planned.journal, planned.config, dt.date(2026, 4, 1), dt.date(2026, 4, 30))]
    problems = key_problems(pages)
    assert not problems, "\n".join(problems)
    assert {page.template for page in pages} == set(CONTEXTS), "a template no page of the fixture uses"


def test_every_page_of_a_share_gets_exactly_the_keys_its_template_declares(journal):
    share = edition(load_config(journal), "helper")
    planned, _ = plan_site(journal, Clock(), share=share)
    problems = key_problems(planned.pages)
    assert not problems, "\n".join(problems)
    assert {"reviews.html", "review.html", "progress.html"} <= {page.template for page in planned.pages}


def test_every_page_template_of_the_theme_has_a_typed_context():
    templates = {path.name for path in THEME.glob("*.html")} - {"base.html"}
    assert set(CONTEXTS) == templates


def _sections(text: str) -> dict[str, str]:
    """Each heading of the docs, with the text up to the next heading."""
    parts = re.split(r"^#{2,4} (.+)\n", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_theme_guide_lists_the_keys_of_each_template_as_its_typed_context_declares():
    sections = _sections(THEMES_DOC.read_text(encoding="utf-8"))
    for template, declared in CONTEXTS.items():
        assert template in sections, f"docs/themes.md has no section for {template}"
        text = sections[template]
        assert f"`{declared.__name__}`" in text, f"the section for {template} does not name {declared.__name__}"
        rows = re.findall(r"^\| (`[^|]*`) \|", text, flags=re.M)
        listed = {name for row in rows for name in re.findall(r"`(\w+)`", row)}
        keys = declared.__required_keys__ | declared.__optional_keys__
        assert listed == keys, (
            f"{template}: docs/themes.md lists {sorted(listed - keys)}, which {declared.__name__} does not "
            f"declare, and leaves out {sorted(keys - listed)}"
        )


def test_the_theme_guide_names_every_typed_context():
    text = THEMES_DOC.read_text(encoding="utf-8")
    typed = [
        name
        for name, value in vars(generator.contexts).items()
        if isinstance(value, type) and value.__module__ == generator.contexts.__name__
    ]
    assert typed, "no TypedDict found in generator/contexts.py"
    assert [name for name in typed if f"`{name}`" not in text] == []
