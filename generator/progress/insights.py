"""The numbers behind progress and month pages: trends, wins, routines kept, then and now.

Every function takes the published entries sorted oldest first and measures time from the
newest entry's date, never the clock, so a build gives the same numbers tomorrow. Each one
walks the entries once (or sorts small windows), so a 100,000-entry journal stays quick.
A day's mood is the mean of that day's moods; days without a mood are simply left out.
"""

from __future__ import annotations

import calendar
import datetime as dt
from bisect import bisect_left, bisect_right, insort
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from generator.dates import days_before, month_label
from generator.model import Config, Entry, Habit, MoodScale
from generator.slugs import slugify

TREND_STATISTIC = "mean"  # what the rolling lines show (a mean moves smoothly); pages say so in words
SHORT_DAYS, LONG_DAYS = 7, 30  # rolling windows, in calendar days ending on the day
RECENT_DAYS = 14  # "kept on 9 of the last 14 days"
SPAN_DAYS = 30  # then and now compares spans this long
COMPARE_DAYS = 14  # then and now waits until the journal covers this many days


# Days
@dataclass(frozen=True)
class Day:
    date: dt.date
    entries: tuple[Entry, ...]
    mood: float | None  # mean of the day's moods


def group_days(entries: Sequence[Entry]) -> tuple[Day, ...]:
    days = []
    for date, group in groupby(entries, key=lambda e: e.date):
        same_day = tuple(group)
        days.append(Day(date, same_day, mean(e.mood for e in same_day if e.mood is not None)))
    return tuple(days)


def low_ceiling(scale: MoodScale) -> int:
    """Low days are the bottom two levels (the bottom one on scales under four levels)."""
    return scale.low + 1 if len(scale.labels) >= 4 else scale.low


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later (or earlier), kept inside short months."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    if year < dt.MINYEAR:
        return dt.date.min
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


# Mood and metric trends
@dataclass(frozen=True)
class TrendPoint:
    date: dt.date
    value: float  # the day's mean
    short: float  # rolling mean of the SHORT_DAYS days ending here
    long: float  # rolling mean of the LONG_DAYS days ending here


@dataclass(frozen=True)
class Trend:
    name: str  # "mood" or a metric's name
    label: str
    unit: str
    points: tuple[TrendPoint, ...]  # one per day with a value, oldest first
    statistic: str = TREND_STATISTIC
    short_days: int = SHORT_DAYS
    long_days: int = LONG_DAYS


def mood_trend(entries: Sequence[Entry]) -> Trend:
    series = [(day.date, day.mood) for day in group_days(entries) if day.mood is not None]
    return Trend("mood", "Mood", "", _rolling(series))


def metric_trends(entries: Sequence[Entry], config: Config) -> tuple[Trend, ...]:
    daily: dict[str, dict[dt.date, list[float]]] = {m.name: {} for m in config.metrics}
    for entry in entries:
        for name, value in entry.metrics:
            if name in daily:
                daily[name].setdefault(entry.date, []).append(value)
    return tuple(
        Trend(m.name, m.label, m.unit, _rolling([(d, sum(v) / len(v)) for d, v in daily[m.name].items()]))
        for m in config.metrics
    )


def _rolling(series: Sequence[tuple[dt.date, float]]) -> tuple[TrendPoint, ...]:
    short, long = DayWindow(SHORT_DAYS), DayWindow(LONG_DAYS)
    points = []
    for date, value in series:
        for window in (short, long):
            window.add(date, value)
            window.drop_before(days_before(date, window.days - 1))
        points.append(TrendPoint(date, value, short.mean(), long.mean()))
    return tuple(points)


class DayWindow:
    """The values of a run of calendar days, kept sorted so the median is one lookup."""

    def __init__(self, days: int) -> None:
        self.days = days
        self.queue: deque[tuple[dt.date, float]] = deque()
        self.ordered: list[float] = []

    def add(self, date: dt.date, value: float) -> None:
        self.queue.append((date, value))
        insort(self.ordered, value)

    def drop_before(self, first: dt.date) -> None:
        while self.queue and self.queue[0][0] < first:
            _, value = self.queue.popleft()
            del self.ordered[bisect_left(self.ordered, value)]

    def __len__(self) -> int:
        return len(self.ordered)

    def median(self) -> float:
        return median(self.ordered)

    def mean(self) -> float:
        return sum(self.ordered) / len(self.ordered)


# Year in pixels
@dataclass(frozen=True)
class YearPixels:
    year: int
    days: tuple[tuple[dt.date, float | None], ...]  # every day, 1 January to 31 December


def year_in_pixels(entries: Sequence[Entry]) -> tuple[YearPixels, ...]:
    """One grid for each year that has an entry."""
    moods = {day.date: day.mood for day in group_days(entries)}
    years = sorted({entry.date.year for entry in entries})
    return tuple(
        YearPixels(year, tuple((d, moods.get(d)) for d in each_day(dt.date(year, 1, 1), dt.date(year, 12, 31))))
        for year in years
    )


