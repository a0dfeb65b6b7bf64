"""Hash-chained, append-only custody log.

Each entry's ``hash`` is ``sha256(prev_hash + canonical JSON of the entry)``
where the entry is ``{"seq", "at", "event", "subject", "actor", "details"}``,
``at`` in fixed-width UTC ISO form and the JSON canonical (sorted keys, no
spaces, UTF-8, no NaN). The first entry's ``prev_hash`` is 64 zeros. The
database refuses UPDATE and DELETE on the table (triggers); the chain makes
an edit by someone who dropped the triggers detectable by
:func:`verify_log`. Appends are serialised (SQLite: the write session's
``BEGIN IMMEDIATE``; PostgreSQL: a transaction-scoped advisory lock), so the
chain never forks.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from letopis.db.models import CUSTODY_EVENTS, CustodyEntry
from letopis.db.types import format_utc, utc_now
from letopis.evidence.problems import Problem

__all__ = [
    "GENESIS_HASH",
    "canonical_json",
    "entry_hash",
    "append_event",
    "verify_log",
    "head",
    "iter_events",
    "lock_log",
]

logger = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
_ADVISORY_LOCK_KEY = 7262370012


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def entry_hash(
    prev_hash: str, *, seq: int, at: datetime, event: str, subject: str, actor: str, details: Any
) -> str:
    entry = {"seq": seq, "at": format_utc(at), "event": event, "subject": subject, "actor": actor, "details": details}
    return hashlib.sha256((prev_hash + canonical_json(entry)).encode("utf-8")).hexdigest()


def head(session: Session) -> CustodyEntry | None:
    """The newest entry (None for an empty log)."""
    return session.scalar(select(CustodyEntry).order_by(CustodyEntry.seq.desc()).limit(1))


def lock_log(session: Session) -> None:
    """Serialise appends (PostgreSQL: an advisory lock until commit; SQLite: the write session holds it)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK_KEY})


def append_event(
    session: Session,
    event: str,
    subject: str,
    actor: str,
    details: Mapping[str, Any] | None = None,
    *,
    at: datetime | None = None,
) -> CustodyEntry:
    """Append one event in the caller's transaction (use a write session)."""
    if event not in CUSTODY_EVENTS:
        raise ValueError(f"unknown custody event {event!r}; one of {', '.join(CUSTODY_EVENTS)}")
    lock_log(session)
    details_value: Any = dict(details or {})
    details_text = canonical_json(details_value)
    details_value = json.loads(details_text)  # exactly what verification will see
    at = at or utc_now()
    last = head(session)
    seq = 1 if last is None else last.seq + 1
    prev_hash = GENESIS_HASH if last is None else last.hash
    entry = CustodyEntry(
        seq=seq,
        at=at,
        event=event,
        subject=subject,
        actor=actor,
        details=details_text,
        prev_hash=prev_hash,
        hash=entry_hash(prev_hash, seq=seq, at=at, event=event, subject=subject, actor=actor, details=details_value),
    )
    session.add(entry)
    session.flush()
    logger.debug("custody %s %s %s by %s", seq, event, subject, actor)
    return entry


def iter_events(
    session: Session, *, subject: str | None = None, event: str | None = None, batch: int = 1000
) -> Iterator[CustodyEntry]:
    statement = select(CustodyEntry).order_by(CustodyEntry.seq)
    if subject is not None:
        statement = statement.where(CustodyEntry.subject == subject)
    if event is not None:
        statement = statement.where(CustodyEntry.event == event)
    yield from session.scalars(statement.execution_options(yield_per=batch))


def verify_log(session: Session) -> list[Problem]:
    """Recompute the chain; returns the first break (seq and why), or []."""
    expected_seq = 1
    prev_hash = GENESIS_HASH
    for entry in iter_events(session):
        subject = f"custody_log seq {entry.seq}"
        if entry.seq != expected_seq:
            return [Problem("chain-broken", subject, f"expected seq {expected_seq}: entries missing")]
        if entry.prev_hash != prev_hash:
            return [Problem("chain-broken", subject, "prev_hash does not match the previous entry's hash")]
        try:
            details = json.loads(entry.details)
        except ValueError:
            return [Problem("chain-broken", subject, "details are not valid JSON")]
        if canonical_json(details) != entry.details:
            return [Problem("chain-broken", subject, "details are not in canonical form (edited)")]
        actual = entry_hash(
            prev_hash, seq=entry.seq, at=entry.at, event=entry.event, subject=entry.subject,
            actor=entry.actor, details=details,
        )
        if actual != entry.hash:
            return [Problem("chain-broken", subject, "hash does not match the entry's content (edited)")]
        prev_hash = entry.hash
        expected_seq += 1
    return []
