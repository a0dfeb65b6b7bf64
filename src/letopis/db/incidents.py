"""Incidents and statistics: writing them from records, and finding them (search, count, stream, detail).

Records are the extraction's :class:`letopis.model.Record`; what is read back
comes as the views of :mod:`letopis.model.views`, holding the stored rows.
Every function takes an open session and neither commits nor rolls back
(see :mod:`letopis.db`); those that change what the full-text index covers
refresh it themselves, except the ``insert_``/``link_`` ones made for the
ingest's group commit (their docstrings say what the caller does).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, Text, cast, func, or_, select, text
from sqlalchemy.orm import Session

from letopis.db import fts, keyset, search_terms
from letopis.db.dates import date_span
from letopis.db.keyset import ORDERS, Seek
from letopis.db.later import Later
from letopis.db.models import Edit, Incident, IncidentGrade, IncidentOrigin, IncidentSource, Source, Statistic
from letopis.db.review import edits_for_incident, edits_of
from letopis.db.statements import inserted_id, iso_date, table_of
from letopis.db.types import utc_now
from letopis.model import IncidentDetail, Location, MergeCandidate, Record, SearchPage, SupportingSource

__all__ = [
    "add_incident", "add_incident_source", "add_statistic", "add_record",
    "insert_incident", "link_incident_source", "touch_incidents", "merge_candidates",
    "get_incident", "search_incidents", "count_incidents", "iter_incidents",
    "incidents_for_source", "statistics_for_source", "Narrowing", "ORDERS", "source_counts", "location_fields",
    "place_date_counts", "stored_record", "full_record",
]

# A source's record (``incident_sources.record``) is kept without what its own row holds (the quote, its offsets,
# the language) and without the fields that are empty (None); :func:`full_record` gives the whole record back.
# Rows written before (0018) hold the whole record, which full_record returns as it is.
_ROW_FIELDS: tuple[str, ...] = ("quote", "start", "end", "language")
_EMPTY_FIELDS: tuple[str, ...] = ("date", "date_precision", "location", "fatalities", "injured", "detained",
                                  "metric", "value", "period", "date_source")


def stored_record(record: dict[str, Any]) -> dict[str, Any]:
    """The record as a source's row keeps it: no field its row holds, no empty field."""
    return {k: v for k, v in record.items()
            if k not in _ROW_FIELDS and not (v is None and k in _EMPTY_FIELDS)}


def full_record(link: Any) -> dict[str, Any]:
    """The whole record a source gave (an ``IncidentSource`` row, or anything with its columns)."""
    stored = link.record or {}
    return {**dict.fromkeys(_EMPTY_FIELDS), "quote": link.quote, "start": link.start, "end": link.end,
            "language": link.language, **stored}


def _location_fields(location: Location | None) -> dict[str, Any]:
    if location is None:
        return {"location_name": None, "admin1": None, "country": None, "lat": None, "lon": None, "geo_precision": None}
    return {
        "location_name": location.name,
        "admin1": location.admin1,
        "country": location.country,
        "lat": location.lat,
        "lon": location.lon,
        "geo_precision": location.geo_precision,
    }


def location_fields(location: Location | None) -> dict[str, Any]:
    """The incident (or statistic) columns a record's location gives."""
    return _location_fields(location)


def add_incident(
    session: Session,
    record: Record,
    *,
    source_id: int,
    text_sha256: str | None = None,
    status: str = "candidate",
    merge_reason: str | None = None,
    engine: str | None = None,
) -> Incident:
    """A new incident from a record, supported by ``source_id`` with its quote, searchable at once."""
    incident_id = insert_incident(session, record, source_id=source_id, text_sha256=text_sha256, status=status,
                                  merge_reason=merge_reason, engine=engine)
    fts.refresh_incident(session, incident_id)
    incident = session.get(Incident, incident_id)
    assert incident is not None
    return incident


def add_incident_source(
    session: Session,
    incident_id: int,
    source_id: int,
    record: Record,
    *,
    text_sha256: str | None = None,
    merge_reason: str | None = None,
) -> None:
    """Attach one more supporting source (one row per source and incident), searchable at once."""
    link_incident_source(session, incident_id, source_id, record, text_sha256=text_sha256,
                         merge_reason=merge_reason)
    touch_incidents(session, [incident_id])
    fts.refresh_incident(session, incident_id)


