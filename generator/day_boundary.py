"""Which day an entry belongs to: the day the person lived, not the calendar's.

A time written with an offset keeps the date as written, and a journal may say its day
starts later than midnight (`day_starts_at: "04:00"`), so a 1:30 a.m. entry counts for
the evening before it.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

MIDNIGHT = dt.time(0)
# Up to noon: a day that starts in the afternoon would fold most of a day into the one before.
LATEST_DAY_START = dt.time(12, 0)
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def read_day_start(text: str) -> dt.time | None:
    """'04:00' as a time; None when it is not a time from 00:00 to 12:00."""
    match = _CLOCK.match(text.strip())
    if match is None:
        return None
    start = dt.time(int(match.group(1)), int(match.group(2)))
    return start if start <= LATEST_DAY_START else None


def lived_day(date: dt.date, time: dt.time | None, day_starts_at: dt.time = MIDNIGHT) -> dt.date:
    """The day an entry written at `date` `time` belongs to."""
    if time is None or time >= day_starts_at or date == dt.date.min:
        return date
    return date - dt.timedelta(days=1)


def journal_today(timezone: str, day_starts_at: dt.time = MIDNIGHT, now: dt.datetime | None = None) -> dt.date:
    """Today in the journal's time zone, counting the small hours as the day before.

    `now` must carry a time zone; it defaults to this moment.
    """
    here = (now or dt.datetime.now(dt.UTC)).astimezone(ZoneInfo(timezone))
    return lived_day(here.date(), here.time().replace(tzinfo=None), day_starts_at)
