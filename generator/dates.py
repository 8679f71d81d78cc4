"""The site's words for dates: month and weekday names and the ways a date is written.

One place for them, so pages, charts, the CLI and the search script (which reads the
names from its index) always agree, and a theme author changes them in one place.
"""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")  # date.weekday() order


def month_name(month: int) -> str:
    return MONTHS[month - 1]


def short_month(month: int) -> str:
    return MONTHS[month - 1][:3]


def short_weekday(weekday: int) -> str:
    return WEEKDAYS[weekday][:3]


def long_date(date: dt.date) -> str:
    """Monday 23 November 2026: how an entry's day is titled."""
    return f"{WEEKDAYS[date.weekday()]} {date.day} {MONTHS[date.month - 1]} {date.year}"


def short_date(date: dt.date) -> str:
    """23 Nov 2026."""
    return f"{date.day} {short_month(date.month)} {date.year}"


def month_label(year: int, month: int) -> str:
    """November 2026."""
    return f"{MONTHS[month - 1]} {year}"


def days_before(date: dt.date, days: int) -> dt.date:
    """`days` before `date`, and never before 1 January of year 1 (a journal may hold any year)."""
    return date - dt.timedelta(days=days) if (date - dt.date.min).days >= days else dt.date.min


def days_after(date: dt.date, days: int) -> dt.date:
    """`days` after `date`, and never after 31 December 9999."""
    return date + dt.timedelta(days=days) if (dt.date.max - date).days >= days else dt.date.max
