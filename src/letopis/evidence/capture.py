"""Putting a capture's artefacts in the store and recording it, crash-safely.

:func:`store_artefacts` writes the bytes (before any transaction);
:class:`CaptureWriter` records captures in an open write transaction — the
capture rows, a ``collect`` custody event, whatever the caller adds and the
ingest bookkeeping — many of them per transaction if the caller wants (group
commit, see ``letopis.services.ingest``); :func:`record_capture` is the whole
sequence for one capture: batch, bytes, one transaction.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from letopis.db import Database
from letopis.db.captures import add_capture, known_capture, latest_capture_id
from letopis.db.items import mark_item
from letopis.db.later import Later
from letopis.db.models import CUSTODY_EVENTS, CustodyEntry
from letopis.db.types import utc_now
from letopis.evidence.custody import append_event, canonical_json, entry_hash
from letopis.evidence.store import ObjectStore, PutBatch
from letopis.model import Capture, CaptureResult, StoredArtefact

__all__ = ["store_artefacts", "record_capture", "CaptureWriter", "CustodyChain", "TEXT_MEDIA_TYPE"]

logger = logging.getLogger(__name__)

TEXT_MEDIA_TYPE = "text/plain; charset=utf-8"


def store_artefacts(target: ObjectStore | PutBatch, capture: Capture) -> tuple[StoredArtefact, ...]:
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


class CustodyChain:
    """Appends custody events within one transaction, reading the head only once.

    The first append goes through :func:`~letopis.evidence.custody.append_event`
    (which takes the log's lock on PostgreSQL and reads the head); later ones
    chain from the entry this object made last, so the chain is exactly what
    ``append_event`` would have made. With ``later`` (a
    :class:`~letopis.db.later.Later`) those entries are inserted when it is
    flushed, in order, before commit. Call :meth:`forget` (after flushing)
    when anything else may have appended in the same transaction, and
    :meth:`state` / :meth:`restore` around a savepoint that may roll back.
    """

    def __init__(self, session: Session, later: Later | None = None) -> None:
        self.session = session
        self.later = later
        self._head: tuple[int, str] | None = None

    def append(self, event: str, subject: str, actor: str, details: Mapping[str, Any] | None = None,
               *, at: datetime | None = None) -> int:
        if event not in CUSTODY_EVENTS:
            raise ValueError(f"unknown custody event {event!r}; one of {', '.join(CUSTODY_EVENTS)}")
        if self._head is None:
            entry = append_event(self.session, event, subject, actor, details, at=at)
            self._head = (entry.seq, entry.hash)
            return entry.seq
        details_text = canonical_json(dict(details or {}))
        details_value = json.loads(details_text)  # exactly what verification will see
        at = at or utc_now()
        seq, prev_hash = self._head[0] + 1, self._head[1]
        digest = entry_hash(prev_hash, seq=seq, at=at, event=event, subject=subject, actor=actor,
                            details=details_value)
        row = {"seq": seq, "at": at, "event": event, "subject": subject, "actor": actor, "details": details_text,
               "prev_hash": prev_hash, "hash": digest}
        if self.later is not None:
            self.later.add("custody_log", row)
        else:
            self.session.connection().execute(cast(Table, CustodyEntry.__table__).insert(), row)
        self._head = (seq, digest)
        return seq

    def forget(self) -> None:
        if self.later is not None and self.later.rows["custody_log"]:
            raise RuntimeError("flush the pending custody entries before forgetting the head")
        self._head = None

    def state(self) -> tuple[int, str] | None:
        return self._head

    def restore(self, state: tuple[int, str] | None) -> None:
        self._head = state


class CaptureWriter:
    """Records captures whose artefacts are stored, in the caller's open write transaction.

    One writer per transaction: it caches the custody head (:class:`CustodyChain`)
    and the capture id of parent locators (an export's messages all link to
    it). With ``defer=True`` the rows nothing reads back before commit wait
    in :attr:`later` (about four statements per capture instead of eight);
    then call :meth:`flush` before reading them and before commit. Nothing is
    committed here.
    """

    _PARENTS_KEPT = 256

    def __init__(self, session: Session, collector: str, *, defer: bool = False) -> None:
        self.session = session
        self.collector = collector
        self.later = Later() if defer else None
        self.chain = CustodyChain(session, self.later)
        self._parents: dict[str, int | None] = {}

    def _parent_id(self, locator: str | None) -> int | None:
        if not locator:
            return None
        if locator not in self._parents:
            if len(self._parents) >= self._PARENTS_KEPT:
                self._parents.clear()
            self._parents[locator] = latest_capture_id(self.session, locator)
        return self._parents[locator]

    def flush(self) -> None:
        """Insert the rows waiting in :attr:`later`."""
        if self.later is not None:
            self.later.flush(self.session)

    def mark(self) -> tuple[Any, Any]:
        """Where a savepoint starts: restore it with :meth:`rollback` if the savepoint rolls back."""
        return (self.later.mark() if self.later is not None else None, self.chain.state())

    def rollback(self, mark: tuple[Any, Any]) -> None:
        waiting, head = mark
        if self.later is not None:
            self.later.rollback(waiting)
        self.chain.restore(head)
        self._parents.clear()

    def record(
        self,
        capture: Capture,
        artefacts: tuple[StoredArtefact, ...],
        *,
        event: str = "collect",
        collection: str | None = None,
        item: str | None = None,
        within: Callable[[Session, CaptureResult], Any] | None = None,
        source: bool = True,
        reuse: bool = False,
    ) -> CaptureResult:
        """The capture rows, its custody event, ``within`` and (with ``collection``, ``item``) the item done.

        ``source=False`` (a failed read whose bytes are kept as evidence): the
        artefacts are linked to the capture only, and no source is found or made.
        ``reuse=True``: when a capture of the same locator read the same bytes
        to the same end (:func:`~letopis.db.captures.known_capture`), nothing is
        written and its ids come back (``reused`` set): a re-run adds no row or
        log entry for what is recorded already.
        """
        if reuse:
            self.flush()
            known = known_capture(self.session, capture, artefacts)
            if known is not None:
                return CaptureResult(capture_id=known[0], source_id=known[1], source_created=False,
                                     text_sha256=None, reused=True)
        result = add_capture(self.session, capture, artefacts, collector=self.collector,
                             parent_id=self._parent_id(capture.parent), later=self.later, source=source)
        if capture.locator in self._parents:  # the newest capture of a parent locator is this one now
            self._parents[capture.locator] = result.capture_id
        self.chain.append(
            event,
            f"capture:{result.capture_id}",
            self.collector,
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
            self.flush()  # the callback sees every row, and may append custody events of its own
            within(self.session, result)
            self.chain.forget()
        if collection is not None and item is not None:
            mark_item(self.session, collection, item, "done", source_id=result.source_id, later=self.later)
        return result


def record_capture(
    db: Database,
    store: ObjectStore,
    capture: Capture,
    *,
    collector: str,
    event: str = "collect",
    collection: str | None = None,
    item: str | None = None,
    within: Callable[[Session, CaptureResult], Any] | None = None,
) -> CaptureResult:
    """Store one capture's bytes, then record everything about it in one transaction.

    ``within(session, result)`` runs inside that transaction (add incidents
    there). With ``collection`` and ``item`` the item is marked done in the
    same transaction, so a re-run can skip it. Kill-safe at every point: see
    ``docs/storage.md``. (The ingest records many captures per transaction
    with :class:`CaptureWriter` directly.)
    """
    with store.batch() as batch:
        artefacts = store_artefacts(batch, capture)
        with db.session() as session:
            result = CaptureWriter(session, collector).record(
                capture, artefacts, event=event, collection=collection, item=item, within=within)
    return result
