"""The pipeline: load, index, plan, render, write. Only this module knows the order."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.cache import CACHE_DIR, HtmlCache
from generator.config import load_config
from generator.content import CONTENT_DIR, find_asset_files, load_entries
from generator.errors import BuildFailed, ContentError
from generator.index import assign_urls, build_journal
from generator.crypt import encrypt_site
from generator.gallery import show_photos
from generator.links import resolve_links
from generator.photos import is_photo
from generator.manifest import input_digest, save_manifest, theme_digest, unchanged_since_last_build, warnings_of
from generator.model import Page
from generator.pagecache import Fingerprints, load_prints, save_prints, still_there
from generator.markup import render_bodies
from generator.render import builtin_theme, make_environment, render_pages
from generator.routes import plan
from generator.search import search_index
from generator.write import MARKER, check_output_folder, write_site

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
    prints: dict[str, str] = field(default_factory=dict, repr=False)  # page output -> fingerprint


def prepare(
    journal: Path,
    *,
    drafts: bool = False,
    strict: bool = False,
    passphrase: str | None = None,
    save_caches: bool = False,
    out: Path | None = None,
) -> tuple[dict[str, bytes | None], Report, HtmlCache]:
    """Everything but the write: the site's files in memory, or BuildFailed.
    With a passphrase the files are the sealed site, already checked for leaks.
    Caches are only written with save_caches (a build); the HTML cache is returned
    unsaved, to be saved once the site is written. Given the output folder, pages
    whose fingerprint matches the last build's are not drawn again (bytes None)."""
    started = time.perf_counter()
    config = load_config(journal)
    loaded = load_entries(journal, config)
    errors = list(loaded.errors)
    if strict:
        errors += loaded.warnings
    entries = [e for e in loaded.entries if drafts or not e.draft]
    cache = HtmlCache(journal / CACHE_DIR / "html.json")
    entries = render_bodies(entries, cache)
    asset_names = {p.relative_to(journal).as_posix() for p in find_asset_files(journal)}
    entries, link_errors = resolve_links(assign_urls(entries), asset_names)
    errors += link_errors
    gallery = show_photos(journal, entries, journal / CACHE_DIR / "photos", save_cache=save_caches)
    errors += gallery.errors
    journal_index = build_journal(gallery.entries)
    pages, collisions = plan(journal_index, config, gallery.shown)
    errors += collisions
    if errors:
        raise BuildFailed(errors)
    fingerprints = Fingerprints(theme_digest(journal, builtin_theme()) + repr(config))
    prints = {page.output: fingerprints.of(page) for page in pages}
    previous = load_prints(journal) if out is not None and passphrase is None else {}

    def unchanged(page: Page) -> bool:
        record = previous.get(page.output)
        return bool(record) and record[0] == prints[page.output] and still_there(out, page.output, record)

    env = make_environment(journal, config)
    files, template_errors = render_pages(env, pages, journal, unchanged if previous else None)
    if template_errors:
        raise BuildFailed(template_errors)
    files["robots.txt"] = ROBOTS
    files.update(_theme_files(journal))
    files.update(gallery.files)
    files["static/search-index.js"] = search_index(journal_index.entries, config)
    for name in asset_names:
        if not is_photo(name):  # photos are published resized and stripped, and only if shown
            files["files/" + name.removeprefix(CONTENT_DIR + "/")] = (journal / name).read_bytes()
    if passphrase is not None:
        files = encrypt_site(journal, files, journal_index.entries, passphrase, config)
    report = Report(
        entries=len(entries),
        pages=len(pages),
        seconds=time.perf_counter() - started,
        warnings=[] if strict else loaded.warnings,
        prints=prints,
    )
    return files, report, cache


def check(journal: Path, *, drafts: bool = False, strict: bool = False) -> Report:
    return prepare(journal, drafts=drafts, strict=strict)[1]


def build(
    journal: Path, out: Path, *, drafts: bool = False, strict: bool = False, passphrase: str | None = None
) -> Report:
    started = time.perf_counter()
    check_output_folder(out, journal)
    # Encrypted builds always run: the passphrase is an input we must not record.
    digest = None if passphrase is not None else input_digest(journal, builtin_theme(), f"{drafts},{strict}")
    last = unchanged_since_last_build(journal, out, digest) if digest else None
    if last is not None:
        seconds = time.perf_counter() - started
        unchanged = sum(1 for name in last.files if name != MARKER)
        return Report(last.entries, last.pages, 0, unchanged, 0, seconds, warnings_of(last))
    files, report, cache = prepare(
        journal, drafts=drafts, strict=strict, passphrase=passphrase, save_caches=True, out=out
    )
    written = write_site(out, files)
    cache.save()
    save_prints(journal, out, report.prints if passphrase is None else {})
    if digest:
        save_manifest(journal, out, digest, report.entries, report.pages, report.warnings)
    return Report(
        entries=report.entries,
        pages=report.pages,
        written=written.written,
        unchanged=written.unchanged,
        removed=written.removed,
        seconds=time.perf_counter() - started,
        warnings=report.warnings,
    )


def _theme_files(journal: Path) -> dict[str, bytes]:
    """static/ of the built-in theme, overridden file by file by the journal's own."""
    files = {}
    for root in (builtin_theme() / "static", journal / "templates" / "static"):
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.name.startswith((".", "__")) and path.suffix != ".py":
                    files["static/" + path.relative_to(root).as_posix()] = path.read_bytes()
    return files

