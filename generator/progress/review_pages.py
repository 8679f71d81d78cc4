"""The pages of session reviews: /reviews/ and one page for each span."""

from __future__ import annotations

import datetime as dt

from generator.contexts import ReviewContext, ReviewsContext
from generator.dates import days_before
from generator.model import Config, Journal, Page
from generator.progress.events import AROUND_DAYS, FEWEST_DAYS, LifeEvent, life_events, marks
from generator.progress.sessions import Review, Span, review, reviews
from generator.progress.trend_charts import metric_trend_chart, mood_trend_chart
from generator.progress.trends import metric_trends, mood_trend
from generator.slugs import slugify

REVIEWS_URL = "reviews/"


def session_pages(journal: Journal, config: Config) -> list[Page]:
    """None until journal.yaml lists sessions."""
    if not config.sessions:
        return []
    events = _public_events(journal, config)
    made = reviews(journal.entries, config)
    listed = [(r, REVIEWS_URL + r.span.slug + "/") for r in reversed(made)]
    pages = [Page(REVIEWS_URL, "reviews.html", ReviewsContext(reviews=listed, sessions=config.sessions))]
    for index, r in enumerate(made):
        context = review_context(r, config, events, made[index - 1] if index else None)
        pages.append(Page(REVIEWS_URL + r.span.slug + "/", "review.html", context, f"review {r.span.slug}"))
    return pages


def review_page(journal: Journal, config: Config, start: dt.date, end: dt.date) -> Page:
    """One review for any span (`cairn review --from --to`), set beside the span just before it."""
    events = _public_events(journal, config)
    span = Span(start, end, chosen=True)
    before = Span(days_before(start, span.days), days_before(start, 1))
    previous = review(journal.entries, before, config)
    made = review(journal.entries, span, config, previous if previous.entries else None)
    return Page(REVIEWS_URL + span.slug + "/", "review.html", review_context(made, config, events, previous))


def _public_events(journal: Journal, config: Config) -> tuple[LifeEvent, ...]:
    """Events and their figures from entries that are not private: reviews are handed over."""
    return life_events([e for e in journal.entries if not e.private], config)


def review_context(r: Review, config: Config, events: tuple[LifeEvent, ...], previous: Review | None) -> ReviewContext:
    inside = tuple(e for e in events if r.span.start <= e.date <= r.span.end)
    marked = marks(inside)
    prefix = f"r{r.span.start:%Y%m%d}"
    trend = mood_trend(r.entries)
    return ReviewContext(
        review=r,
        previous=previous,
        events=inside,
        around_days=AROUND_DAYS,
        fewest_days=FEWEST_DAYS,
        mood_chart=mood_trend_chart(trend, config.mood, f"{prefix}-mood", marked) if trend.points else None,
        metric_charts=[
            metric_trend_chart(t, metric, f"{prefix}-{slugify(t.name)}", marked)
            for t in metric_trends(r.entries, config)
            if t.points and (metric := config.metric(t.name)) is not None
        ],
    )
