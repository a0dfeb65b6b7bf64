"""Reads that count or place: stored statistic records, incidents counted by period × type × region,
incidents with coordinates inside a box.

Counting is done by the database (``GROUP BY``), never by reading every row
into Python. Incident filters are those of ``incidents.search_incidents`` (the
same statement), so a count and a list given the same filters agree. Every
function takes an open session and neither commits nor rolls back.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Row, Select, func, or_, select, text
from sqlalchemy.orm import Session

from letopis.db.incidents import _search_statement
from letopis.db.models import Incident, IncidentGrade, IncidentOrigin, Source, Statistic
from letopis.db.statements import iso_date

__all__ = ["BUCKETS", "BOX_EXTRAS", "search_statistics", "count_statistics", "statistic_metrics",
           "incident_histogram", "incidents_by_region_and_type", "incidents_in_box", "incident_points"]

BUCKETS = ("day", "week", "month", "year")


def _statistics_statement(
    metric: str | None, period: str | None, date_from: str | date | None, date_to: str | date | None,
    location_names: Sequence[str] | None, admin1: Sequence[str] | None, status: str | None,
) -> Select[Any]:
    statement: Any = select(Statistic, Source.locator).join(Source, Source.id == Statistic.source_id)
    if metric:
        statement = statement.where(Statistic.metric == metric)
    if period:
        statement = statement.where(Statistic.period == period)
    if date_from is not None:
        statement = statement.where(Statistic.date_end >= iso_date(date_from))
    if date_to is not None:
        statement = statement.where(Statistic.date_start <= iso_date(date_to))
    places = []
    if location_names:
        places.append(Statistic.location_name.in_(list(location_names)))
    if admin1:
        places.append(Statistic.admin1.in_(list(admin1)))
    if places:
        statement = statement.where(or_(*places))
    if status:
        statement = statement.where(Statistic.status == status)
    return statement


def search_statistics(
    session: Session, *, metric: str | None = None, period: str | None = None,
    date_from: str | date | None = None, date_to: str | date | None = None,
    location_names: Sequence[str] | None = None, admin1: Sequence[str] | None = None, status: str | None = None,
    limit: int | None = None, batch: int = 500,
) -> Iterator[tuple[Statistic, str]]:
    """Statistic records (each with its source's locator), newest period first; streamed.

    ``date_from``/``date_to``: the period overlaps the range. ``location_names``
    or ``admin1``: the figure is of one of these places or regions (English names).
    """
    statement = _statistics_statement(metric, period, date_from, date_to, location_names, admin1, status)
    statement = statement.order_by(Statistic.date_start.desc().nulls_last(), Statistic.id.desc())
    if limit is not None:
        statement = statement.limit(limit)
    for row in session.execute(statement.execution_options(yield_per=batch)):
        yield row[0], row[1]


def count_statistics(
    session: Session, *, metric: str | None = None, period: str | None = None,
    date_from: str | date | None = None, date_to: str | date | None = None,
    location_names: Sequence[str] | None = None, admin1: Sequence[str] | None = None, status: str | None = None,
) -> int:
    statement = _statistics_statement(metric, period, date_from, date_to, location_names, admin1, status)
    return session.scalar(select(func.count()).select_from(statement.subquery())) or 0


def statistic_metrics(session: Session) -> list[tuple[str, int]]:
    """Each stored metric and how many records have it, commonest first."""
    rows = session.execute(
        select(Statistic.metric, func.count()).group_by(Statistic.metric).order_by(func.count().desc(),
                                                                                    Statistic.metric)
    )
    return [(metric, count) for metric, count in rows]


def _period_of(by: str) -> Callable[[str], str | None]:
    """The period a day (``YYYY-MM-DD`` text) falls in: the day, its week's Monday, ``YYYY-MM``, ``YYYY``; None for
    text that is no day."""
    if by == "day":
        return lambda day: day
    if by == "month":
        return lambda day: day[:7]
    if by == "year":
        return lambda day: day[:4]
    if by == "week":
        return _monday
    raise ValueError(f"bucket must be one of {', '.join(BUCKETS)}, got {by!r}")


@functools.lru_cache(maxsize=4096)
def _monday(day: str) -> str | None:
    try:
        found = date.fromisoformat(day)
    except ValueError:
        return None
    return (found - timedelta(days=found.weekday())).isoformat()


def incident_histogram(
    session: Session, by: str, *, by_type: bool = True, by_region: bool = True, **filters: Any
) -> tuple[list[tuple[str, str | None, str | None, int]], int]:
    """Incidents counted by period (``by``) × event type × admin1, and how many fit no single period.

    ``filters``: those of ``incidents.search_incidents`` (merged incidents left
    out). An incident is counted in a period when its whole date span lies in
    it (a date known to the month counts by month and year, not by day or
    week); the others, and undated ones, make the second number. Rows:
    ``(period, event_type, admin1, count)``, ``event_type``/``admin1`` None
    when not grouped by them; ordered by period, type, region.

    The database counts the incidents by their date spans as stored (``date_start, date_end``, type, region: the
    order of the index ``ix_incidents_periods``, so it groups in one pass over that index, never reading a row of
    the table); the few thousand spans are then put in their periods here.
    """
    period_of = _period_of(by)
    base = _search_statement(session, filters.get("q"), filters.get("type"), filters.get("date_from"),
                             filters.get("date_to"), filters.get("admin1"), filters.get("status"), False,
                             filters.get("place_names"), filters.get("narrowing"))
    columns = [Incident.date_start, Incident.date_end, *([Incident.event_type] if by_type else []),
               *([Incident.admin1] if by_region else [])]
    statement: Any = base.with_only_columns(*columns, func.count()).group_by(*columns)
    if session.get_bind().dialect.name == "postgresql":
        # group in the index's order (an index-only scan, grouped as it goes: 35 ms at 100,000 incidents), not
        # by hashing a sequential scan, which its planner prefers for small rows (60-190 ms); until the
        # transaction ends
        session.execute(text("SET LOCAL enable_hashagg = off"))
    counts: dict[tuple[str, str | None, str | None], int] = {}
    coarser = 0
    for row in session.connection().execute(statement).all():   # all at once: one fetch, not one a row
        start: str | None = row[0]
        end: str | None = row[1]
        count = int(row[-1])
        period = period_of(start) if start is not None and end is not None else None
        if period is None or end is None or period != period_of(end):
            coarser += count
            continue
        key = (period, row[2] if by_type else None, row[-2] if by_region else None)
        counts[key] = counts.get(key, 0) + count
    ordered = sorted(counts, key=lambda key: (key[0], key[1] or "", key[2] or ""))
    return [(*key, counts[key]) for key in ordered], coarser


def incidents_by_region_and_type(session: Session, **filters: Any) -> list[tuple[str | None, str, int]]:
    """Matching incidents counted by admin1 × event type, whatever their date's precision (``filters``: those of
    ``incidents.search_incidents``); rows ``(admin1, event_type, count)``, ordered by region then type."""
    base = _search_statement(session, filters.get("q"), filters.get("type"), filters.get("date_from"),
                             filters.get("date_to"), filters.get("admin1"), filters.get("status"), False,
                             filters.get("place_names"), filters.get("narrowing"))
    # ``admin1 || ''`` (NULL stays NULL) keeps SQLite from walking the admin1 index row by row to group: one scan
    # of the table and a temporary tree is twice as fast over 100,000 incidents.
    region = (Incident.admin1 + "").label("admin1")
    columns = (region, Incident.event_type)
    statement = base.with_only_columns(*columns, func.count()).group_by(*columns).order_by(*columns)
    return [(admin1, event_type, int(count)) for admin1, event_type, count in session.execute(statement)]


def _origin_count() -> Any:
    """The incident's independent origins (a correlated count over ``incident_origins``; 0: none computed)."""
    origins = IncidentOrigin.__table__.c
    return (select(func.count())
            .where(origins.incident_id == Incident.id, origins.source_id == origins.origin_source_id)
            .correlate(Incident).scalar_subquery().label("origins"))


