"""Putting a capture's artefacts in the store and recording it, crash-safely.

:func:`store_artefacts` writes the bytes (before any transaction);
:func:`record_capture` is the whole sequence for one capture — batch, bytes,
then one transaction with the capture rows, a ``collect`` custody event,
whatever the caller adds (``within``: extraction results, say) and the
ingest bookkeeping — so the ingest orchestration can call it per item.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.orm import Session

from letopis.db import Database
from letopis.db import queries
from letopis.evidence.custody import append_event
from letopis.evidence.store import ObjectStore, PutBatch

__all__ = ["StoredArtefact", "store_artefacts", "record_capture", "TEXT_MEDIA_TYPE"]

logger = logging.getLogger(__name__)

TEXT_MEDIA_TYPE = "text/plain; charset=utf-8"


class ArtefactLike(Protocol):
    @property
    def role(self) -> str: ...
    @property
    def media_type(self) -> str: ...
    @property
    def data(self) -> bytes | None: ...
    @property
    def path(self) -> Path | None: ...
    @property
    def name(self) -> str | None: ...


class CaptureWithArtefacts(queries.CaptureLike, Protocol):
    @property
    def artefacts(self) -> tuple[ArtefactLike, ...]: ...


@dataclass(frozen=True)
class StoredArtefact:
    role: str
    sha256: str
    size: int
    media_type: str
    name: str | None


def store_artefacts(target: ObjectStore | PutBatch, capture: CaptureWithArtefacts) -> tuple[StoredArtefact, ...]:
    """Write every artefact of ``capture`` (bytes in memory or streamed from a path).

    A capture that has text but neither an ``original`` nor a ``text``
    artefact (a message cut out of a larger export, say) gets its text's
    UTF-8 bytes stored as a ``text`` artefact, so that it can be a source.
    """
    stored: list[StoredArtefact] = []
    for artefact in capture.artefacts:
        if artefact.data is not None:
            result = target.put_bytes(artefact.data)
        elif artefact.path is not None:
            result = target.put_file(artefact.path)
        else:
            logger.warning("artefact %s of %s has neither data nor path; skipped", artefact.role, capture.locator)
            continue
        stored.append(StoredArtefact(artefact.role, result.sha256, result.size, artefact.media_type, artefact.name))
    if capture.text is not None and not any(a.role in ("original", "text") for a in stored):
        result = target.put_bytes(capture.text.encode("utf-8"))
        stored.append(StoredArtefact("text", result.sha256, result.size, TEXT_MEDIA_TYPE, None))
    return tuple(stored)


def record_capture(
    db: Database,
    store: ObjectStore,
    capture: CaptureWithArtefacts,
    *,
    collector: str,
    event: str = "collect",
    collection: str | None = None,
    item: str | None = None,
    within: Callable[[Session, queries.CaptureResult], Any] | None = None,
) -> queries.CaptureResult:
    """Store one capture's bytes, then record everything about it in one transaction.

    ``within(session, result)`` runs inside that transaction (add incidents
    there). With ``collection`` and ``item`` the item is marked done in the
    same transaction, so a re-run can skip it. Kill-safe at every point: see
    ``docs/storage.md``.
    """
    with store.batch() as batch:
        artefacts = store_artefacts(batch, capture)
        with db.session() as session:
            result = queries.add_capture(session, capture, artefacts, collector=collector)
            append_event(
                session,
                event,
                f"capture:{result.capture_id}",
                collector,
                {
                    "locator": capture.locator,
                    "source_id": result.source_id,
                    "new_source": result.source_created,
                    "artefacts": [{"role": a.role, "sha256": a.sha256, "size": a.size} for a in artefacts],
                    "text_sha256": result.text_sha256,
                    "method": capture.method,
                    "tool": capture.tool,
                    "error": capture.error,
                },
            )
            if within is not None:
                within(session, result)
            if collection is not None and item is not None:
                queries.mark_item(session, collection, item, "done", source_id=result.source_id)
    return result