# Wins
@dataclass(frozen=True)
class PeriodCount:
    key: str  # "2026-W07" or "2026-03"
    label: str  # "week of 9 February 2026" or "March 2026"
    start: dt.date
    count: int


@dataclass(frozen=True)
class WinCounts:
    total: int
    weeks: tuple[PeriodCount, ...]  # ISO weeks that have an entry, oldest first
    months: tuple[PeriodCount, ...]  # months that have an entry, oldest first


def win_counts(entries: Sequence[Entry]) -> WinCounts:
    weeks: dict[dt.date, int] = {}
    months: dict[dt.date, int] = {}
    for entry in entries:
        monday = days_before(entry.date, entry.date.weekday())
        weeks[monday] = weeks.get(monday, 0) + len(entry.wins)
        first = entry.date.replace(day=1)
        months[first] = months.get(first, 0) + len(entry.wins)
    return WinCounts(
        total=sum(len(entry.wins) for entry in entries),
        weeks=tuple(
            PeriodCount(_week_key(d), f"week of {d.day} {month_label(d.year, d.month)}", d, n)
            for d, n in sorted(weeks.items())
        ),
        months=tuple(
            PeriodCount(f"{d.year:04d}-{d.month:02d}", month_label(d.year, d.month), d, n)
            for d, n in sorted(months.items())
        ),
    )


