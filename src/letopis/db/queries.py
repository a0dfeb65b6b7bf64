"""Repository functions: reads and writes of rows, no business rules.

Every function takes an open :class:`~sqlalchemy.orm.Session` (from
``Database.session()``) and neither commits nor rolls back, so a caller can
put a source, its captures, texts, incidents, a custody event and the ingest
bookkeeping in one transaction. Functions that change what the full-text
index covers refresh it themselves.

Records from other stages are taken duck-typed: a capture as ingest's
``Capture``; an incident record as extract's ``Record`` (``to_dict()`` plus
its fields); stored artefacts as anything with ``role, sha256, size,
media_type, name`` (``letopis.evidence.capture.StoredArtefact``).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol, cast

from sqlalchemy import CursorResult, Select, Table, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload

from letopis.db import fts
from letopis.db.dates import date_span
from letopis.db.models import (
    Blob,
    Capture,
    CaptureArtefact,
    DerivedText,
    Edit,
    Incident,
    IncidentSource,
    IngestItem,
    MergeFlag,
    Source,
    SourceText,
    Statistic,
)
from letopis.db.types import utc_now

__all__ = [
    "StoredArtefactLike", "CaptureLike", "RecordLike", "LocationLike",
    "CaptureResult", "SupportingSource", "IncidentDetail", "SearchPage",
    "EDITABLE_FIELDS",
    "put_blob", "get_blob", "blob_exists", "add_text", "get_text",
    "Later", "put_blobs", "add_capture", "latest_capture_id", "get_capture", "captures_for_source",
    "get_source", "find_source", "source_texts", "set_source_title",
    "add_incident", "add_incident_source", "add_statistic", "add_record",
    "insert_incident", "link_incident_source", "touch_incidents", "MergeCandidate", "merge_candidates",
    "get_incident", "search_incidents", "count_incidents", "iter_incidents",
    "incidents_for_source", "statistics_for_source",
    "record_edit", "set_status", "edits_for_incident",
    "move_incident_sources", "merge_incidents",
    "add_merge_flag", "list_merge_flags", "resolve_merge_flag",
    "done_items", "done_among", "unfinished_items", "mark_item",
]

logger = logging.getLogger(__name__)


# --------------------------------------------------------------- duck types


class StoredArtefactLike(Protocol):
    @property
    def role(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def size(self) -> int: ...
    @property
    def media_type(self) -> str: ...
    @property
    def name(self) -> str | None: ...


class CaptureLike(Protocol):
    @property
    def source_kind(self) -> str: ...
    @property
    def locator(self) -> str: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def finished_at(self) -> datetime: ...
    @property
    def method(self) -> str: ...
    @property
    def tool(self) -> str: ...
    @property
    def final_url(self) -> str | None: ...
    @property
    def parent(self) -> str | None: ...
    @property
    def published(self) -> datetime | None: ...
    @property
    def title(self) -> str | None: ...
    @property
    def text(self) -> str | None: ...
    @property
    def text_method(self) -> str | None: ...
    @property
    def language_hint(self) -> str | None: ...
    @property
    def metadata(self) -> Mapping[str, str]: ...
    @property
    def error(self) -> str | None: ...


class LocationLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def admin1(self) -> str | None: ...
    @property
    def country(self) -> str: ...
    @property
    def lat(self) -> float: ...
    @property
    def lon(self) -> float: ...
    @property
    def geo_precision(self) -> int: ...


class RecordLike(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def date(self) -> str | None: ...
    @property
    def date_precision(self) -> str | None: ...
    @property
    def event_type(self) -> str: ...
    @property
    def location(self) -> LocationLike | None: ...
    @property
    def fatalities(self) -> int | None: ...
    @property
    def injured(self) -> int | None: ...
    @property
    def detained(self) -> int | None: ...
    @property
    def actors(self) -> Sequence[str]: ...
    @property
    def summary(self) -> str: ...
    @property
    def quote(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def language(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def metric(self) -> str | None: ...
    @property
    def value(self) -> int | None: ...
    @property
    def period(self) -> str | None: ...

    def to_dict(self) -> dict[str, Any]: ...


# --------------------------------------------------------------- results


@dataclass(frozen=True)
class CaptureResult:
    capture_id: int
    source_id: int | None  # None when the capture read no bytes (failed, container)
    source_created: bool  # False: same locator and bytes were already a source
    text_sha256: str | None


@dataclass(frozen=True)
class SupportingSource:
    link_id: int
    source_id: int
    locator: str
    kind: str
    title: str | None
    published: datetime | None
    original_sha256: str
    text_sha256: str | None
    quote: str
    start: int | None
    end: int | None
    language: str | None
    record: dict[str, Any]
    merge_reason: str | None
    added_at: datetime


@dataclass(frozen=True)
class IncidentDetail:
    incident: Incident
    sources: list[SupportingSource]
    edits: list[Edit] = field(default_factory=list)


@dataclass(frozen=True)
class SearchPage:
    items: list[Incident]
    total: int
    limit: int
    offset: int


# --------------------------------------------------------------- helpers


def _insert_ignore(session: Session, model: type[Any], values: Mapping[str, Any], keys: Sequence[str]) -> None:
    """INSERT … ON CONFLICT (keys) DO NOTHING on either backend."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(model).values(**values).on_conflict_do_nothing(index_elements=list(keys))
    session.execute(statement)


