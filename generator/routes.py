"""plan(): every page of the site, with its URL, template and what it shows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from itertools import groupby
from typing import TYPE_CHECKING, Any

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
from generator.model import Config, Entry, Journal, Later, Page, Tag
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
    `plan_html` is the person's plan.md as HTML, for the page for hard days.
    Each page's context is worked out when first read (model.Later)."""
    shared = gather(journal, config)
    firsts: dict[str, Shown] = {}
    for shown in photos:
        if shown.entry.resurface:
            firsts.setdefault(shown.entry.url, shown)

    def thumbs(entries: Iterable[Entry]) -> Thumbnails:
        """The first photo of each of these entries that has one: a page holds only its own."""
        return {e.url: firsts[e.url] for e in entries if e.url in firsts}

    def later(make: Callable[..., Mapping[str, Any]], *given: Any) -> Later:
        return Later(partial(make, *given))

    pages = [
        Page("", "home.html", later(_home, journal, config, shared, thumbs)),
        Page("timeline/", "timeline.html", later(_timeline, journal, thumbs)),
        Page("tags/", "tags.html", later(_tags, journal, shared)),
        Page("404.html", "404.html", NotFoundContext()),
        Page("photos/", "photos.html", later(_photos, photos)),
        Page("search/", "search.html", later(_search, journal)),
    ]
    day_sizes = Counter(e.date for e in journal.entries)
    for entry in journal.entries:
        context = later(_entry, journal, entry, day_sizes[entry.date], shared, thumbs)
        pages.append(Page(entry.url, "entry.html", context, entry.source))
    for date, same_day in groupby(journal.entries, key=lambda e: e.date):
        day = tuple(same_day)
        if len(day) > 1:
            pages.append(Page(f"{date:%Y/%m/%d}/", "day.html", DayContext(date=date, entries=day), day[0].source))
    for year, months in journal.years.items():
        pages.append(Page(f"{year}/", "year.html", later(_year, year, months, config)))
        for month, entries in months.items():
            month_page = later(_month, year, month, entries, config, shared, thumbs)
            pages.append(Page(f"{year}/{month:02d}/", "month.html", month_page))
    for tag in journal.tags:
        pages.append(Page(f"tags/{tag.slug}/", "tag.html", later(_tag, tag, shared), f"tag '{tag.name}'"))
    pages += plan_pages(journal, config, shared, thumbs)
    hopeful = [shown for shown in photos if shown.hope]
    pages.append(hard_days_page(journal, config, plan_html, hopeful))
    return pages, find_collisions(pages)


def _timeline(journal: Journal, thumbs: ThumbnailsOf) -> TimelineContext:
    return TimelineContext(years=_years_newest_first(journal), thumbs=thumbs(journal.entries))


def _tags(journal: Journal, shared: Insights) -> TagsContext:
    by_size = sorted(journal.tags, key=lambda t: (-len(t.entries), t.name.lower()))
    return TagsContext(tags=by_size, moods=shared.tag_moods)


def _photos(photos: Sequence[Shown]) -> PhotosContext:
    return PhotosContext(months=_photo_months(photos))


def _search(journal: Journal) -> SearchContext:
    return SearchContext(tags=list(journal.tags), years=sorted(journal.years, reverse=True))


def _entry(journal: Journal, entry: Entry, day_entries: int, shared: Insights, thumbs: ThumbnailsOf) -> EntryContext:
    previous, following = journal.neighbours[entry.url]
    echoes = shared.lookback.echoes(entry.date)
    return EntryContext(
        entry=entry,
        previous=previous,
        next=following,
        day_entries=day_entries,
        echoes=echoes,
        thumbs=thumbs(e for echo in echoes for e in echo.entries),
    )


def _year(year: int, months: dict[int, tuple[Entry, ...]], config: Config) -> YearContext:
    of_year = [entry for entries in months.values() for entry in entries]
    return YearContext(year=year, months=months, **year_context(year, of_year, config))


def _month(
    year: int, month: int, entries: tuple[Entry, ...], config: Config, shared: Insights, thumbs: ThumbnailsOf
) -> MonthContext:
    monthly = month_context(year, month, config, shared)
    return MonthContext(year=year, month=month, entries=entries, **monthly, thumbs=thumbs(entries))


def _tag(tag: Tag, shared: Insights) -> TagContext:
    moods = shared.tag_moods
    return TagContext(tag=tag, mood=moods.get(tag.slug), overall=moods.overall)


def _home(journal: Journal, config: Config, shared: Insights, thumbs: ThumbnailsOf) -> HomeContext:
    newest = journal.newest
    latest = journal.entries[::-1][: config.home_entries]
    echoes = shared.lookback.echoes(newest.date) if newest else ()
    week = [e for e in journal.entries[-14:] if newest and (newest.date - e.date).days < 7]
    moods = [e.mood for e in week if e.mood is not None]
    return HomeContext(
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
