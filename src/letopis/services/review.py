"""Decisions a person makes about incidents: merge, split, status, edits.

Each decision is one transaction that also appends a custody entry, so the
log tells who decided what and when.
"""

from __future__ import annotations

from typing import Any

from letopis.db import Database
from letopis.db.incidents import add_incident, get_incident
from letopis.db.models import IncidentSource
from letopis.db.review import merge_incidents, record_edit
from letopis.errors import ReviewError
from letopis.evidence import append_event
from letopis.model import Location, Record

STATUSES = ("candidate", "verified", "rejected")


def merge(db: Database, keep_id: int, drop_id: int, *, actor: str, reason: str = "merged by hand") -> int:
    with db.session() as session:
        for incident_id in (keep_id, drop_id):
            if get_incident(session, incident_id) is None:
                raise ReviewError(f"no incident {incident_id}")
        try:
            moved = merge_incidents(session, keep_id, drop_id, reason=reason, actor=actor)
        except ValueError as exc:
            raise ReviewError(str(exc)) from None
        append_event(session, "merge", f"incident:{keep_id}", actor,
                     {"merged": drop_id, "sources_moved": moved, "reason": reason})
    return moved


def split(db: Database, incident_id: int, source_id: int, *, actor: str) -> int:
    """Take ``source_id`` out of ``incident_id`` into a new incident of its own; its id."""
    with db.session() as session:
        detail = get_incident(session, incident_id)
        if detail is None:
            raise ReviewError(f"no incident {incident_id}")
        links = [s for s in detail.sources if s.source_id == source_id]
        if not links:
            raise ReviewError(f"source {source_id} does not support incident {incident_id}")
        if len(detail.sources) == 1:
            raise ReviewError(f"incident {incident_id} has only that source; nothing to split")
        link = session.get(IncidentSource, links[0].link_id)
        assert link is not None
        record = record_from_dict(link.record)
        session.delete(link)
        session.flush()
        new = add_incident(session, record, source_id=source_id, text_sha256=link.text_sha256,
                           merge_reason=f"split from incident {incident_id} by {actor}")
        record_edit(session, incident_id, "summary", detail.incident.summary, actor=actor)
        append_event(session, "split", f"incident:{incident_id}", actor,
                     {"source_id": source_id, "new_incident": new.id})
        return new.id


def set_status(db: Database, incident_id: int, status: str, *, actor: str) -> None:
    if status not in STATUSES:
        raise ReviewError(f"status must be one of {', '.join(STATUSES)}")
    edit_field(db, incident_id, "status", status, actor=actor)


def edit_field(db: Database, incident_id: int, field_name: str, value: Any, *, actor: str) -> None:
    with db.session() as session:
        try:
            edit = record_edit(session, incident_id, field_name, value, actor=actor)
        except KeyError:
            raise ReviewError(f"no incident {incident_id}") from None
        except ValueError as exc:
            raise ReviewError(str(exc)) from None
        if edit is not None:
            append_event(session, "edit", f"incident:{incident_id}", actor,
                         {"field": field_name, "old": edit.old, "new": edit.new})


def record_from_dict(data: dict[str, Any]) -> Record:
    location = data.get("location")
    values = dict(data)
    values["location"] = Location(**location) if location else None
    values["actors"] = tuple(values.get("actors") or ())
    return Record(**values)