_STATEMENTS: dict[tuple[str, str], Any] = {}


def _table(model: type[Any]) -> Table:
    """A mapped class's table (``__table__`` is typed as a plain FromClause)."""
    return cast(Table, model.__table__)


def _inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the row a single-row INSERT made."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _insert_ignore_statement(session: Session, model: type[Any], keys: Sequence[str]) -> Any:
    """A cached ``INSERT … ON CONFLICT (keys) DO NOTHING`` for executemany on either backend."""
    dialect = session.get_bind().dialect.name
    cache_key = (dialect, f"ignore:{model.__tablename__}:{','.join(keys)}")
    statement = _STATEMENTS.get(cache_key)
    if statement is None:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = insert(model.__table__).on_conflict_do_nothing(index_elements=list(keys))
        _STATEMENTS[cache_key] = statement
    return statement


def _iso(value: str | date | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


# --------------------------------------------------------------- blobs, texts


def put_blob(session: Session, sha256: str, size: int, media_type: str) -> None:
    """Record a stored object (idempotent: the first media type is kept)."""
    _insert_ignore(
        session, Blob, {"sha256": sha256, "size": size, "media_type": media_type, "created": utc_now()}, ["sha256"]
    )


def put_blobs(session: Session, artefacts: Sequence[StoredArtefactLike]) -> None:
    """Record stored objects in one statement (idempotent, like :func:`put_blob`)."""
    if not artefacts:
        return
    now = utc_now()
    rows = [{"sha256": a.sha256, "size": a.size, "media_type": a.media_type, "created": now} for a in artefacts]
    statement = _insert_ignore_statement(session, Blob, ["sha256"])
    session.connection().execute(statement, rows[0] if len(rows) == 1 else rows)


def get_blob(session: Session, sha256: str) -> Blob | None:
    return session.get(Blob, sha256)


def blob_exists(session: Session, sha256: str) -> bool:
    return session.scalar(select(func.count()).select_from(Blob).where(Blob.sha256 == sha256)) == 1


def add_text(session: Session, content: str, *, derived_from: str, method: str) -> str:
    """Store a derived text (idempotent); returns the SHA-256 of its UTF-8 bytes."""
    sha = hashlib.sha256(content.encode("utf-8")).hexdigest()
    session.connection().execute(
        _insert_ignore_statement(session, DerivedText, ["sha256"]),
        {"sha256": sha, "derived_from": derived_from, "method": method, "content": content, "created": utc_now()},
    )
    return sha


def get_text(session: Session, sha256: str) -> DerivedText | None:
    return session.get(DerivedText, sha256)


# --------------------------------------------------------------- rows that can wait


class Later:
    """Rows whose INSERT can wait until just before the transaction commits.

    Rows nothing reads back while the transaction is open (a capture's
    artefacts, derived texts, custody entries, supporting-source links, the
    ingest bookkeeping) are collected here and written with one executemany
    per table by :meth:`flush`, in foreign-key order. :meth:`mark` and
    :meth:`rollback` drop what was added since a savepoint that rolled back.
    Flush before reading any of these tables, and before commit.
    """

    ORDER = ("texts", "source_texts", "capture_artefacts", "incident_sources", "custody_log", "ingest_items")

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in self.ORDER}

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows[table].append(row)

    def __len__(self) -> int:
        return sum(len(rows) for rows in self.rows.values())

    def mark(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.rows.items()}

    def rollback(self, mark: dict[str, int]) -> None:
        for name, rows in self.rows.items():
            del rows[mark[name]:]

    def flush(self, session: Session) -> None:
        connection = session.connection()
        for name in self.ORDER:
            rows = self.rows[name]
            if not rows:
                continue
            if name == "texts":
                unique = list({r["sha256"]: r for r in reversed(rows)}.values())
                connection.execute(_insert_ignore_statement(session, DerivedText, ["sha256"]), unique)
            elif name == "source_texts":
                unique = list({(r["source_id"], r["text_sha256"]): r for r in rows}.values())
                connection.execute(_insert_ignore_statement(session, SourceText, ["source_id", "text_sha256"]), unique)
            elif name == "ingest_items":  # the last state of an item wins
                unique = list({(r["collection"], r["item"]): r for r in rows}.values())
                connection.execute(_mark_item_statement(session), unique)
            else:
                model = {"capture_artefacts": CaptureArtefact, "incident_sources": IncidentSource}.get(name)
                table = _table(model) if model is not None else _custody_table()
                connection.execute(table.insert(), rows)
            rows.clear()


