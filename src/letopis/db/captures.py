"""Captures and sources: recording what was read (its stored artefacts, its text), and reading it back.

A capture is recorded from the :class:`letopis.model.Capture` the sources
stage made and the artefacts ``letopis.evidence.store_artefacts`` stored; the
custody entry that goes with it is ``letopis.evidence.capture.CaptureWriter``'s.
Every function takes an open session and neither commits nor rolls back
(see :mod:`letopis.db`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, selectinload

from letopis.db import fts
from letopis.db.blobs import add_text, put_blobs
from letopis.db.later import Later
from letopis.db.models import Blob, Capture, CaptureArtefact, DerivedText, IncidentSource, Source, SourceText
from letopis.db.statements import insert_ignore_statement, inserted_id, table_of
from letopis.db.types import utc_now
from letopis.model import Capture as ReadCapture, CaptureResult, StoredArtefact

__all__ = ["add_capture", "known_capture", "latest_capture_id", "get_capture", "captures_for_source",
           "get_source", "find_source", "source_with_content", "source_texts", "set_source_title", "get_text",
           "files_of_source"]


logger = logging.getLogger(__name__)


def _original(artefacts: Sequence[StoredArtefact]) -> StoredArtefact | None:
    for role in ("original", "text"):
        for artefact in artefacts:
            if artefact.role == role:
                return artefact
    return None


_LOOKUP: Any = object()  # add_capture(parent_id=…) default: look the parent up


def add_capture(
    session: Session,
    capture: ReadCapture,
    artefacts: Sequence[StoredArtefact],
    *,
    collector: str,
    parent_id: int | None = _LOOKUP,
    later: Later | None = None,
    source: bool = True,
) -> CaptureResult:
    """Record one capture whose artefacts are already in the object store.

    The source is found by its content — the ``original`` artefact, else the
    ``text`` one — whatever the locator (the same bytes from a file and a URL
    are one source; the capture row keeps the locator it came by), else
    created with this locator. Re-ingesting the same bytes adds a capture row
    (and a text if derived differently) and nothing else.
    ``capture.parent`` (a locator) links to the latest capture of that locator
    (:func:`latest_capture_id`); a caller that already knows it passes
    ``parent_id``. Core statements (no ORM objects): about six per capture;
    three with ``later`` (the artefact, text and source-text rows wait there).
    With ``source=False`` (a failed read kept as evidence) the artefacts are
    recorded and linked to the capture, and no source is looked up or made:
    the same bytes read successfully later still make a new source.
    """
    session.flush()  # ORM objects the caller added go first (foreign keys)
    connection = session.connection()
    put_blobs(session, artefacts)

    source_id: int | None = None
    created = False
    original = _original(artefacts) if source else None
    if original is not None:
        source_id = source_with_content(session, original.sha256)
    if original is not None and source_id is None:
        source_id = connection.execute(
            insert_ignore_statement(session, Source, ["locator", "original_sha256"]).returning(Source.__table__.c.id),
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

    table = table_of(Capture)
    capture_id = inserted_id(connection.execute(
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
        connection.execute(table_of(CaptureArtefact).insert(), artefact_rows)

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
                insert_ignore_statement(session, SourceText, ["source_id", "text_sha256"]),
                {"source_id": source_id, "text_sha256": text_sha},
            )
    logger.debug("capture %s of %s -> source %s (new: %s)", capture_id, capture.locator, source_id, created)
    return CaptureResult(capture_id=capture_id, source_id=source_id, source_created=created, text_sha256=text_sha)


def known_capture(session: Session, capture: ReadCapture,
                  artefacts: Sequence[StoredArtefact]) -> tuple[int, int | None] | None:
    """(capture id, source id) of the newest capture that read the same bytes by the same locator, to the same end.

    The same end: the same error, or none. A re-run (a retry after a crash,
    a failing input tried again) reuses it instead of adding a row and a log
    entry for what is already recorded.
    """
    c, a = Capture.__table__.c, CaptureArtefact.__table__.c
    connection = session.connection()
    ended = c.error.is_(None) if capture.error is None else c.error == capture.error
    rows = connection.execute(
        select(c.id, c.source_id).where(c.locator == capture.locator, ended).order_by(c.id.desc()).limit(8)
    ).all()
    wanted = sorted((x.role, x.sha256) for x in artefacts)
    for capture_id, source_id in rows:
        got = sorted((role, sha) for role, sha in connection.execute(
            select(a.role, a.sha256).where(a.capture_id == capture_id)))
        if got == wanted:
            return capture_id, source_id
    return None


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


_SOURCE_WITH_CONTENT = select(func.min(Source.__table__.c.id)).where(
    Source.__table__.c.original_sha256 == bindparam("sha"), Source.__table__.c.kind != "testimony")


def source_with_content(session: Session, original_sha256: str) -> int | None:
    """The oldest source whose original is these bytes, whatever way it came in (testimonies aside)."""
    # built once: a lookup per stored message, where building the statement cost more than running it
    return session.connection().execute(_SOURCE_WITH_CONTENT, {"sha": original_sha256}).scalar()


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


def get_text(session: Session, text_sha256: str) -> DerivedText | None:
    """The derived text stored under its SHA-256, or None."""
    return session.get(DerivedText, text_sha256)


def files_of_source(session: Session, source_id: int) -> list[tuple[str, str]]:
    """(sha256, media type) of the source's original and of each media file (a message's photos) its captures
    kept, in the order they were stored, each once."""
    rows = session.execute(
        select(CaptureArtefact.sha256, Blob.media_type)
        .join(Capture, Capture.id == CaptureArtefact.capture_id)
        .join(Blob, Blob.sha256 == CaptureArtefact.sha256)
        .where(Capture.source_id == source_id, CaptureArtefact.role.in_(("original", "media")))
        .order_by(CaptureArtefact.id)
    )
    return list(dict.fromkeys((sha256, media_type) for sha256, media_type in rows))
