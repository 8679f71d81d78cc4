"""plan(): every page of the site, with its URL, template and what it shows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from generator.contexts import (
    DayContext,
    EntryContext,
    HomeContext,
    MonthContext,
    NotFoundContext,
    PhotosContext,
    SearchContext,
    TagContext,
    TagsContext,
    Thumbnails,
    ThumbnailsOf,
    TimelineContext,
    WeekAtAGlance,
    YearContext,
)
from generator.errors import ContentError
from generator.model import Config, Entry, Journal, Page
from generator.progress import (
    Insights,
    gather,
    hard_days_page,
    month_context,
    newest_day_is_low,
    plan_pages,
    review_page,
    year_context,
)

if TYPE_CHECKING:
    from generator.body import Shown


def plan(
    journal: Journal, config: Config, photos: Sequence[Shown] = (), plan_html: str | None = None
) -> tuple[list[Page], list[ContentError]]:
    """The pages to render, and an error for every two pages that share a file.
    `plan_html` is the person's plan.md as HTML, for the page for hard days."""
    shared = gather(journal, config)
    firsts: dict[str, Shown] = {}
    for shown in photos:
        if shown.entry.resurface:
            firsts.setdefault(shown.entry.url, shown)

    def thumbs(entries: Iterable[Entry]) -> Thumbnails:
        """The first photo of each of these entries that has one: a page holds only its own."""
        return {e.url: firsts[e.url] for e in entries if e.url in firsts}

    by_size = sorted(journal.tags, key=lambda t: (-len(t.entries), t.name.lower()))
    newest_years = sorted(journal.years, reverse=True)
    pages = [
        _home(journal, config, shared, thumbs),
        Page(
            "timeline/",
            "timeline.html",
            TimelineContext(years=_years_newest_first(journal), thumbs=thumbs(journal.entries)),
        ),
        Page("tags/", "tags.html", TagsContext(tags=by_size, moods=shared.tag_moods)),
        Page("404.html", "404.html", NotFoundContext()),
        Page("photos/", "photos.html", PhotosContext(months=_photo_months(photos))),
        Page("search/", "search.html", SearchContext(tags=list(journal.tags), years=newest_years)),
    ]
    day_sizes = Counter(e.date for e in journal.entries)
    for entry in journal.entries:
        previous, following = journal.neighbours[entry.url]
        echoes = shared.lookback.echoes(entry.date)
        context = EntryContext(
            entry=entry,
            previous=previous,
            next=following,
            day_entries=day_sizes[entry.date],
            echoes=echoes,
            thumbs=thumbs(e for echo in echoes for e in echo.entries),
        )
        pages.append(Page(entry.url, "entry.html", context, entry.source))
    for date, same_day in groupby(journal.entries, key=lambda e: e.date):
        day = tuple(same_day)
        if len(day) > 1:
            pages.append(Page(f"{date:%Y/%m/%d}/", "day.html", DayContext(date=date, entries=day), day[0].source))
    for year, months in journal.years.items():
        of_year = [entry for entries in months.values() for entry in entries]
        year_page = YearContext(year=year, months=months, **year_context(year, of_year, config))
        pages.append(Page(f"{year}/", "year.html", year_page))
        for month, entries in months.items():
            monthly = month_context(year, month, config, shared)
            month_page = MonthContext(year=year, month=month, entries=entries, **monthly, thumbs=thumbs(entries))
            pages.append(Page(f"{year}/{month:02d}/", "month.html", month_page))
    for tag in journal.tags:
        tag_page = TagContext(tag=tag, mood=shared.tag_moods.get(tag.slug), overall=shared.tag_moods.overall)
        pages.append(Page(f"tags/{tag.slug}/", "tag.html", tag_page, f"tag '{tag.name}'"))
    pages += plan_pages(journal, config, shared, thumbs)
    pages.append(hard_days_page(journal, config, plan_html, [shown for shown in photos if shown.hope]))
    return pages, find_collisions(pages)


def _home(journal: Journal, config: Config, shared: Insights, thumbs: ThumbnailsOf) -> Page:
    newest = journal.newest
    latest = journal.entries[::-1][: config.home_entries]
    echoes = shared.lookback.echoes(newest.date) if newest else ()
    week = [e for e in journal.entries[-14:] if newest and (newest.date - e.date).days < 7]
    moods = [e.mood for e in week if e.mood is not None]
    context = HomeContext(
        entries=latest,
        echoes=echoes,
        thumbs=thumbs([*latest, *(e for echo in echoes for e in echo.entries)]),
        low_latest=newest_day_is_low(journal.entries, config.mood),
        week=WeekAtAGlance(
            entries=len(week),
            days=len({e.date for e in week}),
            wins=sum(len(e.wins) for e in week),
            mean_mood=sum(moods) / len(moods) if moods else None,
        ),
    )
    return Page("", "home.html", context)


def _years_newest_first(journal: Journal) -> list[tuple[int, list[tuple[int, tuple[Entry, ...]]]]]:
    return [(year, list(months.items())[::-1]) for year, months in reversed(journal.years.items())]


def _photo_months(photos: Sequence[Shown]) -> list[tuple[int, int, list[Shown]]]:
    """Newest month first; within a month, in the order the entries were written."""
    by_month: dict[tuple[int, int], list[Shown]] = {}
    for shown in photos:
        by_month.setdefault((shown.entry.date.year, shown.entry.date.month), []).append(shown)
    return [(year, month, items) for (year, month), items in sorted(by_month.items(), reverse=True)]


def find_collisions(pages: list[Page]) -> list[ContentError]:
    counts = Counter(p.output for p in pages)
    errors = []
    for output, count in counts.items():
        if count < 2:
            continue
        sources = sorted(p.source or p.template for p in pages if p.output == output)
        for source in sources:
            others = ", ".join(s for s in sources if s != source) or source
            errors.append(ContentError(source, 1, f"would write the same page /{output} as {others}"))
    return errors


def review(journal: Journal, config: Config, start: dt.date, end: dt.date) -> Page:
    """The page of one session review for any span (`cairn review --from --to`)."""
    return review_page(journal, config, start, end)
