"""Small counts left out: incidents of a region and month that had fewer than a set number of them.

A map with one dot in a region in a month points at the people involved more
than any name would: in a village where one man was taken, everyone knows who.
With the setting ``publish_min_count`` (0, the default: off) set to K, public
outputs leave out every incident whose cell — its country and region, and the
month its date falls in — holds fewer than K of the incidents being published.
A date known only to the season or the year is its own period (it would
otherwise fall into its first month). Incidents without a region or without
a date belong to no cell and are kept.

The cells are counted over the very incidents the output selects (one grouped
query, :func:`letopis.services.incidents.place_date_counts`), so what is
left out depends on what is asked: a filter that narrows the output can leave
more out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from letopis.timespan import date_span

__all__ = ["period_cell", "SmallCounts"]

Cell = tuple[str, str, str]


def period_cell(country: str | None, admin1: str | None, day: str | None, precision: str | None) -> Cell | None:
    """(country, region, month ``YYYY-MM``, or the date and its precision when coarser than a month); None: no
    region or no date."""
    if not admin1 or not day:
        return None
    if precision in ("season", "year"):
        return country or "", admin1, f"{day}/{precision}"
    start, _ = date_span(day, precision)
    return None if start is None else (country or "", admin1, f"{start.year:04d}-{start.month:02d}")


class SmallCounts:
    """Which incidents a minimum per region and month leaves out; ``rows``: (country, admin1, date, precision,
    how many), the counts of the incidents being published."""

    def __init__(self, rows: Iterable[tuple[str | None, str | None, str | None, str | None, int]],
                 minimum: int) -> None:
        self.minimum = minimum
        self.cells: Counter[Cell] = Counter()
        for country, admin1, day, precision, count in rows:
            cell = period_cell(country, admin1, day, precision)
            if cell is not None:
                self.cells[cell] += count
        self.left_out = sum(n for n in self.cells.values() if n < minimum) if minimum > 0 else 0

    def leaves_out(self, shape: Mapping[str, Any]) -> bool:
        """Is this incident (its shape) in a cell with fewer than the minimum?"""
        if self.minimum <= 0:
            return False
        location = shape.get("location") or {}
        cell = period_cell(location.get("country"), location.get("admin1"), shape.get("date"),
                           shape.get("date_precision"))
        return cell is not None and self.cells[cell] < self.minimum
