"""The facts several progress pages share, worked out once per build."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from generator.model import Config, Journal
from generator.progress.lookback import LookBack, look_back
from generator.progress.months import MonthSummary, summarise_month
from generator.progress.patterns import TagMoods, tag_moods


@dataclass(frozen=True)
class Insights:
    """What several page kinds share, each worked out once, when a page first asks for it
    (a rebuild after one edit works out few pages: see shown.py)."""

    journal: Journal
    config: Config

    @cached_property
    def lookback(self) -> LookBack:
        return look_back(self.journal.entries)

    @cached_property
    def tag_moods(self) -> TagMoods:
        return tag_moods(self.journal.entries)

    def month(self, key: tuple[int, int]) -> MonthSummary:
        """The summary of a month that has entries, keyed (year, month)."""
        made = self._months.get(key)
        if made is None:
            year, month = key
            made = self._months[key] = summarise_month(year, month, self.journal.years[year][month], self.config)
        return made

    def beside(self, month: tuple[int, int]) -> tuple[MonthSummary | None, MonthSummary | None]:
        """The months with entries just before and just after `month`."""
        keys, index = self._month_keys, self._month_index[month]
        before = self.month(keys[index - 1]) if index else None
        after = self.month(keys[index + 1]) if index + 1 < len(keys) else None
        return before, after

    @cached_property
    def _months(self) -> dict[tuple[int, int], MonthSummary]:
        return {}

    @cached_property
    def _month_keys(self) -> list[tuple[int, int]]:
        return [(year, month) for year, months in self.journal.years.items() for month in months]

    @cached_property
    def _month_index(self) -> dict[tuple[int, int], int]:
        return {key: index for index, key in enumerate(self._month_keys)}


def gather(journal: Journal, config: Config) -> Insights:
    return Insights(journal, config)