def add_statistic(
    session: Session,
    record: Record,
    *,
    source_id: int,
    text_sha256: str | None = None,
    status: str = "candidate",
    engine: str | None = None,
) -> Statistic:
    start, end = date_span(record.date, record.date_precision)
    now = utc_now()
    statistic = Statistic(
        status=status,
        metric=record.metric or "unknown",
        value=record.value,
        period=record.period,
        date=record.date,
        date_precision=record.date_precision,
        date_start=start,
        date_end=end,
        **_location_fields(record.location),
        summary=record.summary,
        confidence=record.confidence,
        source_id=source_id,
        text_sha256=text_sha256,
        quote=record.quote,
        start=record.start,
        end=record.end,
        language=record.language,
        record=record.to_dict(),
        engine=engine,
        created_at=now,
        updated_at=now,
    )
    session.add(statistic)
    session.flush()
    return statistic


def add_record(
    session: Session, record: Record, *, source_id: int, text_sha256: str | None = None
) -> Incident | Statistic:
    """:func:`add_statistic` for ``kind == "statistic"``, else :func:`add_incident`."""
    if record.kind == "statistic":
        return add_statistic(session, record, source_id=source_id, text_sha256=text_sha256)
    return add_incident(session, record, source_id=source_id, text_sha256=text_sha256)


def insert_incident(
    session: Session,
    record: Record,
    *,
    source_id: int,
    text_sha256: str | None = None,
    status: str = "candidate",
    merge_reason: str | None = None,
    later: Later | None = None,
    record_dict: dict[str, Any] | None = None,
    engine: str | None = None,
) -> int:
    """:func:`add_incident` without ORM objects or a search refresh: returns the id.

    Two statements (the incident, its supporting source). The caller puts the
    search document (``fts.put_documents`` / ``fts.refresh_incidents``) before
    its transaction commits — the ingest does it once per group.
    """
    start, end = date_span(record.date, record.date_precision)
    now = utc_now()
    connection = session.connection()
    incident_id = inserted_id(connection.execute(
        table_of(Incident).insert(),
        {
            "status": status,
            "kind": record.kind,
            "date": record.date,
            "date_precision": record.date_precision,
            "date_start": start,
            "date_end": end,
            "event_type": record.event_type,
            **_location_fields(record.location),
            "fatalities": record.fatalities,
            "injured": record.injured,
            "detained": record.detained,
            "actors": list(record.actors),
            "summary": record.summary,
            "confidence": record.confidence,
            "merged_into": None,
            "engine": engine,
            "created_at": now,
            "updated_at": now,
        },
    ))
    link_incident_source(session, incident_id, source_id, record, text_sha256=text_sha256,
                         merge_reason=merge_reason, later=later, record_dict=record_dict, engine=engine)
    return int(incident_id)


def link_incident_source(
    session: Session,
    incident_id: int,
    source_id: int,
    record: Record,
    *,
    text_sha256: str | None = None,
    merge_reason: str | None = None,
    later: Later | None = None,
    record_dict: dict[str, Any] | None = None,
    engine: str | None = None,
) -> None:
    """:func:`add_incident_source` in one statement (or none, with ``later``).

    ``record_dict``: ``record.to_dict()`` when the caller has it already.

    No ``updated_at`` touch, no search refresh: use :func:`touch_incidents`
    and ``fts.refresh_incidents`` before commit.
    """
    row = {
        "incident_id": incident_id,
        "source_id": source_id,
        "text_sha256": text_sha256,
        "quote": record.quote,
        "start": record.start,
        "end": record.end,
        "language": record.language,
        "record": stored_record(record_dict if record_dict is not None else record.to_dict()),
        "merge_reason": merge_reason,
        "engine": engine,
        "added_at": utc_now(),
    }
    if later is not None:
        later.add("incident_sources", row)
    else:
        session.connection().execute(table_of(IncidentSource).insert(), row)