def _info_grade() -> Any:
    """The incident's stored information grade (``incident_grades``; NULL when none was derived)."""
    grades = IncidentGrade.__table__.c
    return (select(grades.grade).where(grades.incident_id == Incident.id).correlate(Incident)
            .scalar_subquery().label("info_grade"))


def origin_kind_counts(session: Session, incident_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """The independent origins of each of these incidents, counted by kind (empty: none computed)."""
    origins = IncidentOrigin.__table__.c
    counts: dict[int, dict[str, int]] = {}
    for incident_id, kind, n in session.execute(
            select(origins.incident_id, origins.kind, func.count())
            .where(origins.incident_id.in_(incident_ids), origins.source_id == origins.origin_source_id)
            .group_by(origins.incident_id, origins.kind)):
        counts.setdefault(int(incident_id), {})[kind] = int(n)
    return counts


def incident_points(session: Session, *, limit: int | None = None, **filters: Any) -> list[Row[Any]]:
    """(id, lat, lon, event_type, geo_precision) of the matching incidents with coordinates, newest first: what a
    map needs to place a marker (its card is asked for when opened). ``filters``: those of
    ``incidents.search_incidents``."""
    base = _search_statement(session, filters.get("q"), filters.get("type"), filters.get("date_from"),
                             filters.get("date_to"), filters.get("admin1"), filters.get("status"), False,
                             filters.get("place_names"), filters.get("narrowing"))
    statement: Any = (base.where(Incident.lat.is_not(None), Incident.lon.is_not(None))
                      .with_only_columns(Incident.id, Incident.lat, Incident.lon, Incident.event_type,
                                         Incident.geo_precision)
                      .order_by(Incident.date_start.desc().nulls_last(), Incident.id.desc()))
    if limit is not None:
        statement = statement.limit(limit)
    # read through the session's connection: plain rows, no ORM loading for 10,000 of them (the index
    # ix_incidents_points holds every column read, so the table's rows are never touched)
    return list(session.connection().execute(statement).all())


# the columns of incidents_in_box read only when asked for (the others are always read)
BOX_EXTRAS = ("summary", "origins", "info_grade", "actors")


def incidents_in_box(
    session: Session, *, west: float | None = None, south: float | None = None, east: float | None = None,
    north: float | None = None, limit: int | None = None, batch: int = 1000, extras: Sequence[str] = BOX_EXTRAS,
    **filters: Any
) -> Iterator[Row[Any]]:
    """Incidents with coordinates (inside the box when one is given), newest first; small rows, streamed.

    Each row: ``id, lat, lon, event_type, date, date_precision, location_name, admin1, country, geo_precision,
    status, fatalities, injured, detained``, then those of ``extras`` (of :data:`BOX_EXTRAS`: the stored summary,
    the independent origins counted, the information grade, the actors' roles) asked for, in that order (each a
    named column of the row). ``west > east`` is a box across the antimeridian. ``filters``: those of
    ``incidents.search_incidents``.
    """
    unknown = set(extras) - set(BOX_EXTRAS)
    if unknown:
        raise ValueError(f"incidents_in_box: no column {', '.join(sorted(unknown))}; one of {', '.join(BOX_EXTRAS)}")
    base = _search_statement(session, filters.get("q"), filters.get("type"), filters.get("date_from"),
                             filters.get("date_to"), filters.get("admin1"), filters.get("status"), False,
                             filters.get("place_names"), filters.get("narrowing"))
    statement: Any = base.where(Incident.lat.is_not(None), Incident.lon.is_not(None))
    if south is not None and north is not None:
        statement = statement.where(Incident.lat.between(south, north))
    if west is not None and east is not None:
        statement = statement.where(Incident.lon.between(west, east) if west <= east
                                    else or_(Incident.lon >= west, Incident.lon <= east))
    optional = {"summary": Incident.summary, "origins": _origin_count(), "info_grade": _info_grade(),
                "actors": Incident.actors}
    statement = statement.with_only_columns(
        Incident.id, Incident.lat, Incident.lon, Incident.event_type, Incident.date, Incident.date_precision,
        Incident.location_name, Incident.admin1, Incident.country, Incident.geo_precision, Incident.status,
        Incident.fatalities, Incident.injured, Incident.detained,
        *(optional[name] for name in BOX_EXTRAS if name in extras),
    ).order_by(Incident.date_start.desc().nulls_last(), Incident.id.desc())
    if limit is not None:
        statement = statement.limit(limit)
    # through the session's connection: plain rows, no ORM loading for each of thousands
    yield from session.connection().execute(statement.execution_options(yield_per=batch))