def _custody_table() -> Any:
    from letopis.db.models import CustodyEntry

    return CustodyEntry.__table__


# --------------------------------------------------------------- captures, sources


def _original(artefacts: Sequence[StoredArtefactLike]) -> StoredArtefactLike | None:
    for role in ("original", "text"):
        for artefact in artefacts:
            if artefact.role == role:
                return artefact
    return None


_LOOKUP: Any = object()  # add_capture(parent_id=…) default: look the parent up


def add_capture(
    session: Session,
    capture: CaptureLike,
    artefacts: Sequence[StoredArtefactLike],
    *,
    collector: str,
    parent_id: int | None = _LOOKUP,
    later: Later | None = None,
) -> CaptureResult:
    """Record one capture whose artefacts are already in the object store.

    The source is found or created by (locator, original bytes): the
    ``original`` artefact, else the ``text`` one. Re-ingesting the same bytes
    adds a capture row (and a text if derived differently) and nothing else.
    ``capture.parent`` (a locator) links to the latest capture of that locator
    (:func:`latest_capture_id`); a caller that already knows it passes
    ``parent_id``. Core statements (no ORM objects): about six per capture;
    three with ``later`` (the artefact, text and source-text rows wait there).
    """
    session.flush()  # ORM objects the caller added go first (foreign keys)
    connection = session.connection()
    put_blobs(session, artefacts)

    source_id: int | None = None
    created = False
    original = _original(artefacts)
    if original is not None:
        source_id = connection.execute(
            _insert_ignore_statement(session, Source, ["locator", "original_sha256"]).returning(Source.__table__.c.id),
            {
                "locator": capture.locator,
                "kind": capture.source_kind,
                "original_sha256": original.sha256,
                "published": capture.published,
                "title": capture.title,
                "language": capture.language_hint,
                "created": utc_now(),
            },
        ).scalar()
        created = source_id is not None
        if source_id is None:  # the same bytes of the same locator: a known source
            source_id = find_source(session, capture.locator, original.sha256)
        assert source_id is not None

    if parent_id is _LOOKUP:
        parent_id = latest_capture_id(session, capture.parent) if capture.parent else None

    table = _table(Capture)
    capture_id = _inserted_id(connection.execute(
        table.insert(),
        {
            "source_kind": capture.source_kind,
            "locator": capture.locator,
            "final_url": capture.final_url,
            "started_at": capture.started_at,
            "finished_at": capture.finished_at,
            "collector": collector,
            "tool": capture.tool,
            "method": capture.method,
            "parent_id": parent_id,
            "source_id": source_id,
            "published": capture.published,
            "title": capture.title,
            "metadata": dict(capture.metadata),
            "error": capture.error,
        },
    ))
    artefact_rows = [{"capture_id": capture_id, "sha256": a.sha256, "role": a.role, "name": a.name} for a in artefacts]
    if later is not None:
        for row in artefact_rows:
            later.add("capture_artefacts", row)
    elif artefact_rows:
        connection.execute(_table(CaptureArtefact).insert(), artefact_rows)

    text_sha = None
    if capture.text is not None and original is not None and source_id is not None:
        method = capture.text_method or "unknown"
        if later is not None:
            text_sha = hashlib.sha256(capture.text.encode("utf-8")).hexdigest()
            later.add("texts", {"sha256": text_sha, "derived_from": original.sha256, "method": method,
                                "content": capture.text, "created": utc_now()})
            later.add("source_texts", {"source_id": source_id, "text_sha256": text_sha})
        else:
            text_sha = add_text(session, capture.text, derived_from=original.sha256, method=method)
            connection.execute(
                _insert_ignore_statement(session, SourceText, ["source_id", "text_sha256"]),
                {"source_id": source_id, "text_sha256": text_sha},
            )
    logger.debug("capture %s of %s -> source %s (new: %s)", capture_id, capture.locator, source_id, created)
    return CaptureResult(capture_id=capture_id, source_id=source_id, source_created=created, text_sha256=text_sha)


