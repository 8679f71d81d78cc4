"""The pipeline. Only this module knows the order of the stages:

    settings  journal.yaml                          config.load_config
    load      content/ -> entries                   content.load_entries
    index     entries get their URLs                index.assign_urls
    body      each entry's final HTML and photos    body.give_bodies
    journal   sorted, by tag, year, month           index.build_journal
    plan      journal -> pages                      routes.plan (asks progress/ for its pages)
    render    pages -> bytes                        render.render_pages
    seal      (encrypted builds) bytes -> sealed    crypt.encrypt_site
    write     bytes -> site/                        write.write_site

Every content error is gathered before anything is written; if there is any, the
build stops with BuildFailed and the old site stays as it was. `check` is the same
pipeline without the write. Each stage is timed into the report.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.body import Bodies, give_bodies, render_plan
from generator.cache import CACHE_DIR, HTML, HtmlCache, compiled_templates
from generator.config import load_config
from generator.content import content_names, load_entries
from generator.errors import BuildFailed, ContentError, sort_out
from generator.index import assign_urls, build_journal
from generator.kept_pages import Prints, add_prints, page_prints, save_prints
from generator.model import Config, Entry, Journal, Page
from generator.palette import mood_css
from generator.render import builtin_theme, make_environment, render_pages
from generator.routes import plan
from generator.search import SEARCH_RECORDS, KeptRecords, search_index
from generator.shown import journal_print, own_templates
from generator.summaries import SUMMARIES, Summaries
from generator.unchanged import input_digest, save_manifest, theme_digest, unchanged_since_last_build, warnings_of
from generator.workers import Tell
from generator.write import MARKER, WriteReport, check_output_folder, write_site

if TYPE_CHECKING:  # a share brings its edition; a plain build never loads share/
    from generator.share import Edition, Selection

ROBOTS = b"User-agent: *\nDisallow: /\n"


@dataclass(frozen=True)
class Report:
    entries: int
    pages: int
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    seconds: float = 0.0
    warnings: list[ContentError] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # stage -> seconds, in pipeline order
    kept: tuple[str, ...] = ()  # top-level names in the output folder that Cairn did not write


@dataclass(frozen=True)
class Prepared:
    """A built site in memory: what `write` needs, and what the caches keep."""

    files: dict[str, bytes | None]  # output path -> bytes, or None for a page known unchanged
    report: Report
    cache: HtmlCache  # saved only once the site is written
    prints: Prints  # each page's fingerprint, for the next build


class Clock:
    """How long each stage took, summed over its calls, in the order they first ran."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started


@dataclass(frozen=True)
class Planned:
    """The journal up to its pages: what `render` needs, and what a share's --dry-run shows."""

    config: Config
    entries: list[Entry]
    journal: Journal
    pages: list[Page]
    bodies: Bodies
    asset_names: set[str]
    warnings: list[ContentError]
    selection: Selection | None  # what a share takes and leaves
    plan_html: str | None  # plan.md as HTML


def plan_site(
    journal: Path,
    clock: Clock,
    *,
    drafts: bool = False,
    strict: bool = False,
    save_caches: bool = False,
    tell: Tell | None = None,
    share: Edition | None = None,
) -> tuple[Planned, HtmlCache]:
    """settings, load, index, body, journal and plan; BuildFailed with every error."""
    with clock.stage("settings"):
        config = load_config(journal)
        if share is not None:
            config = share.config
    with clock.stage("load"):
        entry_names, asset_list = content_names(journal, config.exclude)
        loaded = load_entries(journal, config, tell, remember=save_caches and share is None, names=entry_names)
    problems = list(loaded.errors) + list(loaded.warnings)
    entries = [e for e in loaded.entries if drafts or not e.draft]
    selection = None
    if share is not None:
        selection = share.select(entries)
        entries = list(selection.kept)
    with clock.stage("index"):
        entries = assign_urls(entries)
    html_cache = HtmlCache(journal / CACHE_DIR / HTML)
    asset_names = set(asset_list)
    with clock.stage("body"):
        bodies = give_bodies(
            journal,
            entries,
            asset_names,
            html_cache,
            journal / CACHE_DIR / "photos",
            save_cache=save_caches,
            whole_journal=share is None,
        )
        plan_html, plan_errors = render_plan(journal)
    problems += bodies.errors + plan_errors
    with clock.stage("journal"):
        journal_index = build_journal(bodies.entries)
    with clock.stage("plan"):
        pages, collisions = plan(journal_index, config, bodies.photos, plan_html)
        if share is not None and selection is not None:
            pages = share.keep_pages(pages, selection)
    errors, warnings = sort_out(problems + collisions, strict)
    if errors:
        raise BuildFailed(errors, warnings)
    planned = Planned(config, entries, journal_index, pages, bodies, asset_names, warnings, selection, plan_html)
    return planned, html_cache


