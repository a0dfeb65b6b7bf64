"""A person's decisions, as rows: field edits (with their history), status, moving sources between
incidents (merge, split), and the merge flags left for review.

The rules (who may decide, the custody entry that goes with each decision)
are ``letopis.services.review``'s. Every function takes an open session and
neither commits nor rolls back (see :mod:`letopis.db`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from letopis.db import fts
from letopis.db.dates import date_span
from letopis.db.models import Edit, Incident, IncidentSource, MergeFlag
from letopis.db.statements import insert_ignore
from letopis.db.types import utc_now

__all__ = [
    "EDITABLE_FIELDS", "record_edit", "set_status", "edits_for_incident", "edits_of",
    "move_incident_sources", "unlink_incident_source", "merge_incidents",
    "add_merge_flag", "list_merge_flags", "merge_flags_with_incidents", "resolve_merge_flag",
]


EDITABLE_FIELDS: frozenset[str] = frozenset(
    {
        "status", "kind", "date", "date_precision", "event_type", "location_name", "admin1", "country",
        "lat", "lon", "geo_precision", "fatalities", "injured", "detained", "actors", "summary", "confidence",
        "sensitivity",
    }
)


# what an incident's search document holds: its words, and (SQLite) its sort key and facets (letopis.db.fts)
_SEARCHED_FIELDS = frozenset({"summary", "location_name", "admin1", "date", "date_precision", "event_type", "status"})


def record_edit(
    session: Session, incident_id: int, field_name: str, new: Any, *, actor: str
) -> Edit | None:
    """Set one field and log old → new in ``edits``; None when nothing changed.

    Changing ``date`` or ``date_precision`` recomputes the searchable date span.
    """
    if field_name not in EDITABLE_FIELDS:
        raise ValueError(f"field not editable: {field_name}")
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise KeyError(f"no incident {incident_id}")
    if field_name in ("actors", "sensitivity") and new is not None:
        new = list(new)
    old = getattr(incident, field_name)
    if old == new:
        return None
    setattr(incident, field_name, new)
    if field_name in ("date", "date_precision"):
        incident.date_start, incident.date_end = date_span(incident.date, incident.date_precision)
    now = utc_now()
    incident.updated_at = now
    edit = Edit(incident_id=incident_id, actor=actor, at=now, field=field_name, old=old, new=new)
    session.add(edit)
    session.flush()
    if field_name in _SEARCHED_FIELDS:
        fts.refresh_incident(session, incident_id)
    return edit


def set_status(session: Session, incident_id: int, status: str, *, actor: str) -> Edit | None:
    return record_edit(session, incident_id, "status", status, actor=actor)


def edits_for_incident(session: Session, incident_id: int) -> list[Edit]:
    return list(session.scalars(select(Edit).where(Edit.incident_id == incident_id).order_by(Edit.id)))


def edits_of(session: Session, incident_ids: Sequence[int]) -> dict[int, list[Edit]]:
    result: dict[int, list[Edit]] = {i: [] for i in incident_ids}
    for edit in session.scalars(select(Edit).where(Edit.incident_id.in_(incident_ids)).order_by(Edit.id)):
        result[edit.incident_id].append(edit)
    return result


def move_incident_sources(
    session: Session,
    from_id: int,
    to_id: int,
    *,
    source_ids: Iterable[int] | None = None,
    merge_reason: str | None = None,
) -> int:
    """Move supporting-source rows from one incident to another.

    A source already supporting ``to_id`` is not duplicated (its row on
    ``from_id`` is left in place). Returns the number of rows moved.
    """
    present = set(session.scalars(select(IncidentSource.source_id).where(IncidentSource.incident_id == to_id)))
    statement = select(IncidentSource).where(IncidentSource.incident_id == from_id)
    if source_ids is not None:
        statement = statement.where(IncidentSource.source_id.in_(list(source_ids)))
    moved = 0
    for link in session.scalars(statement):
        if link.source_id in present:
            continue
        link.incident_id = to_id
        if merge_reason is not None:
            link.merge_reason = merge_reason
        moved += 1
    session.flush()
    now = utc_now()
    for incident_id in (from_id, to_id):
        incident = session.get(Incident, incident_id)
        if incident is not None:
            incident.updated_at = now
    fts.refresh_incidents(session, [from_id, to_id])
    return moved


def unlink_incident_source(session: Session, link_id: int) -> None:
    """Delete one supporting-source row; its incident's search document loses that quote."""
    link = session.get(IncidentSource, link_id)
    if link is None:
        raise KeyError(f"no incident source row {link_id}")
    incident_id = link.incident_id
    session.delete(link)
    session.flush()
    incident = session.get(Incident, incident_id)
    if incident is not None:
        incident.updated_at = utc_now()
    fts.refresh_incident(session, incident_id)