def latest_capture_id(session: Session, locator: str) -> int | None:
    """The newest capture of ``locator`` (the parent a child capture links to)."""
    table = Capture.__table__.c
    return session.connection().execute(select(func.max(table.id)).where(table.locator == locator)).scalar()


def get_capture(session: Session, capture_id: int) -> Capture | None:
    return session.scalars(
        select(Capture).where(Capture.id == capture_id).options(selectinload(Capture.artefacts))
    ).one_or_none()


def captures_for_source(session: Session, source_id: int) -> list[Capture]:
    return list(
        session.scalars(
            select(Capture)
            .where(Capture.source_id == source_id)
            .order_by(Capture.id)
            .options(selectinload(Capture.artefacts))
        )
    )


def get_source(session: Session, source_id: int) -> Source | None:
    return session.get(Source, source_id)


def find_source(session: Session, locator: str, original_sha256: str) -> int | None:
    table = Source.__table__.c
    return session.connection().execute(
        select(table.id).where(table.locator == locator, table.original_sha256 == original_sha256)
    ).scalar()


def source_texts(session: Session, source_id: int) -> list[DerivedText]:
    return list(
        session.scalars(
            select(DerivedText)
            .join(SourceText, SourceText.text_sha256 == DerivedText.sha256)
            .where(SourceText.source_id == source_id)
            .order_by(DerivedText.created, DerivedText.sha256)
        )
    )


def set_source_title(session: Session, source_id: int, title: str | None) -> None:
    source = session.get(Source, source_id)
    if source is None:
        raise KeyError(f"no source {source_id}")
    source.title = title
    fts.refresh_incidents(
        session, session.scalars(select(IncidentSource.incident_id).where(IncidentSource.source_id == source_id))
    )


