"""Decisions a person makes about incidents: merge, split, status, edits, merge flags.

Each decision is one transaction that also appends a custody entry, so the
log tells who decided what, when and why. An edit names its reason; the
reason is kept with each changed field in the edit history (``edits.reason``)
and in the custody entry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from letopis.db import Database
from letopis.db.incidents import add_incident, full_record, get_incident
from letopis.db.models import Incident, IncidentSource, MergeFlag
from letopis.db.review import (
    merge_flags_with_incidents,
    merge_incidents,
    record_edit,
    resolve_merge_flag as close_merge_flag,
    unlink_incident_source,
)
from letopis.errors import FilterError, ReviewError
from letopis.evidence import append_event
from letopis.model import ACTOR_ROLES, SENSITIVITY_MARKS, Location, Record
from letopis.services.origins import refresh_grades, refresh_origins

__all__ = [
    "STATUSES", "PRECISIONS", "EDITABLE", "DECISIONS", "FieldChange", "FlaggedIncident", "MergeFlagView",
    "merge", "split", "set_status", "edit_field", "edit_incident", "list_merge_flags", "resolve_merge_flag",
    "record_from_dict",
]

STATUSES = ("candidate", "verified", "rejected")
PRECISIONS = ("day", "week", "month", "season", "year")
DECISIONS = ("merge", "keep_apart")

# What `edit_incident` may change, and what each field holds (for help texts and error messages).
EDITABLE: dict[str, str] = {
    "date": "YYYY, YYYY-MM or YYYY-MM-DD (empty: unknown)",
    "date_precision": "day, week, month, season or year (default: what the date's form says)",
    "event_type": "a type of the taxonomy (docs/taxonomy.md)",
    "place": "a place named in any language: sets location_name, admin1, country, lat, lon, geo_precision",
    "location_name": "the place's English name (empty: unknown)",
    "admin1": "the region's English name",
    "country": "two-letter country code",
    "lat": "latitude, -90 to 90",
    "lon": "longitude, -180 to 180",
    "geo_precision": "1 a named town, 2 near a town or a district, 3 a region or country",
    "fatalities": "a whole number, 0 or more (empty: not reported)",
    "injured": "a whole number, 0 or more (empty: not reported)",
    "detained": "a whole number, 0 or more (empty: not reported)",
    "actors": f"roles, comma-separated: {', '.join(ACTOR_ROLES)}",
    "summary": "one sentence",
    "status": ", ".join(STATUSES),
    "sensitivity": f"marks, comma-separated (empty: none): {', '.join(SENSITIVITY_MARKS)}",
}
_LOCATION = ("location_name", "admin1", "country", "lat", "lon", "geo_precision")
_DATE_FORMS = {4: ("year",), 7: ("month", "season"), 10: ("day", "week")}
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


# --------------------------------------------------------------- views


@dataclass(frozen=True)
class FieldChange:
    """One field an edit changed: old → new, as stored."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class FlaggedIncident:
    """One side of a merge flag: enough of the incident to judge the pair."""

    id: int
    status: str
    date: str | None
    date_precision: str | None
    event_type: str
    location_name: str | None
    admin1: str | None
    summary: str
    merged_into: int | None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    # what a summary written from the fields reads besides the above
    geo_precision: int | None = None
    fatalities: int | None = None
    injured: int | None = None
    detained: int | None = None
    actors: tuple[str, ...] = ()


@dataclass(frozen=True)
class MergeFlagView:
    """A pair of incidents the merging rules found nearly alike, and what a person decided."""

    id: int
    status: str  # open, merged, dismissed (kept apart)
    score: float
    reason: str  # why the rules flagged the pair
    created_at: datetime
    resolved_at: datetime | None
    resolved_by: str | None
    resolution: str | None  # why the person merged the pair or kept it apart
    a: FlaggedIncident
    b: FlaggedIncident


def _flagged(incident: Incident) -> FlaggedIncident:
    return FlaggedIncident(incident.id, incident.status, incident.date, incident.date_precision, incident.event_type,
                           incident.location_name, incident.admin1, incident.summary, incident.merged_into,
                           incident.country, incident.lat, incident.lon, incident.geo_precision, incident.fatalities,
                           incident.injured, incident.detained, tuple(incident.actors or ()))


def _flag_view(flag: MergeFlag, a: Incident, b: Incident) -> MergeFlagView:
    return MergeFlagView(flag.id, flag.status, flag.score, flag.reason, flag.created_at, flag.resolved_at,
                         flag.resolved_by, flag.resolution, _flagged(a), _flagged(b))


# --------------------------------------------------------------- merge, split, status


