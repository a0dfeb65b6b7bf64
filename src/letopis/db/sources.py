"""Reads over sources and failed captures, for the sources read API.

One statement each; counting by ``GROUP BY`` in the database. Every function
takes an open session and neither commits nor rolls back.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from letopis.db.models import Capture, IncidentSource, IngestItem, Source, Statistic

__all__ = ["list_sources", "count_sources", "failed_captures", "failed_items"]


def list_sources(session: Session, *, kind: str | None = None, limit: int | None = None) -> list[Any]:
    """Sources newest first, each with its number of captures, incidents and statistics.

    With ``limit`` the counts are made for those sources only (not grouped over every link first).
    """
    chosen: Any = select(Source.id)
    if kind:
        chosen = chosen.where(Source.kind == kind)
    if limit is not None:
        chosen = chosen.order_by(Source.id.desc()).limit(limit)
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


def count_sources(session: Session, *, kind: str | None = None) -> int:
    statement: Any = select(func.count(Source.id))
    if kind:
        statement = statement.where(Source.kind == kind)
    return int(session.execute(statement).scalar_one())


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
