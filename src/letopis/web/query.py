"""Reading the incidents filters from a URL query, the same way for the pages and the API.

The names are the URL's (``type``, ``from``, ``to``, ``region``, ``source``,
``min_origins``, ``origin_kind``, ``court_record``, ``page``, ``per_page``,
``after``, ``before``, ``count``); an
empty value means "no filter", so a form submitted with blank fields gives a
clean view. A value that cannot be used is a
:class:`~letopis.errors.FilterError` naming the parameter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import Path

from letopis.errors import FilterError
from letopis.services.incidents import SORTS, IncidentFilters, check_event_type, check_origin_kind, check_sensitivity
from letopis.services.review import STATUSES

__all__ = ["FILTER_NAMES", "MAX_ORIGINS", "PER_PAGE", "MAX_PER_PAGE", "MAX_ID", "MAX_PAGE", "MAX_TOKEN", "RecordId",
           "Listing", "read_listing", "whole_number"]

FILTER_NAMES = ("q", "type", "from", "to", "region", "status", "language", "source", "dated", "coordinates",
                "sensitivity", "min_origins", "origin_kind", "court_record", "info_grade")
MAX_ORIGINS = 1000  # the largest "at least N independent origins" a filter takes
PER_PAGE = 50
MAX_PER_PAGE = 500
MAX_PAGE = 10**9
MAX_TOKEN = 400  # a page token's length at most (a sort, a value, an id in base64)
MAX_ID = 2**31 - 1  # the largest record number the databases' integer columns hold (PostgreSQL's integer)
# a record's number in a path (/incidents/{incident_id} …): larger ones are refused with 422, not looked up
RecordId = Annotated[int, Path(ge=1, le=MAX_ID, description="a record's number")]


def whole_number(text: str | None, low: int = 1, high: int = MAX_ID) -> int | None:
    """``text`` as a whole number from ``low`` to ``high`` (ASCII digits: not "²" or "٣"), else None."""
    text = (text or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 20 or not low <= int(text) <= high:
        return None
    return int(text)


@dataclass(frozen=True)
class Listing:
    """What a list of incidents shows: the filters, the order and the page."""

    filters: IncidentFilters
    sort: str
    page: int  # with a page token only the page's number as shown; without one, where the page starts
    per_page: int
    after: str | None = None  # the page token of the row the page starts after
    before: str | None = None  # the page token of the row the page ends before
    exact_count: bool = False  # count every match (count=exact), not only up to 10,000

    @property
    def offset(self) -> int:
        """Where the page starts, when it is not read by a page token."""
        return 0 if self.after or self.before else (self.page - 1) * self.per_page


def _value(query: Mapping[str, str | None], name: str) -> str | None:
    value = query.get(name)
    value = value.strip() if value is not None else None
    return value or None


def _date(query: Mapping[str, str | None], name: str) -> date | None:
    value = _value(query, name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FilterError(f"{name}: a date as YYYY-MM-DD, got {value!r}") from None


def _number(query: Mapping[str, str | None], name: str, default: int | None, low: int, high: int) -> int | None:
    value = _value(query, name)
    if value is None:
        return default
    number = whole_number(value, low, high)
    if number is None:
        raise FilterError(f"{name}: a whole number from {low} to {high}, got {value!r}")
    return number


def _yes_no(query: Mapping[str, str | None], name: str) -> bool | None:
    value = _value(query, name)
    if value is None:
        return None
    if value.lower() not in ("yes", "no"):
        raise FilterError(f"{name}: yes or no, got {value!r}")
    return value.lower() == "yes"


def _origin_kind(query: Mapping[str, str | None]) -> str | None:
    """``origin_kind``, or ``court_record=yes`` (the same as ``origin_kind=court_record``); both: they must agree."""
    kind = _value(query, "origin_kind")
    kind = check_origin_kind(kind) if kind else None
    if _yes_no(query, "court_record"):
        if kind not in (None, "court_record"):
            raise FilterError(f"court_record=yes and origin_kind={kind}: choose one")
        return "court_record"
    return kind


def read_listing(query: Mapping[str, str | None]) -> Listing:
    """The listing a URL query asks for (missing values: no filter, newest first, page 1 of 50)."""
    event_type = _value(query, "type")
    status = _value(query, "status")
    if status is not None and status not in STATUSES:
        raise FilterError(f"status: one of {', '.join(STATUSES)}, got {status!r}")
    sort = _value(query, "sort") or "-date"
    if sort.lstrip("-") not in SORTS:
        raise FilterError(f"sort: one of {', '.join(SORTS)} (- first: descending), got {sort!r}")
    filters = IncidentFilters(
        q=_value(query, "q"),
        event_type=check_event_type(event_type) if event_type else None,
        date_from=_date(query, "from"),
        date_to=_date(query, "to"),
        admin1=_value(query, "region"),
        status=status,
        language=_value(query, "language"),
        source_id=_number(query, "source", None, 1, MAX_ID),
        dated=_yes_no(query, "dated"),
        has_coordinates=_yes_no(query, "coordinates"),
        sensitivity=check_sensitivity(_value(query, "sensitivity")),
        min_origins=_number(query, "min_origins", None, 0, MAX_ORIGINS),
        origin_kind=_origin_kind(query),
        info_grade=_number(query, "info_grade", None, 1, 6),
    )
    page = _number(query, "page", 1, 1, MAX_PAGE)
    per_page = _number(query, "per_page", PER_PAGE, 1, MAX_PER_PAGE)
    assert page is not None and per_page is not None
    after, before = _token(query, "after"), _token(query, "before")
    if after and before:
        raise FilterError("after and before: a page starts after one row or ends before one, not both")
    count = _value(query, "count")
    if count not in (None, "exact"):
        raise FilterError(f"count: exact (count every match), got {count!r}")
    return Listing(filters, sort, page, per_page, after, before, count == "exact")


def _token(query: Mapping[str, str | None], name: str) -> str | None:
    """A page token as the URL gives it (read by the service, which says what is wrong with one)."""
    value = _value(query, name)
    if value is not None and (len(value) > MAX_TOKEN or not value.isascii()):
        raise FilterError(f"{name}: not a page token of this list (follow the list's own next and previous links)")
    return value
