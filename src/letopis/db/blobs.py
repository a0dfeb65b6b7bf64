"""Stored objects (blobs) and the texts derived from them.

Every function takes an open session and neither commits nor rolls back
(see :mod:`letopis.db`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from letopis.db.models import Blob, DerivedText
from letopis.db.statements import insert_ignore, insert_ignore_statement
from letopis.db.types import utc_now
from letopis.model import StoredArtefact

__all__ = ["put_blob", "put_blobs", "get_blob", "blob_exists", "add_text", "get_text"]


def put_blob(session: Session, sha256: str, size: int, media_type: str) -> None:
    """Record a stored object (idempotent: the first media type is kept)."""
    insert_ignore(
        session, Blob, {"sha256": sha256, "size": size, "media_type": media_type, "created": utc_now()}, ["sha256"]
    )


def put_blobs(session: Session, artefacts: Sequence[StoredArtefact]) -> None:
    """Record stored objects in one statement (idempotent, like :func:`put_blob`)."""
    if not artefacts:
        return
    now = utc_now()
    rows = [{"sha256": a.sha256, "size": a.size, "media_type": a.media_type, "created": now} for a in artefacts]
    statement = insert_ignore_statement(session, Blob, ["sha256"])
    session.connection().execute(statement, rows[0] if len(rows) == 1 else rows)


def get_blob(session: Session, sha256: str) -> Blob | None:
    return session.get(Blob, sha256)


def blob_exists(session: Session, sha256: str) -> bool:
    return session.scalar(select(func.count()).select_from(Blob).where(Blob.sha256 == sha256)) == 1


def add_text(session: Session, content: str, *, derived_from: str, method: str) -> str:
    """Store a derived text (idempotent); returns the SHA-256 of its UTF-8 bytes."""
    sha = hashlib.sha256(content.encode("utf-8")).hexdigest()
    session.connection().execute(
        insert_ignore_statement(session, DerivedText, ["sha256"]),
        {"sha256": sha, "derived_from": derived_from, "method": method, "content": content, "created": utc_now()},
    )
    return sha


def get_text(session: Session, sha256: str) -> DerivedText | None:
    return session.get(DerivedText, sha256)
