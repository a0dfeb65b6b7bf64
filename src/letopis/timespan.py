"""The span of days a coded date stands for (``2025-10`` + ``month`` → Oct 1…31).

Used by merging (do two reports' dates overlap?) and by the database's date
filters (which incidents fall in a range?).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

__all__ = ["EARLIEST_PUBLISHED", "LATEST_PUBLISHED", "date_span", "published_problem"]

# Publication dates taken: dates relative to one ("yesterday", "next year") must stay in the calendar.
EARLIEST_PUBLISHED = date(1900, 1, 1)
LATEST_PUBLISHED = date(2999, 12, 31)


def published_problem(day: date) -> str | None:
    """Why ``day`` is not taken as a publication date (one line), or None."""
    if EARLIEST_PUBLISHED <= day <= LATEST_PUBLISHED:
        return None
    return (f"publication date {day.isoformat()} is outside {EARLIEST_PUBLISHED.isoformat()}"
            f"..{LATEST_PUBLISHED.isoformat()}")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def date_span(value: str | None, precision: str | None) -> tuple[date | None, date | None]:
    """(first day, last day), or (None, None) for no or a garbled date."""
    if not value:
        return None, None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
        if day is not None and month is not None:
            start = date(year, month, day)
            return start, start + timedelta(days=6) if precision == "week" else start
        if month is not None:
            start = date(year, month, 1)
            if precision == "season":
                last = month + 2
                return start, _month_end(year + (last - 1) // 12, (last - 1) % 12 + 1)
            return start, _month_end(year, month)
        return date(year, 1, 1), date(year, 12, 31)
    except (ValueError, IndexError):
        return None, None
