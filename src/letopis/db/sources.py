"""Reads over sources and failed captures, for the sources read API.

One statement each; counting by ``GROUP BY`` in the database. Every function
takes an open session and neither commits nor rolls back.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select, union
from sqlalchemy.orm import Session, selectinload

from letopis.db.models import Blob, Capture, CaptureArtefact, IncidentSource, IngestItem, Source, Statistic

__all__ = ["list_sources", "count_sources", "source_facets", "failed_captures", "failed_items", "count_failures",
           "original_of"]


def _narrowed(statement: Any, kind: str | None, language: str | None) -> Any:
    if kind:
        statement = statement.where(Source.kind == kind)
    if language:  # the source's own language, else the language its incidents were read in
        statement = statement.where(or_(Source.language == language, Source.id.in_(
            select(IncidentSource.source_id).where(IncidentSource.language == language))))
    return statement


def list_sources(session: Session, *, kind: str | None = None, language: str | None = None,
                 limit: int | None = None, offset: int = 0) -> list[Any]:
    """Sources newest first, each with its number of captures, incidents and statistics.

    With ``limit`` the counts are made for those sources only (not grouped over every link first).
    """
    chosen: Any = _narrowed(select(Source.id), kind, language)
    if limit is not None or offset:
        chosen = chosen.order_by(Source.id.desc())
        if limit is not None:
            chosen = chosen.limit(limit)
        if offset:
            chosen = chosen.offset(offset)
    ids = select(chosen.subquery().c.id)
    captures = (select(Capture.source_id, func.count(Capture.id).label("n"), func.max(Capture.finished_at)
                       .label("last")).where(Capture.source_id.in_(ids)).group_by(Capture.source_id).subquery())
    incidents = (select(IncidentSource.source_id, func.count(func.distinct(IncidentSource.incident_id)).label("n"))
                 .where(IncidentSource.source_id.in_(ids)).group_by(IncidentSource.source_id).subquery())
    statistics = (select(Statistic.source_id, func.count(Statistic.id).label("n"))
                  .where(Statistic.source_id.in_(ids)).group_by(Statistic.source_id).subquery())
    statement: Any = (
        select(Source, func.coalesce(captures.c.n, 0), captures.c.last, func.coalesce(incidents.c.n, 0),
               func.coalesce(statistics.c.n, 0))
        .outerjoin(captures, captures.c.source_id == Source.id)
        .outerjoin(incidents, incidents.c.source_id == Source.id)
        .outerjoin(statistics, statistics.c.source_id == Source.id)
        .where(Source.id.in_(ids))
        .order_by(Source.id.desc())
    )
    return list(session.execute(statement).all())


def count_sources(session: Session, *, kind: str | None = None, language: str | None = None) -> int:
    statement = _narrowed(select(func.count(Source.id)), kind, language)
    return int(session.execute(statement).scalar_one())


def source_facets(session: Session) -> tuple[list[str], list[str]]:
    """The kinds and the languages stored sources have (their own, or their incidents'), sorted."""
    kinds = session.scalars(select(Source.kind).distinct().order_by(Source.kind))
    own = select(Source.language.label("language")).where(Source.language.is_not(None))
    read = select(IncidentSource.language.label("language")).where(IncidentSource.language.is_not(None))
    languages = session.scalars(select(union(own, read).subquery().c.language).distinct())
    return list(kinds), sorted(str(language) for language in languages)


def count_failures(session: Session) -> int:
    """Failed captures and failed ingest items, together."""
    captures = session.execute(select(func.count(Capture.id)).where(Capture.error.is_not(None))).scalar_one()
    items = session.execute(select(func.count(IngestItem.id)).where(IngestItem.state == "failed")).scalar_one()
    return int(captures) + int(items)


def original_of(session: Session, source_id: int) -> tuple[Source, str | None, str | None] | None:
    """A source, the name its original had when captured (if any) and the original's media type."""
    source = session.get(Source, source_id)
    if source is None:
        return None
    name = session.scalar(select(CaptureArtefact.name).join(Capture, Capture.id == CaptureArtefact.capture_id)
                          .where(Capture.source_id == source_id, CaptureArtefact.role == "original",
                                 CaptureArtefact.sha256 == source.original_sha256, CaptureArtefact.name.is_not(None))
                          .order_by(Capture.id).limit(1))
    media_type = session.scalar(select(Blob.media_type).where(Blob.sha256 == source.original_sha256))
    return source, name, media_type


def failed_captures(session: Session, *, limit: int | None = None) -> list[Capture]:
    """Captures that recorded an error (a scan needing OCR, a refused page), newest first."""
    statement: Any = (select(Capture).where(Capture.error.is_not(None)).order_by(Capture.id.desc())
                      .options(selectinload(Capture.artefacts)))
    if limit is not None:
        statement = statement.limit(limit)
    return list(session.scalars(statement))


def failed_items(session: Session, *, limit: int | None = None) -> list[IngestItem]:
    """Items of ingest runs that failed, with the reason, newest first."""
    statement: Any = select(IngestItem).where(IngestItem.state == "failed").order_by(IngestItem.id.desc())
    if limit is not None:
        statement = statement.limit(limit)
    return list(session.scalars(statement))
