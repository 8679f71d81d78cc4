"""The pages that make progress visible: progress, wins, months, look-back, feelings.

Every figure comes from the modules beside this one (days, trends, wins, routines,
then_and_now, patterns, lookback), computed once per build and relative to the newest
entry, never to the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, partial

from generator.contexts import (
    EmotionContext,
    EmotionsContext,
    MonthReview,
    OnThisDayContext,
    OnThisDayIndexContext,
    ProgressContext,
    ThumbnailsOf,
    WinsContext,
    YearCharts,
)
from generator.model import Config, Entry, Journal, Later, Page
from generator.progress import bar_charts, calendars, trend_charts
from generator.progress.days import add_months, low_ceiling, year_in_pixels
from generator.progress.events import AROUND_DAYS, FEWEST_DAYS, life_events, marks
from generator.progress.facts import Insights
from generator.progress.feelings import feeling_table
from generator.progress.lookback import CalendarDay, on_this_day
from generator.progress.patterns import MIN_TAG_DAYS, emotions
from generator.progress.review_pages import session_pages
from generator.progress.routines import routines
from generator.progress.stretches import HELPED_AFTER_DAYS, first_url_on, hard_stretches, what_helped
from generator.progress.then_and_now import COMPARE_DAYS, SPAN_DAYS, then_and_now
from generator.progress.trends import LONG_DAYS, SHORT_DAYS, TREND_STATISTIC, metric_trends, mood_trend
from generator.progress.wins import PeriodCount, WonOn, win_counts, won_on
from generator.slugs import slugify, tag_slug
from generator.urls import relative_url

RECENT_WEEKS = 52  # weekly win bars cover the last year
# Monthly bars cover everything, up to this many months back; a longer journal gets them
# for its last two years, and a bar for each year beside them (ten years were 121 rows).
RECENT_MONTHS = 24


def plan_pages(journal: Journal, config: Config, shared: Insights, thumbs: ThumbnailsOf | None = None) -> list[Page]:
    """`shared` are the facts several pages share; `thumbs(entries)` the first photo
    of each entry that has one, for look-backs. Contexts are worked out when first read."""
    return [
        Page("progress/", "progress.html", Later(partial(_progress, journal, config, shared))),
        Page("wins/", "wins.html", Later(partial(_wins, journal))),
        *_emotions(journal),
        *_on_this_day(journal, thumbs or (lambda entries: {})),
        *session_pages(journal, config),
    ]


def month_context(year: int, month: int, config: Config, shared: Insights) -> MonthReview:
    """The monthly review: calendar, charts, wins, routines, tags, feelings; events marked."""
    summary = shared.month((year, month))
    marked = [(e.date, text) for e in summary.entries for text in e.events]
    before, after = shared.beside((year, month))
    previous = (before.label, before.mean_mood) if before and before.mean_mood is not None else None
    prefix = f"m{year}{month:02d}"
    link = day_links(summary.entries, f"{year}/{month:02d}/")
    calendar = calendars.month_calendar_chart(
        summary.days, config.mood, f"{prefix}-calendar", previous, link, events=marked
    )
    has_mood = any(mood is not None for _, mood in summary.days)
    return MonthReview(
        summary=summary,
        before=before,
        after=after,
        calendar=calendar,
        mood_chart=calendars.mood_count_chart(summary.days, config.mood, f"{prefix}-moods") if has_mood else None,
        metric_charts=[
            trend_charts.metric_trend_chart(t, metric, f"{prefix}-{slugify(t.name)}", marked)
            for t in metric_trends(summary.entries, config)
            if t.points and (metric := config.metric(t.name)) is not None
        ],
    )


def year_context(year: int, entries: Sequence[Entry], config: Config) -> YearCharts:
    """A year's page: its year in pixels, each day linked to its entry."""
    pixels = year_in_pixels(entries)
    link = day_links(entries, f"{year}/")
    marked = tuple((e.date, text) for e in entries for text in e.events)
    return YearCharts(
        pixels=[calendars.year_pixels_chart(p, config.mood, f"pixels-{p.year}", link, marked) for p in pixels]
    )


def day_links(entries: Sequence[Entry], page: str) -> DayLinks:
    """A link from `page` to the page of each day that has an entry (its entry, or the day's list)."""
    return DayLinks(tuple(sorted({entry.date for entry in entries})), page)


@dataclass(frozen=True)
class DayLinks:
    """charts.Link as plain values, so that a chart's fingerprint can say where it links."""

    dates: tuple[dt.date, ...]  # sorted: a set's order changes from one run to the next
    page: str

    @cached_property
    def _dates(self) -> frozenset[dt.date]:
        return frozenset(self.dates)

    def __call__(self, day: dt.date) -> str | None:
        return relative_url(f"{day:%Y/%m/%d}/", self.page) if day in self._dates else None