# --------------------------------------------------------------- incidents, statistics


def _location_fields(location: LocationLike | None) -> dict[str, Any]:
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


def add_incident(
    session: Session,
    record: RecordLike,
    *,
    source_id: int,
    text_sha256: str | None = None,
    status: str = "candidate",
    merge_reason: str | None = None,
) -> Incident:
    """A new incident from a record, supported by ``source_id`` with its quote, searchable at once."""
    incident_id = insert_incident(session, record, source_id=source_id, text_sha256=text_sha256, status=status,
                                  merge_reason=merge_reason)
    fts.refresh_incident(session, incident_id)
    incident = session.get(Incident, incident_id)
    assert incident is not None
    return incident


def add_incident_source(
    session: Session,
    incident_id: int,
    source_id: int,
    record: RecordLike,
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
    record: RecordLike,
    *,
    source_id: int,
    text_sha256: str | None = None,
    status: str = "candidate",
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
        created_at=now,
        updated_at=now,
    )
    session.add(statistic)
    session.flush()
    return statistic


def add_record(
    session: Session, record: RecordLike, *, source_id: int, text_sha256: str | None = None
) -> Incident | Statistic:
    """:func:`add_statistic` for ``kind == "statistic"``, else :func:`add_incident`."""
    if record.kind == "statistic":
        return add_statistic(session, record, source_id=source_id, text_sha256=text_sha256)
    return add_incident(session, record, source_id=source_id, text_sha256=text_sha256)


def insert_incident(
    session: Session,
    record: RecordLike,
    *,
    source_id: int,
    text_sha256: str | None = None,
    status: str = "candidate",
    merge_reason: str | None = None,
    later: Later | None = None,
    record_dict: dict[str, Any] | None = None,
) -> int:
    """:func:`add_incident` without ORM objects or a search refresh: returns the id.

    Two statements (the incident, its supporting source). The caller puts the
    search document (``fts.put_documents`` / ``fts.refresh_incidents``) before
    its transaction commits — the ingest does it once per group.
    """
    start, end = date_span(record.date, record.date_precision)
    now = utc_now()
    connection = session.connection()
    incident_id = _inserted_id(connection.execute(
        _table(Incident).insert(),
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
            "created_at": now,
            "updated_at": now,
        },
    ))
    link_incident_source(session, incident_id, source_id, record, text_sha256=text_sha256,
                         merge_reason=merge_reason, later=later, record_dict=record_dict)
    return int(incident_id)


def link_incident_source(
    session: Session,
    incident_id: int,
    source_id: int,
    record: RecordLike,
    *,
    text_sha256: str | None = None,
    merge_reason: str | None = None,
    later: Later | None = None,
    record_dict: dict[str, Any] | None = None,
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
        "record": record_dict if record_dict is not None else record.to_dict(),
        "merge_reason": merge_reason,
        "added_at": utc_now(),
    }
    if later is not None:
        later.add("incident_sources", row)
    else:
        session.connection().execute(_table(IncidentSource).insert(), row)


def touch_incidents(session: Session, incident_ids: Iterable[int]) -> None:
    """Set ``updated_at`` of the given incidents to now (one statement)."""
    ids = sorted(set(incident_ids))
    if ids:
        session.connection().execute(
            _table(Incident).update().where(Incident.__table__.c.id.in_(ids)).values(updated_at=utc_now())
        )


@dataclass(frozen=True)
class MergeCandidate:
    """The fields merging compares (a row, not an ORM object)."""

    id: int
    kind: str
    event_type: str
    date: str | None
    date_precision: str | None
    lat: float | None
    lon: float | None
    location_name: str | None
    fatalities: int | None
    injured: int | None
    detained: int | None


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
            table.date_start <= _iso(date_to),
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
        select(IncidentSource, Source)
        .join(Source, Source.id == IncidentSource.source_id)
        .where(IncidentSource.incident_id.in_(incident_ids))
        .order_by(IncidentSource.id)
    ).all()
    result: dict[int, list[SupportingSource]] = {i: [] for i in incident_ids}
    for link, source in rows:
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
                record=link.record,
                merge_reason=link.merge_reason,
                added_at=link.added_at,
            )
        )
    return result


