"""The pages that make progress visible: progress, wins, months, look-back, feelings.

Every figure comes from insights/patterns/lookback, computed once per build and
relative to the newest entry, never to the clock.
"""

from __future__ import annotations

import datetime as dt

from generator.model import Config, Entry, Journal, Page
from generator.progress import charts
from generator.progress.facts import Insights
from generator.progress.insights import (
    LONG_DAYS,
    SHORT_DAYS,
    SPAN_DAYS,
    TREND_STATISTIC,
    low_ceiling,
    metric_trends,
    mood_trend,
    routines,
    then_and_now,
    win_counts,
    year_in_pixels,
)
from generator.progress.lookback import on_this_day
from generator.progress.patterns import BASELINE_DAYS, MIN_TAG_DAYS, bounce_back, emotions
from generator.slugs import slugify, tag_slug

RECENT_WEEKS = 52  # weekly win bars cover the last year; monthly bars cover everything


def plan_pages(journal: Journal, config: Config, shared: Insights) -> list[Page]:
    pages = [
        _progress(journal, config, shared),
        _wins(journal),
        *_emotions(journal),
        *_on_this_day(journal),
    ]
    return pages


def month_context(year: int, month: int, config: Config, shared: Insights) -> dict:
    """The monthly review: calendar, charts, wins, routines, tags, feelings."""
    summary = shared.months[(year, month)]
    keys = list(shared.months)
    index = keys.index((year, month))
    before = shared.months[keys[index - 1]] if index else None
    previous = (before.label, before.mean_mood) if before and before.mean_mood is not None else None
    prefix = f"m{year}{month:02d}"
    trend = mood_trend(summary.entries)
    return {
        "summary": summary,
        "calendar": charts.month_calendar_chart(summary.days, config.mood, f"{prefix}-calendar", previous=previous),
        "mood_chart": charts.mood_trend_chart(trend, config.mood, f"{prefix}-mood") if trend.points else None,
        "metric_charts": [
            charts.metric_trend_chart(t, config.metric(t.name), f"{prefix}-{slugify(t.name)}")
            for t in metric_trends(summary.entries, config)
            if t.points
        ],
    }


def _progress(journal: Journal, config: Config, shared: Insights) -> Page:
    entries = journal.entries
    wins = win_counts(entries)
    trend = mood_trend(entries)
    context = {
        "statistic": TREND_STATISTIC,
        "short_days": SHORT_DAYS,
        "long_days": LONG_DAYS,
        "span_days": SPAN_DAYS,
        "newest": journal.newest,
        "mood_chart": charts.mood_trend_chart(trend, config.mood, "mood-trend") if trend.points else None,
        "metric_charts": [
            charts.metric_trend_chart(t, config.metric(t.name), f"metric-{slugify(t.name)}")
            for t in metric_trends(entries, config)
            if t.points
        ],
        "pixels": [charts.year_pixels_chart(p, config.mood, f"pixels-{p.year}") for p in year_in_pixels(entries)],
        "wins": wins,
        "weekly_wins": charts.bar_chart(wins.weeks[-RECENT_WEEKS:], "Wins each week", "wins-weekly", period="week")
        if wins.weeks
        else None,
        "monthly_wins": charts.bar_chart(wins.months, "Wins each month", "wins-monthly", period="month")
        if wins.months
        else None,
        "routines": routines(entries, config),
        "then_and_now": then_and_now(entries, config),
        "bounce": bounce_back(entries, config),
        "tag_moods": shared.tag_moods,
        # The rules behind the figures, so the page states them as the code applies them.
        "low_labels": [config.mood.label(level) for level in range(config.mood.low, low_ceiling(config.mood) + 1)],
        "baseline_days": BASELINE_DAYS,
        "min_tag_days": MIN_TAG_DAYS,
    }
    return Page("progress/", "progress.html", context)


def _wins(journal: Journal) -> Page:
    months: dict[tuple[int, int], list[Entry]] = {}
    for entry in reversed(journal.entries):
        if entry.wins or entry.gratitude:
            months.setdefault((entry.date.year, entry.date.month), []).append(entry)
    context = {
        "months": [(year, month, entries) for (year, month), entries in months.items()],
        "total": sum(len(e.wins) for e in journal.entries),
        "gratitude_total": sum(len(e.gratitude) for e in journal.entries),
    }
    return Page("wins/", "wins.html", context)


def _emotions(journal: Journal) -> list[Page]:
    named = emotions(journal.entries)
    pages = [Page("emotions/", "emotions.html", {"emotions": named})]
    for emotion in named:
        pages.append(Page(f"emotions/{tag_slug(emotion.name)}/", "emotion.html", {"emotion": emotion}, emotion.source))
    return pages


def _on_this_day(journal: Journal) -> list[Page]:
    days = on_this_day(journal.entries)
    calendar = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(366)]  # a leap year has every day
    pages = [Page("on-this-day/", "on_this_day_index.html", {"days": list(days.values())})]
    for index, day in enumerate(calendar):
        key = f"{day:%m-%d}"
        context = {
            "key": key,
            "day": day,
            "found": days.get(key),
            "previous": calendar[index - 1],
            "next": calendar[(index + 1) % len(calendar)],
        }
        pages.append(Page(f"on-this-day/{key}/", "on_this_day.html", context))
    return pages