def merge(db: Database, keep_id: int, drop_id: int, *, actor: str, reason: str = "merged by hand") -> int:
    with db.session() as session:
        for incident_id in (keep_id, drop_id):
            detail = get_incident(session, incident_id)
            if detail is None:
                raise ReviewError(f"no incident {incident_id}")
            if detail.incident.merged_into is not None:  # a retry of a merge done, or a merge into a merged one
                raise ReviewError(f"incident {incident_id} was already merged into incident "
                                  f"{detail.incident.merged_into}; nothing changed")
        try:
            moved = merge_incidents(session, keep_id, drop_id, reason=reason, actor=actor)
        except ValueError as exc:
            raise ReviewError(str(exc)) from None
        refresh_origins(session, [keep_id])
        append_event(session, "merge", f"incident:{keep_id}", actor,
                     {"merged": drop_id, "sources_moved": moved, "reason": reason})
    return moved


def split(db: Database, incident_id: int, source_id: int, *, actor: str) -> int:
    """Take ``source_id`` out of ``incident_id`` into a new incident of its own; its id.

    The old incident's search document loses the moved quote. When the old
    incident's summary was the moved source's, it takes the summary of its
    first remaining source (an edit with the split as its reason).
    """
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
        record = record_from_dict(full_record(link))
        text_sha256, engine = link.text_sha256, link.engine
        unlink_incident_source(session, link.id)
        new = add_incident(session, record, source_id=source_id, text_sha256=text_sha256,
                           merge_reason=f"split from incident {incident_id} by {actor}", engine=engine)
        remaining = [s for s in detail.sources if s.source_id != source_id]
        if detail.incident.summary == record.summary:
            summary = remaining[0].record.get("summary") or remaining[0].quote
            edit = record_edit(session, incident_id, "summary", summary, actor=actor)
            if edit is not None:
                edit.reason = f"split: source {source_id} moved to incident {new.id}"
        refresh_origins(session, [incident_id, new.id])
        append_event(session, "split", f"incident:{incident_id}", actor,
                     {"source_id": source_id, "new_incident": new.id})
        return new.id


def set_status(db: Database, incident_id: int, status: str, *, actor: str, reason: str | None = None) -> None:
    if status not in STATUSES:
        raise ReviewError(f"status must be one of {', '.join(STATUSES)}")
    edit_field(db, incident_id, "status", status, actor=actor, reason=reason)


def edit_field(db: Database, incident_id: int, field_name: str, value: Any, *, actor: str,
               reason: str | None = None) -> None:
    """Set one stored field as given (no checks beyond the column's; :func:`edit_incident` checks values)."""
    with db.session() as session:
        try:
            edit = record_edit(session, incident_id, field_name, value, actor=actor)
        except KeyError:
            raise ReviewError(f"no incident {incident_id}") from None
        except ValueError as exc:
            raise ReviewError(str(exc)) from None
        if edit is not None:
            edit.reason = reason
            details = {"field": field_name, "old": edit.old, "new": edit.new}
            append_event(session, "edit", f"incident:{incident_id}", actor,
                         {**details, "reason": reason} if reason else details)


# --------------------------------------------------------------- edits


def edit_incident(db: Database, incident_id: int, changes: Mapping[str, Any], *, reason: str,
                  actor: str) -> list[FieldChange]:
    """Change fields of an incident, each checked, in one transaction; the fields that changed.

    ``changes`` maps names of :data:`EDITABLE` to values, typed or as text
    (``"12"``, ``"2025-10"``, ``"resistance"``; ``""`` or None clears a field
    that may be unknown). Each changed field is written to the edit history
    with ``reason`` and to the custody log; the search index follows. A date
    without ``date_precision`` takes the precision its form says (keeping
    ``week`` or ``season`` when the old precision was that and still fits).
    Nothing changes unless every value is valid (:class:`ReviewError`).
    """
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("an edit needs a reason")
    if not changes:
        raise ReviewError(f"nothing to change; editable fields: {', '.join(EDITABLE)}")
    unknown = [name for name in changes if name not in EDITABLE]
    if unknown:
        raise ReviewError(f"not editable: {', '.join(unknown)}; editable fields: {', '.join(EDITABLE)}")
    with db.session() as session:
        incident = session.get(Incident, incident_id)
        if incident is None:
            raise ReviewError(f"no incident {incident_id}")
        if incident.merged_into is not None:
            raise ReviewError(f"incident {incident_id} was merged into incident {incident.merged_into}; edit that one")
        values = _checked(incident, changes)
        changed: list[FieldChange] = []
        for name, value in values.items():
            edit = record_edit(session, incident_id, name, value, actor=actor)
            if edit is None:
                continue
            edit.reason = reason
            append_event(session, "edit", f"incident:{incident_id}", actor,
                         {"field": name, "old": edit.old, "new": edit.new, "reason": reason})
            changed.append(FieldChange(name, edit.old, edit.new))
        session.flush()
        if changed:  # its country or actors may make a single origin a doubtful claim, or no longer
            refresh_grades(session, [incident_id])
    return changed