def get_incident(session: Session, incident_id: int) -> IncidentDetail | None:
    """The incident with its supporting sources (quotes, offsets) and edit history."""
    incident = session.get(Incident, incident_id)
    if incident is None:
        return None
    return IncidentDetail(
        incident=incident,
        sources=_supporting(session, [incident_id])[incident_id],
        edits=edits_for_incident(session, incident_id),
    )


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
) -> Select[Incident]:
    statement = select(Incident)
    if q:
        condition = fts.match_incident_ids(session, q, place_names)
        if condition is not None:
            statement = statement.where(condition)
    if type:
        types = [type] if isinstance(type, str) else list(type)
        statement = statement.where(Incident.event_type.in_(types))
    if status:
        statuses = [status] if isinstance(status, str) else list(status)
        statement = statement.where(Incident.status.in_(statuses))
    if admin1:
        regions = [admin1] if isinstance(admin1, str) else list(admin1)
        statement = statement.where(Incident.admin1.in_(regions))
    if date_from is not None:
        statement = statement.where(Incident.date_end >= _iso(date_from))
    if date_to is not None:
        statement = statement.where(Incident.date_start <= _iso(date_to))
    if not include_merged:
        statement = statement.where(Incident.merged_into.is_(None))
    return statement


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
) -> SearchPage:
    """Incidents matching all given filters, newest first.

    ``q``: words, each matched as a prefix, all required (summary, quotes,
    place, source titles); ``place_names`` gives other names of the places the
    words name (:func:`letopis.db.fts.query_groups`). ``admin1``: one region
    or any of several, by the stored (English) name. ``date_from``/``date_to``
    (``YYYY-MM-DD``): keep incidents whose date span overlaps the range.
    Incidents merged into another are left out unless ``include_merged``.
    """
    statement = _search_statement(session, q, type, date_from, date_to, admin1, status, include_merged, place_names)
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    items = list(session.scalars(_newest_first(statement).limit(limit).offset(offset)))
    return SearchPage(items=items, total=total, limit=limit, offset=offset)


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
) -> int:
    """How many incidents :func:`search_incidents` would find with these filters."""
    statement = _search_statement(session, q, type, date_from, date_to, admin1, status, include_merged, place_names)
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
    batch: int = 500,
) -> Iterator[IncidentDetail]:
    """Every incident :func:`search_incidents` finds (or the first ``limit``), newest first, with details.

    One query streamed ``batch`` rows at a time (a server-side cursor on
    PostgreSQL), each batch's sources and edits read in one query each:
    memory stays flat however many incidents there are. Consume it inside the
    session.
    """
    statement = _newest_first(
        _search_statement(session, q, type, date_from, date_to, admin1, status, include_merged, place_names)
    )
    if limit is not None:
        statement = statement.limit(limit)
    result = session.scalars(statement.execution_options(yield_per=batch))
    for incidents in result.partitions():
        ids = [incident.id for incident in incidents]
        sources = _supporting(session, ids)
        edits = _edits_of(session, ids)
        for incident in incidents:  # the session holds clean objects weakly: nothing piles up
            yield IncidentDetail(incident, sources[incident.id], edits[incident.id])


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


# --------------------------------------------------------------- edits


EDITABLE_FIELDS: frozenset[str] = frozenset(
    {
        "status", "kind", "date", "date_precision", "event_type", "location_name", "admin1", "country",
        "lat", "lon", "geo_precision", "fatalities", "injured", "detained", "actors", "summary", "confidence",
    }
)
_SEARCHED_FIELDS = frozenset({"summary", "location_name", "admin1"})


