"""The facts several progress pages share, worked out once per build."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from generator.model import Config, Journal
from generator.progress.lookback import LookBack, look_back
from generator.progress.months import MonthSummary, month_summaries
from generator.progress.patterns import TagMoods, tag_moods


@dataclass(frozen=True)
class Insights:
    """What several page kinds share, computed once."""

    lookback: LookBack
    tag_moods: TagMoods
    months: dict[tuple[int, int], MonthSummary]

    def beside(self, month: tuple[int, int]) -> tuple[MonthSummary | None, MonthSummary | None]:
        """The months with entries just before and just after `month`."""
        keys, index = self._month_keys, self._month_index[month]
        before = self.months[keys[index - 1]] if index else None
        after = self.months[keys[index + 1]] if index + 1 < len(keys) else None
        return before, after

    @cached_property
    def _month_keys(self) -> list[tuple[int, int]]:
        return list(self.months)

    @cached_property
    def _month_index(self) -> dict[tuple[int, int], int]:
        return {key: index for index, key in enumerate(self._month_keys)}


def gather(journal: Journal, config: Config) -> Insights:
    return Insights(look_back(journal.entries), tag_moods(journal.entries), month_summaries(journal.entries, config))
