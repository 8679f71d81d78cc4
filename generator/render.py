"""Jinja: the journal's own templates first, the built-in theme after."""

from __future__ import annotations

import posixpath
import sys
from collections.abc import Callable
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.body.markup import ASSET_MARK, PAGE_MARK
from generator.dates import long_date, month_name, short_date
from generator.errors import ContentError
from generator.model import Config, Page
from generator.slugs import tag_slug

PACKAGE_THEME = Path(__file__).parent / "theme"
SOURCE_THEME = Path(__file__).parent.parent / "templates"


def builtin_theme() -> Path:
    """Installed, the theme is inside the package; in a checkout it is templates/."""
    return PACKAGE_THEME if PACKAGE_THEME.is_dir() else SOURCE_THEME


def relative_url(target: str, from_url: str) -> str:
    """Link from the page at `from_url` to `target`, both relative to the site root.

    Relative links keep the site working under any sub-path of a host.
    """
    base = posixpath.dirname(from_url) if not from_url.endswith("/") else from_url.rstrip("/")
    depth = len([p for p in base.split("/") if p])
    link = "../" * depth + target
    return link or "./"


def make_environment(journal: Path, config: Config) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    own = journal / "templates"
    if own.is_dir() and own.resolve() != builtin_theme().resolve():
        loaders.append(jinja2.FileSystemLoader(own))
    theme = jinja2.FileSystemLoader(builtin_theme())
    # "builtin/base.html" lets a journal's template extend the one it replaces.
    loaders += [theme, jinja2.PrefixLoader({"builtin": theme})]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one build reads each template once; checking it again costs per include
    )
    env.globals["config"] = config
    env.globals["tag_slug"] = tag_slug
    env.filters["longdate"] = long_date
    env.filters["monthname"] = month_name
    env.filters["shortdate"] = short_date
    labels = {habit.name: habit.label for habit in config.habits}
    env.filters["habit_label"] = lambda name: labels.get(name, name)
    return env


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, target: str) -> str:
    return relative_url(target, context["page_url"])


@jinja2.pass_context
def _body(context: jinja2.runtime.Context, entry) -> Markup:
    """An entry's HTML with links to files beside it resolved for this page."""
    folder = posixpath.dirname(entry.source.removeprefix("content/"))
    prefix = relative_url("files/" + (folder + "/" if folder else ""), context["page_url"])
    html = entry.html.replace(ASSET_MARK, prefix)
    root = relative_url("", context["page_url"])
    return Markup(html.replace(PAGE_MARK, "" if root == "./" else root))


def render_page(env: jinja2.Environment, page: Page) -> bytes:
    template = env.get_template(page.template)
    html = template.render(page.context, page_url=page.url, url=_url, body=_body)
    return html.encode("utf-8")


def render_pages(
    env: jinja2.Environment, pages: list[Page], journal: Path, keep: Callable[[Page], bool] | None = None
) -> tuple[dict[str, bytes | None], list[ContentError]]:
    """Every page's bytes; None for a page `keep` says is already in place unchanged."""
    outputs: dict[str, bytes | None] = {}
    errors: dict[tuple[str, int, str], ContentError] = {}
    for page in pages:
        if keep is not None and keep(page):
            outputs[page.output] = None
            continue
        try:
            outputs[page.output] = render_page(env, page)
        except jinja2.TemplateSyntaxError as error:
            path = _template_name(error.filename or error.name, journal)
            errors.setdefault(
                (path, error.lineno, error.message or ""), ContentError(path, error.lineno, error.message or "")
            )
        except jinja2.TemplateNotFound as error:
            path, line = _template_frame(error, journal)
            message = f"the template {error.name} was not found in templates/ or the built-in theme"
            errors.setdefault((path, line, message), ContentError(path, line, message))
        except (jinja2.TemplateError, TypeError, AttributeError, ValueError, KeyError, IndexError) as error:
            path, line = _template_frame(error, journal)
            # One broken template breaks every page that uses it: say it once, naming the first page.
            errors.setdefault(
                (path, line, str(error)), ContentError(path, line, f"{error} (while drawing /{page.output})")
            )
    return outputs, sorted(errors.values())


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