def touch_incidents(session: Session, incident_ids: Iterable[int]) -> None:
    """Set ``updated_at`` of the given incidents to now (one statement)."""
    ids = sorted(set(incident_ids))
    if ids:
        session.connection().execute(
            table_of(Incident).update().where(Incident.__table__.c.id.in_(ids)).values(updated_at=utc_now())
        )


_LONGEST_SPAN_DAYS = 366  # a date coded to the year (timespan.date_span) spans at most this many days


def merge_candidates(
    session: Session, date_from: str | date, date_to: str | date, *, limit: int = 500
) -> list[MergeCandidate]:
    """Candidate or verified, unmerged incidents whose date span overlaps the range.

    The same rows, in the same order, as ``search_incidents(date_from=…, date_to=…,
    status=["candidate", "verified"], limit=…)``, without counting them and
    without ORM objects. A span is at most a year long, so only incidents
    starting in the year before ``date_from`` can overlap: that bounds the
    index range scanned on ``date_start``.
    """
    lo = date_from if isinstance(date_from, date) else date.fromisoformat(date_from)
    earliest = (lo - timedelta(days=_LONGEST_SPAN_DAYS)).isoformat()
    table = Incident.__table__.c
    statement = (
        select(
            table.id, table.kind, table.event_type, table.date, table.date_precision, table.lat, table.lon,
            table.location_name, table.fatalities, table.injured, table.detained,
        )
        .where(
            table.date_start >= earliest,
            table.date_start <= iso_date(date_to),
            table.date_end >= lo.isoformat(),
            table.status.in_(["candidate", "verified"]),
            table.merged_into.is_(None),
        )
        .order_by(table.date_start.desc(), table.id.desc())
        .limit(limit)
    )
    return [MergeCandidate(*row) for row in session.connection().execute(statement)]


def _supporting(session: Session, incident_ids: Sequence[int]) -> dict[int, list[SupportingSource]]:
    rows = session.execute(
        select(IncidentSource, Source, IncidentOrigin)
        .join(Source, Source.id == IncidentSource.source_id)
        .outerjoin(IncidentOrigin, (IncidentOrigin.incident_id == IncidentSource.incident_id)
                   & (IncidentOrigin.source_id == IncidentSource.source_id))
        .where(IncidentSource.incident_id.in_(incident_ids))
        .order_by(IncidentSource.id)
    ).all()
    result: dict[int, list[SupportingSource]] = {i: [] for i in incident_ids}
    for link, source, origin in rows:
        result[link.incident_id].append(
            SupportingSource(
                link_id=link.id,
                source_id=source.id,
                locator=source.locator,
                kind=source.kind,
                title=source.title,
                published=source.published,
                original_sha256=source.original_sha256,
                text_sha256=link.text_sha256,
                quote=link.quote,
                start=link.start,
                end=link.end,
                language=link.language,
                record=full_record(link),
                merge_reason=link.merge_reason,
                added_at=link.added_at,
                origin_source_id=origin.origin_source_id if origin is not None else None,
                origin_kind=origin.kind if origin is not None else None,
                similarity=origin.similarity if origin is not None else None,
                copy_reason=origin.reason if origin is not None else None,
                engine=link.engine,
            )
        )
    return result


def get_incident(session: Session, incident_id: int) -> IncidentDetail[Incident, Edit] | None:
    """The incident with its supporting sources (quotes, offsets) and edit history."""
    incident = session.get(Incident, incident_id)
    if incident is None:
        return None
    return IncidentDetail(
        incident=incident,
        sources=_supporting(session, [incident_id])[incident_id],
        edits=edits_for_incident(session, incident_id),
    )


