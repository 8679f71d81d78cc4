"""The journal in memory between saves, and pages drawn from it when asked for.

`serve` drives the stages itself, because it keeps what a build throws away:
every entry as read (by path, with the file's size and times), its Markdown, the
planned pages. A save is taken in two steps:

    quick    only entries' own text changed: re-read those files, give them their
             bodies, swap each into its own page and draw it. Milliseconds, at any
             size of journal.
    rebuild  everything that summarises the journal: order, tags, months, progress,
             the search index. Files are re-read only where path or stat changed,
             Markdown re-run only for new text. Pages are planned, not drawn: each
             is drawn on its first request.

A step that finds a problem changes nothing: the last good pages stay served.
Nothing here writes outside `.cairn/` (and there only through the caches).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import cast

from generator.body import give_bodies, markdown_converter, render_plan
from generator.build import static_files
from generator.cache import CACHE_DIR, HTML, HtmlCache, compiled_templates
from generator.config import CONFIG_FILE, load_config
from generator.content import CONTENT_DIR, content_files, read_entries, read_entry
from generator.contexts import EntryContext
from generator.errors import BuildFailed, ContentError, sort_out
from generator.filenames import PLAN_FILE
from generator.index import assign_urls, build_journal
from generator.model import Config, Entry, Later, Page
from generator.progress.charts import keep_drawn_charts
from generator.render import Theme, make_environment, render_pages
from generator.routes import plan
from generator.search import SEARCH_RECORDS, KeptRecords, search_index
from generator.serve.site import EMPTY, Outcome, Site, Stat, Superseded
from generator.workers import Tell


class Preview:
    """The journal as last read, and the site drawn from it."""

    def __init__(self, journal: Path, *, drafts: bool = False) -> None:
        self.journal = journal.resolve()
        self.drafts = drafts
        self.site = EMPTY
        self._stats: dict[str, Stat] = {}
        self._read: dict[str, tuple[Entry | None, list[ContentError]]] = {}
        self._html = HtmlCache(self.journal / CACHE_DIR / HTML)
        self._records = KeptRecords(self.journal / CACHE_DIR / SEARCH_RECORDS)  # each entry's search record
        self._photos = self.journal / CACHE_DIR / "photos"
        self._config: Config | None = None
        self._env: Theme | None = None
        self._theme: dict[str, bytes] | None = None
        self._asset_names: set[str] = set()
        keep_drawn_charts()

    # --- what changed -----------------------------------------------------------------

    def settings_changed(self) -> None:
        """journal.yaml changed: read it again and every entry with it."""
        self._config = None

    def templates_changed(self) -> None:
        self._env = None
        self._theme = None

    def save_caches(self) -> None:
        self._html.save()
        self._records.save()

    def settle(self) -> None:
        """Once a re-plan is served: work out what the next quick step would otherwise work
        out first, the facts every entry's page shares (its looking back, every entry by
        date: 90 ms of the quick step at 100,000 entries), by working out one entry page."""
        for page in self.site.pages.values():
            if page.template == "entry.html":
                if isinstance(page.context, Later):
                    page.context.made()
                return

    # --- the quick step ---------------------------------------------------------------

    def quick(self, paths: Iterable[Path]) -> Outcome | None:
        """Bring the pages of edited entries up to date, or None when the change is
        more than an entry's own text (new, gone, moved to another day, settings)."""
        started, cpu = time.perf_counter(), time.thread_time()
        site, config, env = self.site, self._config, self._env
        if config is None or env is None or site.env is not env:
            return None
        edited: list[tuple[str, Stat]] = []
        for path in paths:
            name = self._name(path)
            if name is None or name not in self._stats:
                return None
            stat = _stat(path)
            if stat is None:
                return None
            if stat != self._stats[name]:
                edited.append((name, stat))
        if not edited:
            return Outcome("quick", seconds=time.perf_counter() - started)
        updates: list[tuple[str, Entry, Page]] = []
        read: dict[str, tuple[Entry | None, list[ContentError]]] = {}
        for name, stat in edited:
            entry, problems = read_entry(name, (self.journal / name).read_bytes(), config)
            errors = [p for p in problems if not p.warning]
            if errors:
                self._stats[name], self._read[name] = stat, (entry, problems)  # the rebuild reports them too
                return Outcome("quick", errors=errors, seconds=time.perf_counter() - started)
            old = site.entries.get(name)
            page = site.pages.get(Page(old.url, "entry.html", {}).output) if old else None
            if entry is None or old is None or page is None or not _same_place(entry, old, page):
                return None
            read[name] = (entry, problems)
            updates.append((name, replace(entry, url=old.url), page))
        sources = dict(site.entries)
        sources.update({name: entry for name, entry, _ in updates})
        bodies = give_bodies(
            self.journal,
            [entry for _, entry, _ in updates],
            self._asset_names,
            self._html,
            self._photos,
            save_cache=True,
            sources=sources,
        )
        errors, _ = sort_out(bodies.errors, strict=False)
        if errors:
            return Outcome("quick", errors=errors, seconds=time.perf_counter() - started)
        drawn: dict[str, tuple[Page, bytes]] = {}
        with_bodies: dict[str, Entry] = {}
        for (name, _, page), entry in zip(updates, bodies.entries, strict=True):
            # Who mentions this entry did not change with its own text: kept until the rebuild.
            entry = replace(entry, mentioned_in=site.entries[name].mentioned_in)
            context = cast(EntryContext, page.context)  # the page at an entry's URL is its entry page
            new_page = Page(page.url, page.template, {**context, "entry": entry}, page.source)
            rendered, errors, _ = render_pages(env, [new_page], self.journal)
            if errors:
                return Outcome("quick", errors=errors, seconds=time.perf_counter() - started)
            data = rendered[new_page.output]
            assert data is not None
            drawn[new_page.output] = (new_page, data)
            with_bodies[name] = entry
        # All good: into the served site, and remembered for the rebuild to come.
        for name, stat in edited:
            self._stats[name], self._read[name] = stat, read[name]
            site.entries[name] = with_bodies[name]
        site.files.update(bodies.files)
        for output, (page, data) in drawn.items():
            site.pages[output] = page
            site.drawn[output] = data
        return Outcome(
            "quick",
            entries=len(site.entries),
            pages=len(site.pages),
            seconds=time.perf_counter() - started,
            changed=tuple(drawn),
            cpu_seconds=time.thread_time() - cpu,
        )

    # --- the whole journal ------------------------------------------------------------

    def rebuild(self, superseded: Callable[[], bool] = lambda: False, tell: Tell | None = None) -> Outcome:
        """Read what changed, plan every page again; the new site replaces the old one
        only if it has no problem. Raises Superseded when a newer save arrived."""
        started = time.perf_counter()
        try:
            config = self._config or load_config(self.journal)
        except BuildFailed as failure:
            return Outcome("rebuild", errors=failure.errors, seconds=time.perf_counter() - started)
        if self._config is None or repr(config) != repr(self._config):
            self._stats.clear()  # the settings decide what is valid: read every entry again
            self._env, self._theme = None, None  # and templates and the mood colours follow them
        self._config = config
        templates_new = self._env is None
        env = self._env or make_environment(self.journal, config, compiled=compiled_templates(self.journal))
        if self._theme is None:
            self._theme = static_files(self.journal, config)
        entry_files, asset_files = content_files(self.journal, config.exclude)  # one walk for both
        self._scan(entry_files, config, tell)
        if superseded():
            raise Superseded
        errors = sorted(p for _, problems in self._read.values() for p in problems if not p.warning)
        warnings = sorted(p for _, problems in self._read.values() for p in problems if p.warning)
        if errors:
            return Outcome("rebuild", errors=errors, warnings=warnings, seconds=time.perf_counter() - started)
        read = [entry for entry, _ in self._read.values() if entry is not None]
        entries = assign_urls([e for e in read if self.drafts or not e.draft])
        self._asset_names = {p.relative_to(self.journal).as_posix() for p in asset_files}
        bodies = give_bodies(self.journal, entries, self._asset_names, self._html, self._photos, save_cache=True)
        plan_html, plan_errors = render_plan(self.journal)
        body_errors, body_warnings = sort_out(bodies.errors + plan_errors, strict=False)
        warnings = sorted(warnings + body_warnings)
        if body_errors:
            return Outcome("rebuild", errors=body_errors, warnings=warnings, seconds=time.perf_counter() - started)
        if superseded():
            raise Superseded
        journal = build_journal(bodies.entries)
        pages, collisions = plan(journal, config, bodies.photos, plan_html)
        if collisions:
            return Outcome("rebuild", errors=collisions, warnings=warnings, seconds=time.perf_counter() - started)
        if templates_new:
            # A template change could break any page: draw one of each kind before serving it.
            samples = list({page.template: page for page in pages}.values())
            _, template_errors, _ = render_pages(env, samples, self.journal)
            if template_errors:
                return Outcome("rebuild", errors=template_errors, seconds=time.perf_counter() - started)
        if superseded():
            raise Superseded
        files = {**self._theme, **bodies.files}
        files["static/search-index.js"] = search_index(journal.entries, config, self._records)
        self._env = env
        self.site = Site(env, {e.source: e for e in journal.entries}, {p.output: p for p in pages}, files)
        markdown_converter()  # a rebuild's Markdown ran in worker processes; the next quick step's runs here
        return Outcome(
            "rebuild",
            warnings=warnings,
            entries=len(journal.entries),
            pages=len(pages),
            seconds=time.perf_counter() - started,
        )

    def _scan(self, entry_files: list[Path], config: Config, tell: Tell | None) -> None:
        """Re-read the entry files whose path or stat changed; forget those gone."""
        seen: set[str] = set()
        todo: dict[str, Stat] = {}
        for path in entry_files:
            name = path.relative_to(self.journal).as_posix()
            stat = _stat(path)
            if stat is None:
                continue
            seen.add(name)
            if self._stats.get(name) != stat or name not in self._read:
                todo[name] = stat
        for name in set(self._read) - seen:
            del self._read[name]
            self._stats.pop(name, None)
        try:
            results = read_entries(self.journal, list(todo), config, tell)
        except OSError:  # a file went between the listing and the read: read one by one
            results = [self._read_one(name, config) for name in todo]
        for (name, stat), result in zip(todo.items(), results, strict=True):
            self._stats[name], self._read[name] = stat, result

    def _read_one(self, name: str, config: Config) -> tuple[Entry | None, list[ContentError]]:
        try:
            return read_entry(name, (self.journal / name).read_bytes(), config)
        except OSError:
            return None, []  # gone: the scan after the next save forgets it

    def _name(self, path: Path) -> str | None:
        """An entry file's name relative to the journal, or None if it is not one."""
        try:
            relative = path.resolve().relative_to(self.journal)
        except (OSError, ValueError):
            return None
        return relative.as_posix() if relative.parts[:1] == (CONTENT_DIR,) else None


def is_input(journal: Path, path: Path) -> str | None:
    """Which kind of input a changed path is: "settings", "plan", "templates", "content" or None."""
    try:
        relative = path.resolve().relative_to(journal.resolve())
    except (OSError, ValueError):
        return None
    if relative.as_posix() == CONFIG_FILE:
        return "settings"
    if relative.as_posix() == PLAN_FILE:
        return "plan"  # the page for hard days: a rebuild reads it again
    first = relative.parts[:1]
    if first == ("templates",):
        return "templates"
    if first == (CONTENT_DIR,):
        return "content"
    return None


def _same_place(new: Entry, old: Entry, page: Page) -> bool:
    """The entry keeps its URL and its neighbours: same day, time and draft state, and
    the same name where the day has several entries (the name is part of the URL)."""
    alone = page.context.get("day_entries") == 1
    return new.sort_key == old.sort_key and new.draft == old.draft and (alone or new.slug == old.slug)


def _stat(path: Path) -> Stat | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
