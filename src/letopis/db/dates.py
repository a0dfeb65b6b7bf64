"""Date spans as ISO strings for the database's date-range filters.

``2025-10`` with precision ``month`` spans 2025-10-01…2025-10-31; a filter
``date_from``/``date_to`` keeps an incident whose span overlaps the range.
"""

from __future__ import annotations

from letopis.timespan import date_span as _span

__all__ = ["date_span"]


def date_span(value: str | None, precision: str | None) -> tuple[str | None, str | None]:
    """(first day, last day) as ISO strings, or (None, None) for no/garbled date."""
    start, end = _span(value, precision)
    if start is None or end is None:
        return None, None
    return start.isoformat(), end.isoformat()