@dataclass(frozen=True)
class Narrowing:
    """Filters beyond the search's positional ones: a supporting source's language or id, dated or not, with
    coordinates or not (None: either), independent origins (how many at least, one of a kind)."""

    language: str | None = None
    source_id: int | None = None
    dated: bool | None = None
    has_coordinates: bool | None = None
    sensitivity: str | None = None  # a mark the incident carries, or "none": marked with nothing
    min_origins: int | None = None  # at least this many independent origins
    origin_kind: str | None = None  # an independent origin of this kind (court_record, official …)
    max_origins: int | None = None  # at most this many independent origins (1: uncorroborated)
    heavy_types: tuple[str, ...] | None = None  # high impact: someone killed, injured or detained, or of these types
    max_info_grade: int | None = None  # an information grade (Admiralty 1-6) this good or better: 1 confirmed …

    def apply(self, statement: Select[Incident]) -> Select[Incident]:
        links = IncidentSource.__table__.c
        origins = IncidentOrigin.__table__.c
        own = origins.source_id == origins.origin_source_id
        if self.min_origins is not None and self.min_origins > 0:
            statement = statement.where(Incident.id.in_(
                select(origins.incident_id).where(own).group_by(origins.incident_id)
                .having(func.count() >= self.min_origins)))
        if self.max_origins is not None:
            statement = statement.where(Incident.id.not_in(
                select(origins.incident_id).where(own).group_by(origins.incident_id)
                .having(func.count() > self.max_origins)))
        if self.heavy_types is not None:
            statement = statement.where(or_(Incident.fatalities > 0, Incident.injured > 0, Incident.detained > 0,
                                            Incident.event_type.in_(self.heavy_types)))
        if self.max_info_grade is not None and self.max_info_grade < 6:  # no grade stored: 6, cannot be judged
            grades = IncidentGrade.__table__.c
            statement = statement.where(Incident.id.in_(
                select(grades.incident_id).where(grades.grade <= str(self.max_info_grade))))
        if self.origin_kind is not None:
            statement = statement.where(Incident.id.in_(
                select(origins.incident_id).where(own, origins.kind == self.origin_kind)))
        if self.language is not None:
            statement = statement.where(Incident.id.in_(
                select(links.incident_id).where(links.language == self.language)))
        if self.source_id is not None:
            statement = statement.where(Incident.id.in_(
                select(links.incident_id).where(links.source_id == self.source_id)))
        if self.dated is not None:
            statement = statement.where(Incident.date.is_not(None) if self.dated else Incident.date.is_(None))
        if self.has_coordinates is not None:
            statement = statement.where(Incident.lat.is_not(None) if self.has_coordinates
                                        else Incident.lat.is_(None))
        if self.sensitivity is not None:  # the list's JSON text, the same on SQLite and PostgreSQL's jsonb
            marks = cast(Incident.sensitivity, Text)
            statement = statement.where(marks == "[]" if self.sensitivity == "none"
                                        else marks.like(f'%"{self.sensitivity}"%'))
        return statement


def _ordered(statement: Select[Incident], order: str) -> Select[Incident]:
    """``statement`` sorted by ``order`` (a key of :data:`ORDERS`, ``-`` first for descending); nulls last."""
    descending = order.startswith("-")
    column = keyset.column_of(order)
    if descending:
        return statement.order_by(column.desc().nulls_last(), Incident.id.desc())
    return statement.order_by(column.asc().nulls_last(), Incident.id.asc())


def source_counts(session: Session, incident_ids: Sequence[int]) -> dict[int, int]:
    """How many sources support each of the incidents (one query)."""
    links = IncidentSource.__table__.c
    rows = session.execute(select(links.incident_id, func.count()).where(links.incident_id.in_(incident_ids))
                           .group_by(links.incident_id))
    counts = dict.fromkeys(incident_ids, 0)
    counts.update({int(incident_id): int(n) for incident_id, n in rows})
    return counts


