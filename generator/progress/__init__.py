"""PROGRESS: the numbers behind progress and the pages and charts that show them.

Two calls, both from routes: `gather` works out the facts several pages share
(look-back, tag moods, month summaries), once per build; `plan_pages` gives the
pages that make progress visible (progress, wins, feelings, on-this-day),
`hard_days_page` the page for hard days, and
`month_context` what a monthly review shows. Every figure is relative to the
newest entry, never to the clock.
"""

from generator.progress.facts import Insights, gather
from generator.progress.hard_days import hard_days_page
from generator.progress.review_pages import review_page
from generator.progress.reviews import month_context, plan_pages, year_context
from generator.progress.stretches import newest_day_is_low

__all__ = [
    "Insights",
    "gather",
    "hard_days_page",
    "month_context",
    "newest_day_is_low",
    "plan_pages",
    "review_page",
    "year_context",
]
