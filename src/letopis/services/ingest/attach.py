"""What one ingested item's records become, inside its group's transaction.

A statistic is stored as it is; an incident record joins the stored incident
it matches (a ``merge`` custody entry), or starts a new one, flagged for
review against the stored incidents it may be (see :mod:`letopis.merge`).
"""

from __future__ import annotations

from typing import Any

from letopis.db import fts
from letopis.db.incidents import add_statistic, insert_incident, link_incident_source
from letopis.db.review import add_merge_flag
from letopis.merge import facts_of_record
from letopis.merge.stored import match_stored
from letopis.model import CaptureResult, Record
from letopis.services.ingest.state import ItemState


def store_records(state: ItemState, records: list[tuple[Record, dict[str, Any]]], result: CaptureResult,
                  title: str | None, collector: str) -> None:
    assert result.source_id is not None
    own: set[int] = set()  # incidents this source supports: two of one report are two by its author's account
    for record, as_dict in records:
        if record.kind == "statistic":
            add_statistic(state.session, record, source_id=result.source_id,
                          text_sha256=result.text_sha256)
            state.summary.statistics += 1
            continue
        _store_incident(state, record, as_dict, result.source_id, result.text_sha256, own, title, collector)


def _store_incident(state: ItemState, record: Record, as_dict: dict[str, Any], source_id: int,
                    text_sha256: str | None, own: set[int], title: str | None, collector: str) -> None:
    session = state.session
    facts = facts_of_record(record)
    same, maybe = match_stored(session, facts, own)
    if same is not None:
        incident_id, decision = same
        reason = "; ".join(decision.reasons)
        link_incident_source(session, incident_id, source_id, record,
                             text_sha256=text_sha256, merge_reason=reason, later=state.later,
                             record_dict=as_dict)
        state.chain.append("merge", f"incident:{incident_id}", collector,
                           {"source_id": source_id, "score": decision.score, "reason": reason})
        state.touched.add(incident_id)
        own.add(incident_id)
        state.summary.incidents_merged += 1
        return
    incident_id = insert_incident(session, record, source_id=source_id, text_sha256=text_sha256,
                                  later=state.later, record_dict=as_dict)
    location = record.location
    state.documents.append((incident_id, fts.document(
        record.summary, location.name if location else None, location.admin1 if location else None,
        [(record.quote, title)])))
    own.add(incident_id)
    state.summary.incidents_new += 1
    for other_id, decision in maybe:
        add_merge_flag(session, incident_id, other_id, score=decision.score,
                       reason="; ".join(decision.reasons))
        state.summary.flagged += 1