def prepare(
    journal: Path,
    *,
    drafts: bool = False,
    strict: bool = False,
    passphrase: str | None = None,
    new_key: bool = False,
    save_caches: bool = False,
    out: Path | None = None,
    tell: Tell | None = None,
    share: Edition | None = None,
) -> Prepared:
    """Everything but the write: the site's files in memory, or BuildFailed. With a passphrase
    the files are the sealed site, already checked for leaks. Caches are only written with
    save_caches (a build); the HTML cache is returned unsaved, to be saved once the site is
    written. Given the output folder, a page whose fingerprint is the last build's is None.
    A share edition (always sealed) holds only what the share chooses.
    `tell(what, done, of)` hears how far reading entries and drawing pages are."""
    started = time.perf_counter()
    clock = Clock()
    planned, html_cache = plan_site(
        journal, clock, drafts=drafts, strict=strict, save_caches=save_caches, tell=tell, share=share
    )
    config, pages, bodies, journal_index = planned.config, planned.pages, planned.bodies, planned.journal
    warnings = planned.warnings
    with clock.stage("render"):
        drawn_by = theme_digest(journal, builtin_theme()) + repr(config)
        planned_from = journal_print(journal_index.entries, bodies.photos, planned.plan_html)
        prints, unchanged, printer = page_prints(
            journal,
            drawn_by,
            pages=pages,
            planned_from=planned_from,
            out=out,
            sealed=passphrase is not None,
            own=own_templates(journal, builtin_theme()),
        )
        keep = save_caches and share is None
        kept_summaries = HtmlCache(journal / CACHE_DIR / SUMMARIES) if keep else None
        summaries = Summaries(kept_summaries, drawn_by, planned_from.known)
        compiled = compiled_templates(journal) if save_caches else None
        env = make_environment(journal, config, compiled=compiled, summaries=summaries)
        rendered, template_errors, printed = render_pages(env, pages, journal, unchanged, tell, printer)
        if template_errors:
            raise BuildFailed(template_errors, warnings)
        add_prints(prints, printed)
        files: dict[str, bytes | None] = dict(rendered)
        files.update(static_files(journal, config))
        files.update(bodies.files)
        records = KeptRecords(journal / CACHE_DIR / SEARCH_RECORDS)
        files["static/search-index.js"] = search_index(journal_index.entries, config, records, planned_from.known)
        if keep:
            records.save()
            for before in ("text.json", "search-records"):  # the search's words as kept by earlier versions
                (journal / CACHE_DIR / before).unlink(missing_ok=True)
            assert kept_summaries is not None
            kept_summaries.save()
    salt_file, check_opened = None, None
    if share is not None and planned.selection is not None:
        files = dict(share.finish(_whole(files)))
        left_out = share.left_out_problems(_whole(files), planned.selection, journal)
        if left_out:
            raise BuildFailed(left_out, warnings)
        salt_file = share.salt_file
        check_opened = functools.partial(share.left_out_problems, selection=planned.selection, journal=journal)
    if passphrase is not None:
        from generator.crypt import SALT_FILE, encrypt_site  # only a sealed build needs cryptography

        with clock.stage("seal"):
            files = dict(
                encrypt_site(
                    journal,
                    _whole(files),
                    journal_index.entries,
                    passphrase,
                    config,
                    salt_file=salt_file or SALT_FILE,
                    new_key=new_key,
                    check_opened=check_opened,
                )
            )
    report = Report(
        entries=len(planned.entries),
        pages=len(pages),
        seconds=time.perf_counter() - started,
        warnings=warnings,
        timings=clock.timings,
    )
    return Prepared(files, report, html_cache, prints)


def _whole(files: dict[str, bytes | None]) -> dict[str, bytes]:
    """A sealed build draws every page, so no file is None."""
    return {name: data for name, data in files.items() if data is not None}


def check(journal: Path, *, drafts: bool = False, strict: bool = False) -> Report:
    return prepare(journal, drafts=drafts, strict=strict).report


def build(
    journal: Path,
    out: Path,
    *,
    drafts: bool = False,
    strict: bool = False,
    passphrase: str | None = None,
    new_key: bool = False,
    replace: bool = False,
    tell: Tell | None = None,
) -> Report:
    """`replace` lets a plain build replace an encrypted site, or the reverse."""
    started = time.perf_counter()
    check_output_folder(out, journal, sealed=passphrase is not None, replace=replace)
    # Encrypted builds always run: the passphrase is an input we must not record.
    digest = None if passphrase is not None else input_digest(journal, builtin_theme(), f"{drafts},{strict}")
    last = unchanged_since_last_build(journal, out, digest) if digest else None
    if last is not None:
        seconds = time.perf_counter() - started
        unchanged = sum(1 for name in last.files if name != MARKER)  # what Cairn wrote, as the check saw it
        return Report(last.entries, last.pages, 0, unchanged, 0, seconds, warnings_of(last))
    prepared = prepare(
        journal,
        drafts=drafts,
        strict=strict,
        passphrase=passphrase,
        new_key=new_key,
        save_caches=True,
        out=out,
        tell=tell,
    )
    report = prepared.report
    write_started = time.perf_counter()
    written = write_site(out, prepared.files, sealed=passphrase is not None, tell=tell)
    prepared.cache.save()
    kept = frozenset(name for name, data in prepared.files.items() if data is None)
    pages = save_prints(journal, out, prepared.prints if passphrase is None else None, kept)
    if digest:
        save_manifest(journal, out, digest, report.entries, report.pages, report.warnings, pages)
    return after_write(report, written, started, {**report.timings, "write": time.perf_counter() - write_started})


def static_files(journal: Path, config: Config) -> dict[str, bytes]:
    """The files every site has besides its pages: robots.txt, the mood colours and the built-in
    theme's static/, overridden file by file by the journal's own. `serve` shows the same."""
    files = {"robots.txt": ROBOTS, "static/moods.css": mood_css(config.mood).encode()}
    for root in (builtin_theme() / "static", journal / "templates" / "static"):
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.name.startswith((".", "__")) and path.suffix != ".py":
                    files["static/" + path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def after_write(report: Report, written: WriteReport, started: float, timings: dict[str, float]) -> Report:
    """The report of a prepared site once it is written."""
    return Report(
        entries=report.entries,
        pages=report.pages,
        written=written.written,
        unchanged=written.unchanged,
        removed=written.removed,
        seconds=time.perf_counter() - started,
        kept=written.kept,
        warnings=report.warnings,
        timings=timings,
    )
