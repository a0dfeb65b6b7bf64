"""What a source's records become: the one rule, for ingest and testimony alike.

A statistic is stored as it is. An incident record joins the stored incident
it matches (a ``merge`` custody entry, with the match's score and reasons), or
starts a new one (a ``derive`` custody entry when the caller asks for one),
flagged for review against the stored incidents it may be (see
:mod:`letopis.merge`). Two records of one source never join each other: two
incidents in one report are two by its author's account.

The caller owns the transaction and says how its writes are made
(:class:`Target`): how a custody entry is appended (ingest through its
custody chain, testimony straight to the log), whether the quote is redacted
(a testimony's: the record keeps its offsets into the encrypted account, the
database no words of it), and whether supporting-source rows wait in a
:class:`~letopis.db.later.Later`. Search documents are not written here: they
come back in :class:`Attached` (``documents`` of new incidents, ``touched``
incidents that got a source), for :func:`write_search` to put before commit,
at once or, in the ingest, once per group; so are the incidents' origins
(which sources copy which: :func:`write_origins`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from letopis.db import fts
from letopis.db.incidents import add_statistic, insert_incident, link_incident_source, touch_incidents
from letopis.db.later import Later
from letopis.db.review import add_merge_flag
from letopis.merge import facts_of_record
from letopis.merge.stored import match_stored
from letopis.model import Record
from letopis.services.origins import refresh_origins
from letopis.testimony import redact_record

__all__ = ["Custody", "Target", "Attached", "attach_records", "write_search", "write_origins"]

Custody = Callable[[str, str, Mapping[str, Any]], object]
"""Appends one custody entry: ``(event, subject, details)``; the caller knows the actor."""


@dataclass(frozen=True)
class Target:
    """Where one source's records attach, and how the writes are made (in the caller's transaction)."""

    session: Session
    source_id: int
    custody: Custody
    text_sha256: str | None = None
    title: str | None = None  # the source's title, for the search documents of new incidents
    redact: bool = False  # store no quote (a testimony): the records keep their offsets only
    derive: bool = False  # a ``derive`` custody entry for each new incident and statistic
    details: Mapping[str, Any] = field(default_factory=dict)  # added to every custody entry's details
    later: Later | None = None  # supporting-source rows wait here (flush before reading them)
    engine: str | None = None  # the engine version that read the records (stored with each, in custody entries)


@dataclass
class Attached:
    """What the records became; ``documents`` and ``touched`` are for :func:`write_search`."""

    incidents_new: int = 0
    incidents_merged: int = 0
    flagged: int = 0
    statistics: int = 0
    documents: list[tuple[int, str]] = field(default_factory=list)  # search documents of new incidents
    touched: set[int] = field(default_factory=set)  # stored incidents that got a source


def attach_records(target: Target, records: Iterable[Record | tuple[Record, Mapping[str, Any] | None]],
                   exclude: Iterable[int] = ()) -> Attached:
    """Store each record (a statistic), join it to the incident it matches, or start one (flagged if near others).

    A record may come with its ``to_dict()`` already made (the ingest makes
    it in its workers); a redacted record's is made here. ``exclude``:
    incidents the records may not join (the source supports them already, or
    a person split it from them).
    """
    out = Attached()
    own: set[int] = set(exclude)  # incidents this source supports already: never joined to each other
    for item in records:
        record, as_dict = item if isinstance(item, tuple) else (item, None)
        if target.redact:
            record = redact_record(record)
            as_dict = None
        record_dict = dict(as_dict) if as_dict is not None else record.to_dict()
        if record.kind == "statistic":
            statistic = add_statistic(target.session, record, source_id=target.source_id,
                                      text_sha256=target.text_sha256, engine=target.engine)
            out.statistics += 1
            if target.derive:
                target.custody("derive", f"statistic:{statistic.id}", _details(target))
            continue
        _attach_incident(target, record, record_dict, own, out)
    return out


def _attach_incident(target: Target, record: Record, record_dict: dict[str, Any], own: set[int],
                     out: Attached) -> None:
    session = target.session
    same, maybe = match_stored(session, facts_of_record(record), own)
    if same is not None:
        incident_id, decision = same
        reason = "; ".join(decision.reasons)
        link_incident_source(session, incident_id, target.source_id, record, text_sha256=target.text_sha256,
                             merge_reason=reason, later=target.later, record_dict=record_dict, engine=target.engine)
        target.custody("merge", f"incident:{incident_id}",
                       {**_details(target), "score": decision.score, "reason": reason})
        out.touched.add(incident_id)
        own.add(incident_id)
        out.incidents_merged += 1
        return
    incident_id = insert_incident(session, record, source_id=target.source_id, text_sha256=target.text_sha256,
                                  later=target.later, record_dict=record_dict, engine=target.engine)
    location = record.location
    out.documents.append((incident_id, fts.document(
        record.summary, location.name if location else None, location.admin1 if location else None,
        [(record.quote, target.title)])))
    own.add(incident_id)
    out.incidents_new += 1
    if target.derive:
        target.custody("derive", f"incident:{incident_id}", _details(target))
    for other_id, decision in maybe:
        add_merge_flag(session, incident_id, other_id, score=decision.score, reason="; ".join(decision.reasons))
        out.flagged += 1


def _details(target: Target) -> dict[str, Any]:
    """A custody entry's details: the caller's, the source, and the engine that read it (when known)."""
    details = {**target.details, "source_id": target.source_id}
    if target.engine is not None:
        details["engine"] = target.engine
    return details


def write_search(session: Session, documents: Sequence[tuple[int, str]], touched: set[int]) -> None:
    """Before commit: the documents of new incidents, then the stored ones that got a source touched and rebuilt.

    Rows waiting in a :class:`~letopis.db.later.Later` must be flushed first
    (a rebuilt document reads the supporting sources).
    """
    new = [(i, body) for i, body in documents if i not in touched]
    fts.put_documents(session, new, replace=False)
    touch_incidents(session, touched)
    fts.refresh_incidents(session, touched)


def write_origins(session: Session, documents: Sequence[tuple[int, str]], touched: set[int]) -> None:
    """Before commit, after the rows of a :class:`~letopis.db.later.Later` are flushed: the origins (copies
    and independent sources, :mod:`letopis.services.origins`) of the new incidents and of those that got a source."""
    refresh_origins(session, {incident_id for incident_id, _ in documents} | touched)