def record_edit(
    session: Session, incident_id: int, field_name: str, new: Any, *, actor: str
) -> Edit | None:
    """Set one field and log old → new in ``edits``; None when nothing changed.

    Changing ``date`` or ``date_precision`` recomputes the searchable date span.
    """
    if field_name not in EDITABLE_FIELDS:
        raise ValueError(f"field not editable: {field_name}")
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise KeyError(f"no incident {incident_id}")
    if field_name == "actors" and new is not None:
        new = list(new)
    old = getattr(incident, field_name)
    if old == new:
        return None
    setattr(incident, field_name, new)
    if field_name in ("date", "date_precision"):
        incident.date_start, incident.date_end = date_span(incident.date, incident.date_precision)
    now = utc_now()
    incident.updated_at = now
    edit = Edit(incident_id=incident_id, actor=actor, at=now, field=field_name, old=old, new=new)
    session.add(edit)
    session.flush()
    if field_name in _SEARCHED_FIELDS:
        fts.refresh_incident(session, incident_id)
    return edit


def set_status(session: Session, incident_id: int, status: str, *, actor: str) -> Edit | None:
    return record_edit(session, incident_id, "status", status, actor=actor)


def edits_for_incident(session: Session, incident_id: int) -> list[Edit]:
    return list(session.scalars(select(Edit).where(Edit.incident_id == incident_id).order_by(Edit.id)))


def _edits_of(session: Session, incident_ids: Sequence[int]) -> dict[int, list[Edit]]:
    result: dict[int, list[Edit]] = {i: [] for i in incident_ids}
    for edit in session.scalars(select(Edit).where(Edit.incident_id.in_(incident_ids)).order_by(Edit.id)):
        result[edit.incident_id].append(edit)
    return result


# --------------------------------------------------------------- merging


def move_incident_sources(
    session: Session,
    from_id: int,
    to_id: int,
    *,
    source_ids: Iterable[int] | None = None,
    merge_reason: str | None = None,
) -> int:
    """Move supporting-source rows from one incident to another.

    A source already supporting ``to_id`` is not duplicated (its row on
    ``from_id`` is left in place). Returns the number of rows moved.
    """
    present = set(session.scalars(select(IncidentSource.source_id).where(IncidentSource.incident_id == to_id)))
    statement = select(IncidentSource).where(IncidentSource.incident_id == from_id)
    if source_ids is not None:
        statement = statement.where(IncidentSource.source_id.in_(list(source_ids)))
    moved = 0
    for link in session.scalars(statement):
        if link.source_id in present:
            continue
        link.incident_id = to_id
        if merge_reason is not None:
            link.merge_reason = merge_reason
        moved += 1
    session.flush()
    now = utc_now()
    for incident_id in (from_id, to_id):
        incident = session.get(Incident, incident_id)
        if incident is not None:
            incident.updated_at = now
    fts.refresh_incidents(session, [from_id, to_id])
    return moved


def merge_incidents(session: Session, keep_id: int, drop_id: int, *, reason: str, actor: str) -> int:
    """Move all sources of ``drop_id`` to ``keep_id``; mark ``drop_id`` rejected and merged.

    Open merge flags between the two become ``merged``. Returns rows moved.
    """
    if keep_id == drop_id:
        raise ValueError("cannot merge an incident into itself")
    moved = move_incident_sources(session, drop_id, keep_id, merge_reason=reason)
    drop = session.get(Incident, drop_id)
    if drop is None:
        raise KeyError(f"no incident {drop_id}")
    now = utc_now()
    session.add(Edit(incident_id=drop_id, actor=actor, at=now, field="merged_into", old=drop.merged_into, new=keep_id))
    drop.merged_into = keep_id
    record_edit(session, drop_id, "status", "rejected", actor=actor)
    a, b = sorted((keep_id, drop_id))
    flag = session.scalar(select(MergeFlag).where(MergeFlag.incident_a == a, MergeFlag.incident_b == b))
    if flag is not None and flag.status == "open":
        flag.status, flag.resolved_at, flag.resolved_by = "merged", now, actor
    session.flush()
    return moved