def _search_statement(
    session: Session,
    q: str | None,
    type: str | Sequence[str] | None,  # noqa: A002 - the name the callers use
    date_from: str | date | None,
    date_to: str | date | None,
    admin1: str | Sequence[str] | None,
    status: str | Sequence[str] | None,
    include_merged: bool,
    place_names: Callable[[str], Iterable[str]] | None,
    narrowing: Narrowing | None = None,
    *,
    match: Callable[[fts.SqliteMatch], None] | None = None,
) -> Select[Incident]:
    """The search as one statement; ``match``: on SQLite, a query's words are read by joining the full-text
    table (:func:`letopis.db.fts.sqlite_match`), which is given to ``match`` (to sort by it)."""
    statement = select(Incident)
    if narrowing is not None:
        statement = narrowing.apply(statement)
    types = ([type] if isinstance(type, str) else list(type)) if type else []
    statuses = ([status] if isinstance(status, str) else list(status)) if status else []
    regions = ([admin1] if isinstance(admin1, str) else list(admin1)) if admin1 else []
    if q and match is not None and session.get_bind().dialect.name == "sqlite":
        found = fts.sqlite_match(q, place_names, types=types, regions=regions, statuses=statuses,
                                 date_from=date_from, date_to=date_to, live=not include_merged,
                                 longest_span_days=_LONGEST_SPAN_DAYS,
                                 expand=search_terms.term_lookup(session.connection()))
        if found is not None:
            joined = fts.CrossJoin(found.table, table_of(Incident), Incident.id == found.incident_id)
            statement = statement.select_from(joined)
            statement = statement.where(*found.conditions)
            match(found)
    elif q:
        condition = fts.match_incident_ids(session, q, place_names)
        if condition is not None:
            statement = statement.where(condition)
    if types:
        statement = statement.where(Incident.event_type.in_(types))
    if statuses:
        statement = statement.where(Incident.status.in_(statuses))
    if regions:
        statement = statement.where(Incident.admin1.in_(regions))
    if date_from is not None:
        # a span is at most _LONGEST_SPAN_DAYS long: the lower bound on date_start changes nothing found,
        # and makes the filter a range of the newest-first indexes
        statement = statement.where(Incident.date_end >= iso_date(date_from),
                                    Incident.date_start >= _days_before(date_from, _LONGEST_SPAN_DAYS))
    if date_to is not None:
        statement = statement.where(Incident.date_start <= iso_date(date_to))
    if not include_merged:
        statement = statement.where(Incident.merged_into.is_(None))
    return statement


def _days_before(value: str | date, days: int) -> str:
    """The ISO day ``days`` before ``value`` (a date, or its ISO text; other text: as low as any date)."""
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else value
    except ValueError:
        return ""
    return (day - timedelta(days=days)).isoformat()


# search_incidents counts the matches up to this many; past it the page's total is this, marked not exact
COUNT_CAP = 10_000
_SURELY_MORE = 1.5  # PostgreSQL, a search with words: an estimate this many times the cap is taken as past it


def _estimate(session: Session, statement: Select[Any]) -> float:
    """PostgreSQL: the planner's estimate of the rows ``statement`` gives (no row is read)."""
    compiled = statement.compile(dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True})
    found = session.connection().exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params).scalar()
    plan: Any = json.loads(found) if isinstance(found, str) else found
    return float(plan[0]["Plan"]["Plan Rows"])


def _newest_first(statement: Select[Incident]) -> Select[Incident]:
    return statement.order_by(Incident.date_start.desc().nulls_last(), Incident.id.desc())


