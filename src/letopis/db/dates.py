"""The span of days a coded date may mean, for date-range filters.

``2025-10`` with precision ``month`` spans 2025-10-01…2025-10-31; a filter
``date_from``/``date_to`` keeps an incident whose span overlaps the range.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

__all__ = ["date_span"]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def date_span(value: str | None, precision: str | None) -> tuple[str | None, str | None]:
    """(first day, last day) as ISO strings, or (None, None) for no/garbled date."""
    if not value:
        return None, None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
        if day is not None and month is not None:
            start = date(year, month, day)
            end = start + timedelta(days=6) if precision == "week" else start
        elif month is not None:
            start = date(year, month, 1)
            if precision == "season":
                last_month = month + 2
                end_year = year + (last_month - 1) // 12
                end = _month_end(end_year, (last_month - 1) % 12 + 1)
            else:
                end = _month_end(year, month)
        else:
            start, end = date(year, 1, 1), date(year, 12, 31)
    except (ValueError, IndexError):
        return None, None
    return start.isoformat(), end.isoformat()
