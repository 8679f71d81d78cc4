"""The page for hard days: the person's own plan first, then their own record.

Nothing here reads the text of an entry: the page counts moods, `coping`, wins,
gratitude and the photos marked `hope: true`, all as the person wrote them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from generator.contexts import HardDaysContext
from generator.filenames import PLAN_FILE
from generator.model import Config, Journal, Later, Page
from generator.progress.days import low_ceiling
from generator.progress.stretches import (
    HELPED_AFTER_DAYS,
    WORDS_WEEK,
    first_url_on,
    hard_stretches,
    what_helped,
    words_after,
)

if TYPE_CHECKING:
    from generator.body import Shown

URL = "hard-days/"
HOPE_PHOTOS = 12  # the newest marked photos shown


def hard_days_page(journal: Journal, config: Config, plan_html: str | None, hope_photos: Sequence[Shown]) -> Page:
    """`plan_html` is plan.md made into HTML (None without one); `hope_photos` are
    the photos marked `hope: true`, oldest first. Its context is worked out when first read."""
    return Page(URL, "hard_days.html", Later(partial(_context, journal, config, plan_html, hope_photos)), PLAN_FILE)


def _context(journal: Journal, config: Config, plan_html: str | None, hope_photos: Sequence[Shown]) -> HardDaysContext:
    entries = journal.entries
    scale = config.mood
    stretches = hard_stretches(entries, scale)
    return HardDaysContext(
        plan_html=plan_html,
        plan_file=PLAN_FILE,
        stretches=stretches,
        longest_url=first_url_on(entries, stretches.longest.start if stretches.longest else None),
        helped=what_helped(entries, scale),
        words=words_after(entries, stretches),
        photos=[s for s in hope_photos if s.entry.resurface][::-1][:HOPE_PHOTOS],
        # The rules behind the figures, so the page states them as the code applies them.
        low_labels=[scale.label(level) for level in range(scale.low, low_ceiling(scale) + 1)],
        helped_after_days=HELPED_AFTER_DAYS,
        words_week=WORDS_WEEK,
    )