def search_incidents(
    session: Session,
    q: str | None = None,
    type: str | Sequence[str] | None = None,  # noqa: A002 - the name the callers use
    date_from: str | date | None = None,
    date_to: str | date | None = None,
    admin1: str | Sequence[str] | None = None,
    status: str | Sequence[str] | None = None,
    limit: int = 50,
    offset: int = 0,
    *,
    include_merged: bool = False,
    place_names: Callable[[str], Iterable[str]] | None = None,
    narrowing: Narrowing | None = None,
    order: str = "-date",
    count_cap: int | None = COUNT_CAP,
    after: Seek | None = None,
    before: Seek | None = None,
) -> SearchPage[Incident]:
    """Incidents matching all given filters, newest first.

    ``q``: words, each matched as a prefix, all required (summary, quotes,
    place, source titles); ``place_names`` gives other names of the places the
    words name (:func:`letopis.db.fts.query_groups`). ``admin1``: one region
    or any of several, by the stored (English) name. ``date_from``/``date_to``
    (``YYYY-MM-DD``): keep incidents whose date span overlaps the range.
    Incidents merged into another are left out unless ``include_merged``.

    The page is the ``limit`` rows after ``offset`` of them, or, given a
    :class:`~letopis.db.keyset.Seek` of this ``order``, the rows right after
    the row ``after`` names or right before the one ``before`` names (keyset
    pages: as fast deep in the list as at its head; ``offset`` must be 0).
    The page's ``after`` and ``before`` are the page tokens of the pages
    next to it (:func:`letopis.db.keyset.token`), None at either end.

    ``total`` counts the matches up to ``count_cap`` (at least the page's
    end): past it ``total`` is that bound and ``exact`` is False — counting a
    million matches would take longer than finding the page (None: count all).
    On PostgreSQL a search with words whose planner's estimate is more than
    1.5 times the cap is not counted: ``total`` is the cap, not exact.
    """
    seek = after or before
    if seek is not None and (seek.order != order or offset or (after and before)):
        raise ValueError("a keyset page needs one row to start from, of the list's own order, and no offset")
    matched: list[fts.SqliteMatch] = []
    statement = _search_statement(session, q, type, date_from, date_to, admin1, status, include_merged, place_names,
                                  narrowing, match=matched.append)
    items = _page_rows(session, statement, order, matched[0] if matched else None, limit + 1, offset, after, before)
    more = len(items) > limit
    items = items[:limit]
    if before is not None:
        items.reverse()
    next_token, previous_token = _tokens(order, items, more, offset, after, before)
    if seek is None and not more and (items or offset == 0):  # the last page: the total is known
        total, exact = offset + len(items), True
    else:
        total, exact = _count(session, statement, q, matched[0] if matched else None, narrowing, count_cap,
                              offset + limit)
    return SearchPage(items=items, total=total, limit=limit, offset=offset, exact=exact, after=next_token,
                      before=previous_token)


def _page_rows(session: Session, statement: Select[Incident], order: str, matched: fts.SqliteMatch | None,
               limit: int, offset: int, after: Seek | None, before: Seek | None) -> list[Incident]:
    """The page's rows (``limit`` of them at most), nearest the start first (so backwards for ``before``)."""
    seek = after or before
    if matched is not None and order == "-date":  # the documents' rowids are this order: read newest first
        if seek is not None:
            key = fts.sort_key(seek.value, seek.id)
            rowid = matched.newest
            statement = statement.where(rowid > key if before else rowid < key)
        page = statement.order_by(matched.newest.asc() if before else matched.newest.desc())
        return list(session.scalars(page.limit(limit).offset(offset)))
    if seek is not None:
        return keyset.seek_page(session, statement, seek, limit, backward=before is not None)
    return list(session.scalars(_ordered(statement, order).limit(limit).offset(offset)))


def _tokens(order: str, items: Sequence[Incident], more: bool, offset: int, after: Seek | None,
            before: Seek | None) -> tuple[str | None, str | None]:
    """The page tokens of the pages after and before one page of a list (None: none there)."""
    if not items:
        return None, None
    has_next = more if before is None else True
    has_previous = (offset > 0 or after is not None) if before is None else more
    return (keyset.token(keyset.seek_of(order, items[-1])) if has_next else None,
            keyset.token(keyset.seek_of(order, items[0])) if has_previous else None)


def _count(session: Session, statement: Select[Incident], q: str | None, matched: fts.SqliteMatch | None,
           narrowing: Narrowing | None, count_cap: int | None, at_least: int) -> tuple[int, bool]:
    """How many rows ``statement`` finds, up to ``count_cap`` (and True when that is all of them)."""
    if count_cap is None:
        return session.scalar(select(func.count()).select_from(statement.subquery())) or 0, True
    cap = max(count_cap, at_least)
    if matched is not None and matched.exact and (narrowing is None or narrowing == Narrowing()):
        counting = matched.documents  # every filter was a facet: the documents alone are the count
    else:
        counting = statement.with_only_columns(Incident.id)
    if q and session.get_bind().dialect.name == "postgresql" and _estimate(session, counting) > _SURELY_MORE * cap:
        # counting even 10,000 matches of a common word costs PostgreSQL a check of each row's tsvector (a
        # second at a million incidents); its planner's estimate, far past the cap, says enough
        return cap, False
    if session.get_bind().dialect.name == "postgresql":
        # at most cap + 1 rows, read down an index: starting parallel workers costs more than it saves (100 ms
        # for a count of 70 rows at a million incidents on a busy machine); until the transaction ends
        session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))
    total = session.scalar(select(func.count()).select_from(counting.limit(cap + 1).subquery())) or 0
    return min(total, cap), total <= cap