def _week_key(monday: dt.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


# Routines kept
@dataclass(frozen=True)
class MonthRate:
    year: int
    month: int
    kept: int  # days the habit was kept
    days: int  # days of the month the journal covers

    @property
    def rate(self) -> float:
        return self.kept / self.days

    @property
    def label(self) -> str:
        return month_label(self.year, self.month)


@dataclass(frozen=True)
class Routine:
    habit: Habit
    recent: int  # days kept among the last `window` days, ending at the newest entry
    window: int  # RECENT_DAYS, or fewer while the journal is younger: it starts at the first entry
    months: tuple[MonthRate, ...]  # every month that has an entry
    best: MonthRate | None  # highest rate (the later month on a tie); None if never kept
    days: tuple[bool, ...] = ()  # each day of the window, oldest first: kept or not

    @property
    def so_far(self) -> bool:
        """The window is the whole journal, shorter than RECENT_DAYS."""
        return self.window < RECENT_DAYS


def routines(entries: Sequence[Entry], config: Config) -> tuple[Routine, ...]:
    """Per configured habit that has been kept at least once. A month counts from the
    first entry to the newest one; so does the recent window while the journal is young."""
    if not entries:
        return ()
    first, newest = entries[0].date, entries[-1].date
    kept = _kept_by_day(entries)
    window = min(RECENT_DAYS, (newest - first).days + 1)
    recent_from = days_before(newest, window - 1)
    months = sorted({(e.date.year, e.date.month) for e in entries})
    result = []
    for habit in config.habits:
        if not any(habit.name in names for names in kept.values()):
            continue  # never kept yet: nothing to show, and nothing to hold against anyone
        per_month: dict[tuple[int, int], int] = defaultdict(int)
        for date, names in kept.items():
            if habit.name in names:
                per_month[date.year, date.month] += 1
        rates = tuple(MonthRate(y, m, per_month[y, m], _covered(y, m, first, newest)) for y, m in months)
        recent = sum(1 for date, names in kept.items() if date >= recent_from and habit.name in names)
        best = max((r for r in rates if r.kept), key=lambda r: (r.rate, r.year, r.month), default=None)
        strip = tuple(habit.name in kept.get(day, ()) for day in each_day(recent_from, newest))
        result.append(Routine(habit, recent, window, rates, best, strip))
    return tuple(result)


def _kept_by_day(entries: Iterable[Entry]) -> dict[dt.date, set[str]]:
    kept: dict[dt.date, set[str]] = defaultdict(set)
    for entry in entries:
        kept[entry.date].update(entry.habits)
    return kept


def _covered(year: int, month: int, first: dt.date, newest: dt.date) -> int:
    start = max(dt.date(year, month, 1), first)
    end = min(dt.date(year, month, calendar.monthrange(year, month)[1]), newest)
    return (end - start).days + 1


# Then and now
@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date  # inclusive
    entry_days: int  # days with at least one entry
    mood_days: int
    mean_mood: float | None
    low_days: int
    low_share: float | None  # low days among days with a mood
    wins: int
    wins_per_week: float
    routine_days: int  # days any routine was kept
    habits: tuple[tuple[Habit, int], ...]  # days each configured habit was kept
    days: int = SPAN_DAYS  # days the span covers: SPAN_DAYS, fewer when it starts before the first entry


@dataclass(frozen=True)
class ThenAndNow:
    now: Span  # the SPAN_DAYS days ending at the newest entry (from the first, when fewer)
    six_months: Span | None  # None when that span has no entries
    twelve_months: Span | None


def then_and_now(entries: Sequence[Entry], config: Config) -> ThenAndNow | None:
    """None until the journal covers COMPARE_DAYS days: a first week has nothing to compare."""
    if not entries or (entries[-1].date - entries[0].date).days + 1 < COMPARE_DAYS:
        return None
    days = group_days(entries)
    dates = [day.date for day in days]
    newest = dates[-1]
    # Only "now" starts at the first entry; a span further back is compared whole.
    now, six, twelve = (_span(days, dates, add_months(newest, -m), config, clip=m == 0) for m in (0, 6, 12))
    assert now is not None
    return ThenAndNow(now, six, twelve)


def _span(days: Sequence[Day], dates: list[dt.date], end: dt.date, config: Config, clip: bool) -> Span | None:
    start = days_before(end, SPAN_DAYS - 1)
    start = max(start, dates[0]) if clip else start
    inside = days[bisect_left(dates, start) : bisect_right(dates, end)]
    if not inside:
        return None
    covered = (end - start).days + 1
    moods = [day.mood for day in inside if day.mood is not None]
    low = sum(1 for mood in moods if mood <= low_ceiling(config.mood))
    wins = sum(len(e.wins) for day in inside for e in day.entries)
    kept = [{name for e in day.entries for name in e.habits} for day in inside]
    return Span(
        start=start,
        end=end,
        entry_days=len(inside),
        mood_days=len(moods),
        mean_mood=mean(moods),
        low_days=low,
        low_share=low / len(moods) if moods else None,
        wins=wins,
        wins_per_week=wins * 7 / covered,
        routine_days=sum(1 for names in kept if names),
        days=covered,
        habits=tuple((habit, sum(1 for names in kept if habit.name in names)) for habit in config.habits),
    )


# Month summary
@dataclass(frozen=True)
class MonthSummary:
    year: int
    month: int
    entries: tuple[Entry, ...]
    days: tuple[tuple[dt.date, float | None], ...]  # every day of the month with its mood
    mean_mood: float | None  # mean of the day moods
    wins: tuple[tuple[str, Entry], ...]
    habits: tuple[tuple[Habit, int], ...]  # days each configured habit was kept
    tags: tuple[tuple[str, int], ...]  # most used first (entries), at most `top`
    emotions: tuple[tuple[str, int], ...]

    @property
    def label(self) -> str:
        return month_label(self.year, self.month)


def month_summaries(entries: Sequence[Entry], config: Config, top: int = 5) -> dict[tuple[int, int], MonthSummary]:
    """Every month that has an entry, keyed (year, month), in order."""
    return {
        month: summarise_month(month[0], month[1], tuple(group), config, top)
        for month, group in groupby(entries, key=lambda e: (e.date.year, e.date.month))
    }


def summarise_month(year: int, month: int, entries: Sequence[Entry], config: Config, top: int = 5) -> MonthSummary:
    """`entries` are that month's entries (others are ignored)."""
    entries = tuple(e for e in entries if (e.date.year, e.date.month) == (year, month))
    moods = {day.date: day.mood for day in group_days(entries)}
    last = calendar.monthrange(year, month)[1]
    kept = _kept_by_day(entries)
    return MonthSummary(
        year=year,
        month=month,
        entries=entries,
        days=tuple((d, moods.get(d)) for d in each_day(dt.date(year, month, 1), dt.date(year, month, last))),
        mean_mood=mean(m for m in moods.values() if m is not None),
        wins=tuple((win, e) for e in entries for win in e.wins),
        habits=tuple((h, sum(1 for names in kept.values() if h.name in names)) for h in config.habits),
        tags=tally((e.tags for e in entries), key=slugify)[:top],
        emotions=tally(e.emotions for e in entries)[:top],
    )


# Small helpers, shared with patterns.py and lookback.py
def mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def median(ordered: Sequence[float]) -> float:
    """Of values already sorted."""
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def each_day(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    for offset in range((last - first).days + 1):
        yield first + dt.timedelta(days=offset)


def tally(lists: Iterable[Iterable[str]], key=str.casefold) -> tuple[tuple[str, int], ...]:
    """How many lists name each word (once per list), first spelling kept, most first."""
    names: dict[str, str] = {}
    counts: dict[str, int] = defaultdict(int)
    for words in lists:
        for k, word in {key(w): w for w in reversed(tuple(words))}.items():
            names.setdefault(k, word)
            counts[k] += 1
    return tuple(sorted(((names[k], n) for k, n in counts.items()), key=lambda item: (-item[1], item[0].casefold())))