def merge_incidents(session: Session, keep_id: int, drop_id: int, *, reason: str, actor: str) -> int:
    """Move all sources of ``drop_id`` to ``keep_id``; mark ``drop_id`` rejected and merged.

    Open merge flags between the two become ``merged``. Returns rows moved.
    """
    if keep_id == drop_id:
        raise ValueError("cannot merge an incident into itself")
    moved = move_incident_sources(session, drop_id, keep_id, merge_reason=reason)
    drop = session.get(Incident, drop_id)
    if drop is None:
        raise KeyError(f"no incident {drop_id}")
    now = utc_now()
    session.add(Edit(incident_id=drop_id, actor=actor, at=now, field="merged_into", old=drop.merged_into, new=keep_id))
    drop.merged_into = keep_id
    record_edit(session, drop_id, "status", "rejected", actor=actor)
    fts.refresh_incident(session, drop_id)  # no longer "live" among the search's facets
    a, b = sorted((keep_id, drop_id))
    flag = session.scalar(select(MergeFlag).where(MergeFlag.incident_a == a, MergeFlag.incident_b == b))
    if flag is not None and flag.status == "open":
        flag.status, flag.resolved_at, flag.resolved_by = "merged", now, actor
    session.flush()
    return moved


def add_merge_flag(session: Session, incident_a: int, incident_b: int, *, score: float, reason: str) -> MergeFlag:
    """Flag a possible duplicate pair (stored ordered; an existing flag is returned as is)."""
    if incident_a == incident_b:
        raise ValueError("a merge flag needs two different incidents")
    a, b = sorted((incident_a, incident_b))
    insert_ignore(
        session,
        MergeFlag,
        {"incident_a": a, "incident_b": b, "score": score, "reason": reason, "status": "open", "created_at": utc_now()},
        ["incident_a", "incident_b"],
    )
    flag = session.scalar(select(MergeFlag).where(MergeFlag.incident_a == a, MergeFlag.incident_b == b))
    assert flag is not None
    return flag


def list_merge_flags(
    session: Session, status: str | None = "open", limit: int = 100, offset: int = 0
) -> list[MergeFlag]:
    statement = select(MergeFlag)
    if status is not None:
        statement = statement.where(MergeFlag.status == status)
    return list(session.scalars(statement.order_by(MergeFlag.score.desc(), MergeFlag.id).limit(limit).offset(offset)))


def merge_flags_with_incidents(
    session: Session, status: str | None = "open"
) -> list[tuple[MergeFlag, Incident, Incident]]:
    """Merge flags (of ``status``, or all) with their two incidents, in one query; likeliest pairs first."""
    a, b = aliased(Incident), aliased(Incident)
    statement = (
        select(MergeFlag, a, b)
        .join(a, a.id == MergeFlag.incident_a)
        .join(b, b.id == MergeFlag.incident_b)
        .order_by(MergeFlag.score.desc(), MergeFlag.id)
    )
    if status is not None:
        statement = statement.where(MergeFlag.status == status)
    return [(flag, first, second) for flag, first, second in session.execute(statement)]


def resolve_merge_flag(session: Session, flag_id: int, status: str, *, actor: str) -> MergeFlag:
    flag = session.get(MergeFlag, flag_id)
    if flag is None:
        raise KeyError(f"no merge flag {flag_id}")
    flag.status, flag.resolved_at, flag.resolved_by = status, utc_now(), actor
    session.flush()
    return flag
