"""Reads that count or place: stored statistic records, incidents counted by period × type × region,
incidents with coordinates inside a box.

Counting is done by the database (``GROUP BY``), never by reading every row
into Python. Incident filters are those of ``incidents.search_incidents`` (the
same statement), so a count and a list given the same filters agree. Every
function takes an open session and neither commits nor rolls back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Date, Row, Select, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session

from letopis.db.incidents import _search_statement
from letopis.db.models import Incident, IncidentGrade, IncidentOrigin, Source, Statistic
from letopis.db.statements import iso_date

__all__ = ["BUCKETS", "search_statistics", "count_statistics", "statistic_metrics", "incident_histogram",
           "incidents_by_region_and_type", "incidents_in_box", "incident_points"]

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


def _bucket(session: Session, by: str, column: Any) -> Any:
    """The period a day (``YYYY-MM-DD`` text) falls in: the day, its week's Monday, ``YYYY-MM``, ``YYYY``."""
    if by == "day":
        return column
    if by == "month":
        return func.substr(column, 1, 7)
    if by == "year":
        return func.substr(column, 1, 4)
    if by == "week":
        if session.get_bind().dialect.name == "postgresql":
            return func.to_char(func.date_trunc("week", cast(column, Date)), "YYYY-MM-DD")
        return func.date(column, "-6 days", "weekday 1")
    raise ValueError(f"bucket must be one of {', '.join(BUCKETS)}, got {by!r}")


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
    """
    base = _search_statement(session, filters.get("q"), filters.get("type"), filters.get("date_from"),
                             filters.get("date_to"), filters.get("admin1"), filters.get("status"), False,
                             filters.get("place_names"), filters.get("narrowing"))
    start, end = _bucket(session, by, Incident.date_start), _bucket(session, by, Incident.date_end)
    # One pass: an incident whose span fits no single period gets the period NULL, and those rows make the
    # second number.
    period = case((and_(Incident.date_start.is_not(None), start == end), start), else_=None).label("period")
    columns = [period, *([Incident.event_type] if by_type else []), *([Incident.admin1] if by_region else [])]
    statement = base.with_only_columns(*columns, func.count()).group_by(*columns)
    rows, coarser = [], 0
    for row in session.execute(statement):
        values = list(row)
        if values[0] is None:
            coarser += values[-1]
            continue
        rows.append((values[0], values[1] if by_type else None, values[-2] if by_region else None, values[-1]))
    rows.sort(key=lambda r: (r[0], r[1] or "", r[2] or ""))
    return rows, coarser


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
    return list(session.execute(statement))


def incidents_in_box(
    session: Session, *, west: float | None = None, south: float | None = None, east: float | None = None,
    north: float | None = None, limit: int | None = None, batch: int = 1000, **filters: Any
) -> Iterator[Row[Any]]:
    """Incidents with coordinates (inside the box when one is given), newest first; small rows, streamed.

    ``west > east`` is a box across the antimeridian. ``filters``: those of
    ``incidents.search_incidents``.
    """
    base = _search_statement(session, filters.get("q"), filters.get("type"), filters.get("date_from"),
                             filters.get("date_to"), filters.get("admin1"), filters.get("status"), False,
                             filters.get("place_names"), filters.get("narrowing"))
    statement: Any = base.where(Incident.lat.is_not(None), Incident.lon.is_not(None))
    if south is not None and north is not None:
        statement = statement.where(Incident.lat.between(south, north))
    if west is not None and east is not None:
        statement = statement.where(Incident.lon.between(west, east) if west <= east
                                    else or_(Incident.lon >= west, Incident.lon <= east))
    statement = statement.with_only_columns(
        Incident.id, Incident.lat, Incident.lon, Incident.event_type, Incident.date, Incident.date_precision,
        Incident.location_name, Incident.admin1, Incident.country, Incident.geo_precision, Incident.status,
        Incident.fatalities, Incident.injured, Incident.detained, Incident.summary, _origin_count(), _info_grade(),
        Incident.actors,
    ).order_by(Incident.date_start.desc().nulls_last(), Incident.id.desc())
    if limit is not None:
        statement = statement.limit(limit)
    yield from session.execute(statement.execution_options(yield_per=batch))