def count_incidents(
    session: Session,
    q: str | None = None,
    type: str | Sequence[str] | None = None,  # noqa: A002 - the name the callers use
    date_from: str | date | None = None,
    date_to: str | date | None = None,
    admin1: str | Sequence[str] | None = None,
    status: str | Sequence[str] | None = None,
    *,
    include_merged: bool = False,
    place_names: Callable[[str], Iterable[str]] | None = None,
    narrowing: Narrowing | None = None,
) -> int:
    """How many incidents :func:`search_incidents` would find with these filters."""
    statement = _search_statement(session, q, type, date_from, date_to, admin1, status, include_merged, place_names,
                                  narrowing)
    return session.scalar(select(func.count()).select_from(statement.subquery())) or 0


def iter_incidents(
    session: Session,
    q: str | None = None,
    type: str | Sequence[str] | None = None,  # noqa: A002 - the name the callers use
    date_from: str | date | None = None,
    date_to: str | date | None = None,
    admin1: str | Sequence[str] | None = None,
    status: str | Sequence[str] | None = None,
    limit: int | None = None,
    *,
    include_merged: bool = False,
    place_names: Callable[[str], Iterable[str]] | None = None,
    narrowing: Narrowing | None = None,
    batch: int = 500,
) -> Iterator[IncidentDetail[Incident, Edit]]:
    """Every incident :func:`search_incidents` finds (or the first ``limit``), newest first, with details.

    One query streamed ``batch`` rows at a time (a server-side cursor on
    PostgreSQL), each batch's sources and edits read in one query each:
    memory stays flat however many incidents there are. Consume it inside the
    session.
    """
    statement = _newest_first(
        _search_statement(session, q, type, date_from, date_to, admin1, status, include_merged, place_names,
                          narrowing)
    )
    if limit is not None:
        statement = statement.limit(limit)
    result = session.scalars(statement.execution_options(yield_per=batch))
    for incidents in result.partitions():
        ids = [incident.id for incident in incidents]
        sources = _supporting(session, ids)
        edits = edits_of(session, ids)
        for incident in incidents:  # the session holds clean objects weakly: nothing piles up
            yield IncidentDetail(incident, sources[incident.id], edits[incident.id])


def place_date_counts(
    session: Session,
    q: str | None = None,
    type: str | Sequence[str] | None = None,  # noqa: A002 - the name the callers use
    date_from: str | date | None = None,
    date_to: str | date | None = None,
    admin1: str | Sequence[str] | None = None,
    status: str | Sequence[str] | None = None,
    *,
    include_merged: bool = False,
    place_names: Callable[[str], Iterable[str]] | None = None,
    narrowing: Narrowing | None = None,
    skip_rejected: bool = False,
) -> list[tuple[str | None, str | None, str | None, str | None, int]]:
    """How many of the incidents :func:`iter_incidents` finds (not statistics; not rejected ones when
    ``skip_rejected``) share each (country, admin1, date, date precision): one grouped query."""
    found = _search_statement(session, q, type, date_from, date_to, admin1, status, include_merged, place_names,
                              narrowing).subquery()
    columns = (found.c.country, found.c.admin1, found.c.date, found.c.date_precision)
    wanted = [found.c.kind == "incident"] + ([found.c.status != "rejected"] if skip_rejected else [])
    rows = session.execute(select(*columns, func.count()).where(*wanted).group_by(*columns))
    return [(country, admin1_, day, precision, count) for country, admin1_, day, precision, count in rows]


def incidents_for_source(session: Session, source_id: int) -> list[Incident]:
    return list(
        session.scalars(
            select(Incident)
            .join(IncidentSource, IncidentSource.incident_id == Incident.id)
            .where(IncidentSource.source_id == source_id)
            .order_by(Incident.id)
        )
    )


def statistics_for_source(session: Session, source_id: int) -> list[Statistic]:
    return list(session.scalars(select(Statistic).where(Statistic.source_id == source_id).order_by(Statistic.id)))
