"""Jinja: the journal's own templates first, the built-in theme after."""

from __future__ import annotations

import posixpath
import sys
from collections.abc import Callable
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.contexts import PageGlobals
from generator.dates import long_date, month_name, short_date
from generator.errors import ContentError
from generator.excerpt import first_words
from generator.fingerprints import Fingerprints, Printed
from generator.model import Config, Entry, Page
from generator.slugs import tag_slug
from generator.summaries import Summaries, summary_global
from generator.urls import ASSET_MARK, PAGE_MARK, relative_url, root_prefix
from generator.workers import Tell, spread_shared

PACKAGE_THEME = Path(__file__).parent / "theme"
SOURCE_THEME = Path(__file__).parent.parent / "templates"


def builtin_theme() -> Path:
    """Installed, the theme is inside the package; in a checkout it is templates/."""
    return PACKAGE_THEME if PACKAGE_THEME.is_dir() else SOURCE_THEME


class Theme(jinja2.Environment):
    """Jinja with the summaries of entries it has drawn (summaries.py)."""

    summaries: Summaries


def make_environment(
    journal: Path, config: Config, *, compiled: Path | None = None, summaries: Summaries | None = None
) -> Theme:
    """With `compiled`, templates compiled once are kept there for the next build;
    `summaries` are the ones the last build drew."""
    loaders: list[jinja2.BaseLoader] = []
    own = journal / "templates"
    if own.is_dir() and own.resolve() != builtin_theme().resolve():
        loaders.append(jinja2.FileSystemLoader(own))
    theme = jinja2.FileSystemLoader(builtin_theme())
    # "builtin/base.html" lets a journal's template extend the one it replaces.
    loaders += [theme, jinja2.PrefixLoader({"builtin": theme})]
    env = Theme(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one build reads each template once; checking it again costs per include
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(compiled)) if compiled is not None else None,
    )
    env.globals["config"] = config
    env.globals["tag_slug"] = tag_slug
    env.filters["first_words"] = first_words
    env.filters["longdate"] = long_date
    env.filters["monthname"] = month_name
    env.filters["shortdate"] = short_date
    env.filters["number"] = lambda value: f"{value:.1f}".removesuffix(".0")
    labels = {habit.name: habit.label for habit in config.habits}
    env.filters["habit_label"] = lambda name: labels.get(name, name)
    env.summaries = summaries if summaries is not None else Summaries()
    env.globals["entry_summary"] = summary_global(env, env.summaries, builtin_theme())
    return env


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, target: str) -> str:
    return relative_url(target, context["page_url"])


@jinja2.pass_context
def _body(context: jinja2.runtime.Context, entry: Entry) -> Markup:
    """An entry's HTML with links to files beside it resolved for this page."""
    folder = posixpath.dirname(entry.source.removeprefix("content/"))
    root = root_prefix(context["page_url"])
    html = entry.html.replace(ASSET_MARK, root + "files/" + (folder + "/" if folder else ""))
    return Markup(html.replace(PAGE_MARK, root))


def render_page(env: jinja2.Environment, page: Page) -> bytes:
    template = env.get_template(page.template)
    given = PageGlobals(page_url=page.url, url=_url, body=_body)
    html = template.render(page.context, **given)
    return html.encode("utf-8")


def render_pages(
    env: Theme,
    pages: list[Page],
    journal: Path,
    keep: Callable[[Page], bool] | None = None,
    tell: Tell | None = None,
    printer: Fingerprints | None = None,
) -> tuple[dict[str, bytes | None], list[ContentError], Printed]:
    """Every page's bytes; None for a page `keep` says is already in place unchanged.
    Drawn over every core (forked workers see the pages and the environment, and hand
    back the entry summaries they drew). With a `printer`, each page drawn is
    fingerprinted where it is drawn, in the same pass: a first build has nothing to
    compare its pages with, so it need not know their fingerprints before drawing them."""
    todo = [i for i, page in enumerate(pages) if keep is None or not keep(page)]
    drawn = spread_shared(_draw, (env, pages, journal, printer), todo, chunk=16, tell=tell, what="draw")
    results = dict(zip(todo, drawn, strict=True))
    outputs: dict[str, bytes | None] = {}
    printed: Printed = {}
    errors: dict[tuple[str, int, str], ContentError] = {}
    for i, page in enumerate(pages):
        data, error, summaries, fingerprint = results.get(i, (None, None, {}, None))
        env.summaries.add(summaries)
        if fingerprint is not None:
            printed[page.output] = fingerprint
        if error is not None:
            # One broken template breaks every page that uses it: say it once, naming the first page.
            errors.setdefault((error.path, error.line, error.message.split(" (while drawing")[0]), error)
        elif data is not None or i not in results:
            outputs[page.output] = data
    return outputs, sorted(errors.values()), printed


def _draw(
    drawing: tuple[Theme, list[Page], Path, Fingerprints | None], index: int
) -> tuple[bytes | None, ContentError | None, dict[str, str], tuple[str, frozenset[str]] | None]:
    env, pages, journal, printer = drawing
    page, data, problem = pages[index], None, None
    fingerprint = (printer.of(page), frozenset(printer.shown)) if printer is not None else None
    try:
        data = render_page(env, page)
    except jinja2.TemplateSyntaxError as error:
        path = _template_name(error.filename or error.name, journal)
        problem = ContentError(path, error.lineno, error.message or "")
    except jinja2.TemplateNotFound as error:
        path, line = _template_frame(error, journal)
        message = f"the template {error.name} was not found in templates/ or the built-in theme"
        problem = ContentError(path, line, message)
    except (jinja2.TemplateError, TypeError, AttributeError, ValueError, KeyError, IndexError) as error:
        path, line = _template_frame(error, journal)
        problem = ContentError(path, line, f"{error} (while drawing /{page.output})")
    return data, problem, env.summaries.take_fresh(), fingerprint


def _template_name(filename: str | None, journal: Path) -> str:
    if not filename:
        return "templates"
    path = Path(filename).resolve()
    if path.is_relative_to(journal.resolve()):
        return path.relative_to(journal.resolve()).as_posix()
    return f"{path.name} (built-in theme)"


def _template_frame(error: BaseException, journal: Path) -> tuple[str, int]:
    """The template file and line where a rendering error happened."""
    found = ("templates", 0)
    trace = error.__traceback__ or sys.exc_info()[2]
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt")):
            found = (_template_name(filename, journal), trace.tb_lineno)
        trace = trace.tb_next
    return found
