"""What each template receives: one TypedDict per page template, so mypy checks every
key where a context is built, and a theme's author can read what a page is given.

`CONTEXTS` names the TypedDict of each template; docs/themes.md says what each key
means. A `Page`'s context (model.py) is one of these. The dataclasses they hold come
from progress/ and body/, imported here for type hints only, so this module stays
vocabulary that any stage may use.

Every key is required: no page leaves one out. A key some pages may lack would go in a
`total=False` base class: with postponed annotations, Python 3.11 cannot see
`NotRequired` at run time, and tests/test_contexts.py reads the keys at run time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeAlias, TypedDict

from generator.model import Entry, Tag

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

    from generator.body import Shown
    from generator.progress.charts import Chart
    from generator.progress.events import LifeEvent
    from generator.progress.feelings import FeelingTable
    from generator.progress.lookback import CalendarDay, Echo
    from generator.progress.months import MonthSummary
    from generator.progress.patterns import Emotion, TagMood, TagMoods
    from generator.progress.routines import Routine
    from generator.progress.sessions import Review
    from generator.progress.stretches import Stretches, WordsAfter
    from generator.progress.then_and_now import ThenAndNow
    from generator.progress.wins import WinCounts, WonOn

# An entry's URL to its first photo, for the entries a page shows that have one.
Thumbnails: TypeAlias = "dict[str, Shown]"
# Gives the thumbnails of these entries: a page holds only its own.
ThumbnailsOf: TypeAlias = "Callable[[Iterable[Entry]], Thumbnails]"


class PageGlobals(TypedDict):
    """Handed to every template as it is drawn (`render_page`), beside its page's context."""

    page_url: str
    url: Callable[[jinja2.runtime.Context, str], str]
    body: Callable[[jinja2.runtime.Context, Entry], Markup]


class WeekAtAGlance(TypedDict):
    entries: int
    days: int
    wins: int
    mean_mood: float | None


class HomeContext(TypedDict):
    entries: tuple[Entry, ...]
    echoes: tuple[Echo, ...]
    thumbs: Thumbnails
    low_latest: bool
    week: WeekAtAGlance


class EntryContext(TypedDict):
    entry: Entry
    previous: Entry | None
    next: Entry | None
    day_entries: int
    echoes: tuple[Echo, ...]
    thumbs: Thumbnails


class DayContext(TypedDict):
    date: dt.date
    entries: tuple[Entry, ...]


class YearCharts(TypedDict):
    """What `progress.year_context` adds to a year's page."""

    pixels: list[Chart]


class YearContext(YearCharts):
    year: int
    months: dict[int, tuple[Entry, ...]]


class MonthReview(TypedDict):
    """What `progress.month_context` adds to a month's page."""

    summary: MonthSummary
    before: MonthSummary | None
    after: MonthSummary | None
    calendar: Chart
    mood_chart: Chart | None
    metric_charts: list[Chart]


class MonthContext(MonthReview):
    year: int
    month: int
    entries: tuple[Entry, ...]
    thumbs: Thumbnails


class TimelineContext(TypedDict):
    years: list[tuple[int, list[tuple[int, tuple[Entry, ...]]]]]
    thumbs: Thumbnails


class TagsContext(TypedDict):
    tags: list[Tag]
    moods: TagMoods


class TagContext(TypedDict):
    tag: Tag
    mood: TagMood | None
    overall: float | None


class ProgressContext(TypedDict):
    statistic: str
    short_days: int
    long_days: int
    span_days: int
    compare_days: int
    covered_days: int
    newest: Entry | None
    mood_chart: Chart | None
    metric_charts: list[Chart]
    pixels: list[Chart]
    wins: WinCounts
    weekly_wins: Chart | None
    monthly_wins: Chart | None
    yearly_wins: Chart | None  # beside the months of the last two years, when there are more
    routines: tuple[Routine, ...]
    then_and_now: ThenAndNow | None
    stretches: Stretches
    longest_url: str
    helped: tuple[tuple[str, int], ...]
    helped_after_days: int
    tag_moods: TagMoods
    low_labels: list[str]
    min_tag_days: int
    events: tuple[LifeEvent, ...]
    around_days: int
    fewest_days: int


class WinsContext(TypedDict):
    months: list[tuple[int, int, list[WonOn]]]
    total: int
    gratitude_total: int


class EmotionsContext(TypedDict):
    emotions: tuple[Emotion, ...]
    table: FeelingTable


class EmotionContext(TypedDict):
    emotion: Emotion


class OnThisDayIndexContext(TypedDict):
    days: list[CalendarDay]


class OnThisDayContext(TypedDict):
    key: str
    day: dt.date
    found: CalendarDay | None
    thumbs: Thumbnails
    previous: dt.date
    next: dt.date


class PhotosContext(TypedDict):
    months: list[tuple[int, int, list[Shown]]]


class SearchContext(TypedDict):
    tags: list[Tag]
    years: list[int]


class HardDaysContext(TypedDict):
    plan_html: str | None
    plan_file: str
    stretches: Stretches
    longest_url: str
    helped: tuple[tuple[str, int], ...]
    words: tuple[WordsAfter, ...]
    photos: list[Shown]
    low_labels: list[str]
    helped_after_days: int
    words_week: int


class ReviewsContext(TypedDict):
    reviews: list[tuple[Review, str]]
    sessions: tuple[dt.date, ...]


class ReviewContext(TypedDict):
    review: Review
    previous: Review | None
    events: tuple[LifeEvent, ...]
    around_days: int
    fewest_days: int
    mood_chart: Chart | None
    metric_charts: list[Chart]


class NotFoundContext(TypedDict):
    pass


PageContext: TypeAlias = (
    HomeContext
    | EntryContext
    | DayContext
    | YearContext
    | MonthContext
    | TimelineContext
    | TagsContext
    | TagContext
    | ProgressContext
    | WinsContext
    | EmotionsContext
    | EmotionContext
    | OnThisDayIndexContext
    | OnThisDayContext
    | PhotosContext
    | SearchContext
    | HardDaysContext
    | ReviewsContext
    | ReviewContext
    | NotFoundContext
)

CONTEXTS: dict[str, type] = {
    "home.html": HomeContext,
    "entry.html": EntryContext,
    "day.html": DayContext,
    "year.html": YearContext,
    "month.html": MonthContext,
    "timeline.html": TimelineContext,
    "tags.html": TagsContext,
    "tag.html": TagContext,
    "progress.html": ProgressContext,
    "wins.html": WinsContext,
    "emotions.html": EmotionsContext,
    "emotion.html": EmotionContext,
    "on_this_day_index.html": OnThisDayIndexContext,
    "on_this_day.html": OnThisDayContext,
    "photos.html": PhotosContext,
    "search.html": SearchContext,
    "hard_days.html": HardDaysContext,
    "reviews.html": ReviewsContext,
    "review.html": ReviewContext,
    "404.html": NotFoundContext,
}