def add_merge_flag(session: Session, incident_a: int, incident_b: int, *, score: float, reason: str) -> MergeFlag:
    """Flag a possible duplicate pair (stored ordered; an existing flag is returned as is)."""
    if incident_a == incident_b:
        raise ValueError("a merge flag needs two different incidents")
    a, b = sorted((incident_a, incident_b))
    _insert_ignore(
        session,
        MergeFlag,
        {"incident_a": a, "incident_b": b, "score": score, "reason": reason, "status": "open", "created_at": utc_now()},
        ["incident_a", "incident_b"],
    )
    flag = session.scalar(select(MergeFlag).where(MergeFlag.incident_a == a, MergeFlag.incident_b == b))
    assert flag is not None
    return flag


def list_merge_flags(
    session: Session, status: str | None = "open", limit: int = 100, offset: int = 0
) -> list[MergeFlag]:
    statement = select(MergeFlag)
    if status is not None:
        statement = statement.where(MergeFlag.status == status)
    return list(session.scalars(statement.order_by(MergeFlag.score.desc(), MergeFlag.id).limit(limit).offset(offset)))


def resolve_merge_flag(session: Session, flag_id: int, status: str, *, actor: str) -> MergeFlag:
    flag = session.get(MergeFlag, flag_id)
    if flag is None:
        raise KeyError(f"no merge flag {flag_id}")
    flag.status, flag.resolved_at, flag.resolved_by = status, utc_now(), actor
    session.flush()
    return flag


# --------------------------------------------------------------- ingest bookkeeping


def done_items(session: Session, collection: str) -> set[str]:
    """Items of ``collection`` whose writes committed (skip them on a re-run)."""
    return set(
        session.scalars(select(IngestItem.item).where(IngestItem.collection == collection, IngestItem.state == "done"))
    )


def unfinished_items(session: Session, collection: str) -> set[str]:
    """Items marked ``started`` or ``failed`` but never ``done`` (redo them)."""
    return set(
        session.scalars(
            select(IngestItem.item).where(IngestItem.collection == collection, IngestItem.state != "done")
        )
    )


def done_among(session: Session, collection: str, items: Sequence[str]) -> set[str]:
    """Which of ``items`` are done (one query per 500; no set of the whole collection in memory)."""
    found: set[str] = set()
    unique = list(dict.fromkeys(items))
    table = IngestItem.__table__.c
    connection = session.connection()
    for i in range(0, len(unique), 500):
        chunk = unique[i : i + 500]
        found.update(
            connection.execute(
                select(table.item).where(table.collection == collection, table.item.in_(chunk), table.state == "done")
            ).scalars()
        )
    return found


def _mark_item_statement(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    cache_key = (dialect, "mark_item")
    statement = _STATEMENTS.get(cache_key)
    if statement is None:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        base = insert(_table(IngestItem))
        table = IngestItem.__table__.c
        statement = base.on_conflict_do_update(
            index_elements=["collection", "item"],
            set_={
                "state": base.excluded.state,
                "source_id": func.coalesce(base.excluded.source_id, table.source_id),
                "detail": base.excluded.detail,
                "updated_at": base.excluded.updated_at,
            },
        )
        _STATEMENTS[cache_key] = statement
    return statement


def mark_item(
    session: Session,
    collection: str,
    item: str,
    state: str,
    *,
    source_id: int | None = None,
    detail: str | None = None,
    later: Later | None = None,
) -> None:
    """Upsert the state of one item (one statement, or none with ``later``).

    Mark ``done`` inside the item's own transaction.
    """
    row = {"collection": collection, "item": item, "state": state, "source_id": source_id, "detail": detail,
           "updated_at": utc_now()}
    if later is not None:
        later.add("ingest_items", row)
        return
    session.flush()
    session.connection().execute(_mark_item_statement(session), row)
