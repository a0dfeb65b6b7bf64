"""The two records of date handling: a mention found in text and a resolved date."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

PRECISIONS = ("day", "week", "month", "season", "year")
ANCHORS = ("absolute", "report", "chain")


@dataclass(frozen=True)
class ResolvedDate:
    date: str        # "2025-10-18" | "2025-10" | "2025"
    precision: str   # "day" | "week" | "month" | "season" | "year"
    first: datetime.date
    last: datetime.date


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text, not yet resolved.

    ``kind`` says how to resolve it:

    * ``day``: year?, month, day
    * ``range``: year?, month, day .. month_end, day_end
    * ``month``: year?, month
    * ``season``: year?, season (first month: 3, 6, 9, 12)
    * ``year``: year
    * ``weekday``: weekday (0 = Monday); ``offset`` -1 means strictly before
    * ``shift``: ``offset`` ``unit``s (day/week/month/year) from the anchor date
    * ``period``: the week/month/year/season containing the anchor, moved by ``offset``
    * ``fuzzy``: "a few days" before (offset -1) or after (offset 1) the anchor
    * ``same``: the anchor date itself, with its precision

    ``year`` is absent for "18 October"; ``year_offset`` is set when the year
    is relative ("в марте прошлого года": the anchor's year - 1).
    ``precision`` overrides the precision a ``shift`` produces.
    """

    start: int
    end: int
    surface: str
    anchor: str
    kind: str = "day"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    month_end: int | None = None
    day_end: int | None = None
    season: int | None = None
    weekday: int | None = None
    unit: str | None = None
    offset: int = 0
    year_offset: int | None = None
    precision: str | None = None