def _progress(journal: Journal, config: Config, shared: Insights) -> ProgressContext:
    entries = journal.entries
    events = life_events(entries, config)
    wins = win_counts(entries)
    recent_months = _recent_months(wins.months)
    trend = mood_trend(entries)
    stretches = hard_stretches(entries, config.mood)
    marked = marks(events)
    # Each year's squares link to that year's days alone: a chart is fingerprinted by what it
    # is drawn from, and the journal's every day in each of its years grows as its square.
    links = {
        year: day_links([e for of_month in months.values() for e in of_month], "progress/")
        for year, months in journal.years.items()
    }
    return ProgressContext(
        statistic=TREND_STATISTIC,
        short_days=SHORT_DAYS,
        long_days=LONG_DAYS,
        span_days=SPAN_DAYS,
        compare_days=COMPARE_DAYS,
        covered_days=(entries[-1].date - entries[0].date).days + 1 if entries else 0,
        newest=journal.newest,
        mood_chart=trend_charts.mood_trend_chart(trend, config.mood, "mood-trend", marked) if trend.points else None,
        metric_charts=[
            trend_charts.metric_trend_chart(t, metric, f"metric-{slugify(t.name)}", marked)
            for t in metric_trends(entries, config)
            if t.points and (metric := config.metric(t.name)) is not None
        ],
        pixels=[
            calendars.year_pixels_chart(p, config.mood, f"pixels-{p.year}", links[p.year], marked)
            for p in year_in_pixels(entries)
        ],
        wins=wins,
        weekly_wins=bar_charts.bar_chart(
            wins.weeks[-RECENT_WEEKS:], "Wins each week", "wins-weekly", period="week", events=marked
        )
        if wins.weeks
        else None,
        monthly_wins=bar_charts.bar_chart(
            recent_months, "Wins each month", "wins-monthly", period="month", events=marked
        )
        if wins.months
        else None,
        yearly_wins=bar_charts.bar_chart(wins.years, "Wins each year", "wins-yearly", period="year", events=marked)
        if len(recent_months) < len(wins.months)
        else None,
        routines=routines(entries, config),
        then_and_now=then_and_now(entries, config),
        stretches=stretches,
        longest_url=first_url_on(entries, stretches.longest.start if stretches.longest else None),
        helped=what_helped(entries, config.mood),
        helped_after_days=HELPED_AFTER_DAYS,
        tag_moods=shared.tag_moods,
        # The rules behind the figures, so the page states them as the code applies them.
        low_labels=[config.mood.label(level) for level in range(config.mood.low, low_ceiling(config.mood) + 1)],
        min_tag_days=MIN_TAG_DAYS,
        events=events,
        around_days=AROUND_DAYS,
        fewest_days=FEWEST_DAYS,
    )


def _wins(journal: Journal) -> WinsContext:
    months: dict[tuple[int, int], list[WonOn]] = {}
    for entry in reversed(journal.entries):
        if entry.wins or entry.gratitude:
            months.setdefault((entry.date.year, entry.date.month), []).append(won_on(entry))
    return WinsContext(
        months=[(year, month, entries) for (year, month), entries in months.items()],
        total=sum(len(e.wins) for e in journal.entries),
        gratitude_total=sum(len(e.gratitude) for e in journal.entries),
    )


def _emotions(journal: Journal) -> list[Page]:
    named = emotions(journal.entries)
    table = partial(feeling_table, named, journal.entries)
    pages = [Page("emotions/", "emotions.html", Later(lambda: EmotionsContext(emotions=named, table=table())))]
    for emotion in named:
        url = f"emotions/{tag_slug(emotion.name)}/"
        pages.append(Page(url, "emotion.html", EmotionContext(emotion=emotion), emotion.source))
    return pages


def _on_this_day(journal: Journal, thumbs: ThumbnailsOf) -> list[Page]:
    days = cache(partial(on_this_day, journal.entries))
    calendar = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(366)]  # a leap year has every day
    index_page = Later(lambda: OnThisDayIndexContext(days=list(days().values())))
    pages = [Page("on-this-day/", "on_this_day_index.html", index_page)]
    for index, day in enumerate(calendar):
        context = Later(partial(_on_day, days, thumbs, day, calendar[index - 1], calendar[(index + 1) % len(calendar)]))
        pages.append(Page(f"on-this-day/{day:%m-%d}/", "on_this_day.html", context))
    return pages


def _on_day(
    days: Callable[[], dict[str, CalendarDay]],
    thumbs: ThumbnailsOf,
    day: dt.date,
    previous: dt.date,
    following: dt.date,
) -> OnThisDayContext:
    key = f"{day:%m-%d}"
    found = days().get(key)
    return OnThisDayContext(
        key=key,
        day=day,
        found=found,
        thumbs=thumbs(e for _, group in found.years for e in group) if found else {},
        previous=previous,
        next=following,
    )


def _recent_months(months: tuple[PeriodCount, ...]) -> tuple[PeriodCount, ...]:
    """The months (oldest first) of the last RECENT_MONTHS, counted back from the newest."""
    if not months:
        return months
    before = add_months(months[-1].start, -RECENT_MONTHS)
    return tuple(m for m in months if m.start > before)
