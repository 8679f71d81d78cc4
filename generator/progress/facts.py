"""The facts several progress pages share, worked out once per build."""

from __future__ import annotations

from dataclasses import dataclass

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


def gather(journal: Journal, config: Config) -> Insights:
    return Insights(look_back(journal.entries), tag_moods(journal.entries), month_summaries(journal.entries, config))