def _checked(incident: Incident, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The stored columns and their new values, every value checked; :class:`ReviewError` on the first bad one."""
    values: dict[str, Any] = {}
    if "place" in changes:
        values.update(_place(changes["place"]))
    for name, raw in changes.items():
        if name in ("place", "date", "date_precision"):
            continue
        values[name] = _CHECKS[name](name, raw)
    if "date" in changes or "date_precision" in changes:
        values.update(_date(incident, changes))
    return values


def _text(raw: Any) -> str | None:
    if raw is None:
        return None
    value = str(raw).strip()
    return value or None


def _summary(name: str, raw: Any) -> str:
    value = _text(raw)
    if value is None:
        raise ReviewError("summary: may not be empty")
    return " ".join(value.split())


def _optional_text(name: str, raw: Any) -> str | None:
    return _text(raw)


def _country(name: str, raw: Any) -> str | None:
    value = _text(raw)
    if value is not None and not re.fullmatch(r"[A-Za-z]{2}", value):
        raise ReviewError(f"country: a two-letter code (UA, RU, BY …), got {value!r}")
    return value.upper() if value else None


def _count(name: str, raw: Any) -> int | None:
    value = _text(raw)
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        raise ReviewError(f"{name}: a whole number, 0 or more, got {value!r}") from None
    if number < 0:
        raise ReviewError(f"{name}: a whole number, 0 or more, got {value!r}")
    return number


def _coordinate(name: str, raw: Any) -> float | None:
    value = _text(raw)
    if value is None:
        return None
    limit = 90.0 if name == "lat" else 180.0
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not -limit <= number <= limit:
        raise ReviewError(f"{name}: a number from {-limit:g} to {limit:g}, got {value!r}")
    return number


def _geo_precision(name: str, raw: Any) -> int | None:
    value = _text(raw)
    if value is not None and value not in ("1", "2", "3"):
        raise ReviewError(f"geo_precision: 1, 2 or 3, got {value!r}")
    return int(value) if value else None


def _event_type(name: str, raw: Any) -> str:
    from letopis.services.incidents import check_event_type

    try:
        return check_event_type(_text(raw) or "")
    except FilterError as exc:
        raise ReviewError(str(exc)) from None


def _actors(name: str, raw: Any) -> list[str]:
    items = raw.split(",") if isinstance(raw, str) else list(raw or ())
    roles = [str(item).strip() for item in items if str(item).strip()]
    unknown = [role for role in roles if role not in ACTOR_ROLES]
    if unknown:
        raise ReviewError(f"actors: unknown role(s) {', '.join(unknown)}; the roles are: {', '.join(ACTOR_ROLES)}")
    return list(dict.fromkeys(roles))


def _sensitivity(name: str, raw: Any) -> list[str]:
    """Marks of :data:`SENSITIVITY_MARKS`, in that order whatever order they came in."""
    items = raw.split(",") if isinstance(raw, str) else list(raw or ())
    marks = {str(item).strip() for item in items if str(item).strip()}
    unknown = sorted(marks - set(SENSITIVITY_MARKS))
    if unknown:
        raise ReviewError(f"sensitivity: unknown mark(s) {', '.join(unknown)}; the marks are: "
                          f"{', '.join(SENSITIVITY_MARKS)}")
    return [mark for mark in SENSITIVITY_MARKS if mark in marks]


def _status(name: str, raw: Any) -> str:
    value = _text(raw)
    if value not in STATUSES:
        raise ReviewError(f"status must be one of {', '.join(STATUSES)}, got {raw!r}")
    return value


_CHECKS = {
    "event_type": _event_type, "location_name": _optional_text, "admin1": _optional_text, "country": _country,
    "lat": _coordinate, "lon": _coordinate, "geo_precision": _geo_precision, "fatalities": _count,
    "injured": _count, "detained": _count, "actors": _actors, "summary": _summary, "status": _status,
    "sensitivity": _sensitivity,
}


def _date(incident: Incident, changes: Mapping[str, Any]) -> dict[str, Any]:
    """``date`` and ``date_precision`` after the change, checked together."""
    value = _text(changes["date"]) if "date" in changes else incident.date
    precision = _text(changes.get("date_precision")) if "date_precision" in changes else None
    if precision is not None and precision not in PRECISIONS:
        raise ReviewError(f"date_precision must be one of {', '.join(PRECISIONS)}, got {precision!r}")
    if value is None:
        if precision is not None:
            raise ReviewError("date_precision needs a date")
        return {"date": None, "date_precision": None}
    if not _DATE.fullmatch(value) or not _valid(value):
        raise ReviewError(f"date: YYYY, YYYY-MM or YYYY-MM-DD, a real day, got {value!r}")
    fits = _DATE_FORMS[len(value)]
    if precision is None:
        precision = incident.date_precision if incident.date_precision in fits else fits[0]
    elif precision not in fits:
        raise ReviewError(f"a date written {value} has precision {' or '.join(fits)}, not {precision}")
    return {"date": value, "date_precision": precision}


def _valid(value: str) -> bool:
    try:
        date.fromisoformat((value + "-01-01")[:10])
    except ValueError:
        return False
    return True


def _place(raw: Any) -> dict[str, Any]:
    """The location fields of the place ``raw`` names (most populous namesake), from the gazetteer."""
    from letopis.gazetteer import load_gazetteer
    from letopis.services.incidents import _places

    text = _text(raw)
    if text is None:
        return dict.fromkeys(_LOCATION)
    places = _places(load_gazetteer(), text)
    if not places:
        raise ReviewError(f"place: the gazetteer knows no place {text!r}; set location_name, admin1, country, "
                          "lat and lon instead")
    place = places[0]
    precision = 3 if place.level in ("admin1", "country") else 1
    admin1 = (place.admin1 or place.name) if place.level == "admin1" else place.admin1
    return {"location_name": place.name, "admin1": admin1,
            "country": place.country, "lat": place.lat, "lon": place.lon, "geo_precision": precision}


# --------------------------------------------------------------- merge flags


def list_merge_flags(db: Database, *, include_resolved: bool = False) -> list[MergeFlagView]:
    """Open merge flags (or all, with ``include_resolved``), likeliest pairs first, each with its two incidents."""
    with db.session(readonly=True) as session:
        rows = merge_flags_with_incidents(session, None if include_resolved else "open")
        return [_flag_view(*row) for row in rows]


def resolve_merge_flag(db: Database, flag_id: int, decision: str, *, reason: str, actor: str,
                       keep: int | None = None) -> MergeFlagView:
    """Decide a flagged pair: ``merge`` it (into ``keep``, default the older incident) or ``keep_apart``.

    One transaction: the merge (sources moved, the other incident marked
    merged and rejected) or the flag dismissed, the reason kept on the flag,
    and a custody entry. A flag already decided, or whose incidents were
    merged elsewhere meanwhile, is refused with :class:`ReviewError`.
    """
    if decision not in DECISIONS:
        raise ReviewError(f"decision must be one of {', '.join(DECISIONS)}, got {decision!r}")
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("a decision on a merge flag needs a reason")
    with db.session() as session:
        flag = session.get(MergeFlag, flag_id)
        if flag is None:
            raise ReviewError(f"no merge flag {flag_id}")
        if flag.status != "open":
            raise ReviewError(f"merge flag {flag_id} is already resolved ({flag.status} by {flag.resolved_by})")
        pair = (flag.incident_a, flag.incident_b)
        if decision == "merge":
            keep_id = pair[0] if keep is None else keep
            if keep_id not in pair:
                raise ReviewError(f"merge flag {flag_id} is about incidents {pair[0]} and {pair[1]}, not {keep_id}")
            drop_id = pair[1] if keep_id == pair[0] else pair[0]
            for incident_id in pair:
                incident = session.get(Incident, incident_id)
                if incident is not None and incident.merged_into is not None:
                    raise ReviewError(f"incident {incident_id} was merged into incident {incident.merged_into} "
                                      "since it was flagged; keep this pair apart, or merge by hand")
            moved = merge_incidents(session, keep_id, drop_id, reason=reason, actor=actor)
            refresh_origins(session, [keep_id])
            append_event(session, "merge", f"incident:{keep_id}", actor,
                         {"merged": drop_id, "sources_moved": moved, "flag": flag_id, "reason": reason})
        else:
            close_merge_flag(session, flag_id, "dismissed", actor=actor)
            append_event(session, "edit", f"merge_flag:{flag_id}", actor,
                         {"incidents": list(pair), "status": "dismissed", "reason": reason})
        flag.resolution = reason
        session.flush()
        a, b = session.get(Incident, pair[0]), session.get(Incident, pair[1])
        assert a is not None and b is not None
        return _flag_view(flag, a, b)


def record_from_dict(data: dict[str, Any]) -> Record:
    location = data.get("location")
    values = dict(data)
    values["location"] = Location(**location) if location else None
    values["actors"] = tuple(values.get("actors") or ())
    return Record(**values)
