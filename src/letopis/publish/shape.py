"""The one JSON shape of an incident, whoever prints it (``extract``, ``incidents``, ``show``).

An incident (or statistic) is the record of ``docs/records.md``: ``kind``,
``date``, ``date_precision``, ``event_type``, ``location`` (an object, or
null), the counts, ``actors``, ``summary``, ``quote`` with ``start``/``end``,
``language``, ``confidence``, ``metric``/``value``/``period`` and
``date_source``, in that order. An incident from the store is the same record
(its quote, offsets, language and date source those of its first source) with
``id``, ``status`` and ``sensitivity`` (the marks a person set: personal data
visible, graphic) first and ``sources`` (every supporting source with its
own quote, the origin it copies and why, its kind, its site's profile),
``corroboration`` (independent origins, by kind, the origins' grades, and
``reported_by`` when the claim rests on one doubtful origin) and ``edits`` (the edit
history) last. CSV rows are this shape flattened (:func:`flat_row`): the
sources counted, the origins counted and their kinds listed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from letopis.model import Record

__all__ = ["RECORD_FIELDS", "STORED_FIELDS", "LOCATION_FIELDS", "record_json", "stored_incident_json",
           "dumps", "flat_row", "flat_columns"]

RECORD_FIELDS = ("kind", "date", "date_precision", "event_type", "location", "fatalities", "injured", "detained",
                 "actors", "summary", "quote", "start", "end", "language", "confidence", "metric", "value",
                 "period", "date_source")
STORED_FIELDS = ("id", "status", "sensitivity", *RECORD_FIELDS, "sources", "corroboration", "edits")
LOCATION_FIELDS = ("name", "admin1", "country", "lat", "lon", "geo_precision")


def _shape(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The record part of the shape, from field values (``location`` a mapping or None)."""
    data = {name: fields.get(name) for name in RECORD_FIELDS}
    location = data["location"]
    data["location"] = None if location is None else {key: location.get(key) for key in LOCATION_FIELDS}
    data["actors"] = list(data["actors"] or [])
    return data


def record_json(record: Record) -> dict[str, Any]:
    """A record as the engine found it in a report."""
    return _shape(record.to_dict())


def stored_incident_json(detail: Any) -> dict[str, Any]:
    """A stored incident (``letopis.model.IncidentDetail``: the incident, its sources and edits)."""
    incident, sources = detail.incident, detail.sources
    first = sources[0] if sources else None
    location = None
    if incident.location_name is not None:
        location = {"name": incident.location_name, "admin1": incident.admin1, "country": incident.country,
                    "lat": incident.lat, "lon": incident.lon, "geo_precision": incident.geo_precision}
    fields = {
        "kind": incident.kind, "date": incident.date, "date_precision": incident.date_precision,
        "event_type": incident.event_type, "location": location, "fatalities": incident.fatalities,
        "injured": incident.injured, "detained": incident.detained, "actors": incident.actors,
        "summary": incident.summary, "confidence": incident.confidence,
        "quote": first.quote if first else None, "start": first.start if first else None,
        "end": first.end if first else None, "language": first.language if first else None,
        "date_source": (first.record or {}).get("date_source") if first else None,
    }
    return {
        "id": incident.id,
        "status": incident.status,
        "sensitivity": list(getattr(incident, "sensitivity", None) or []),
        **_shape(fields),
        "engine": getattr(incident, "engine", None),
        "sources": [
            {"source_id": s.source_id, "locator": s.locator, "kind": s.kind, "title": s.title,
             "published": _iso(s.published), "original_sha256": s.original_sha256, "quote": s.quote,
             "start": s.start, "end": s.end, "language": s.language, "merge_reason": s.merge_reason,
             "origin_source_id": s.origin_source_id, "origin_kind": s.origin_kind, "similarity": s.similarity,
             "copy_reason": s.copy_reason, "profile": _profile(s.profile), "engine": s.engine}
            for s in sources
        ],
        "corroboration": _corroboration(detail.corroboration, getattr(detail, "reported_by", None),
                                        getattr(detail, "information", None)),
        "edits": [{"at": _iso(e.at), "actor": e.actor, "field": e.field, "old": e.old, "new": e.new,
                   "reason": getattr(e, "reason", None)} for e in detail.edits],
    }


def _profile(profile: Any) -> dict[str, Any] | None:
    if profile is None:
        return None
    return {"host": profile.host, "name": profile.name, "kind": profile.kind, "stance": profile.stance,
            "grade": profile.grade}


def _corroboration(corroboration: Any, claim: Any, information: Any = None) -> dict[str, Any]:
    reported = None if claim is None else {"name": claim.name, "host": claim.host, "stance": claim.stance,
                                           "grade": claim.grade, "reason": claim.reason}
    return {"origins": corroboration.origins if corroboration.computed else None,
            "by_kind": dict(sorted(corroboration.by_kind.items())) if corroboration.computed else None,
            "sources": corroboration.sources, "grades": dict(corroboration.grades), "reported_by": reported,
            "information": None if information is None else {"grade": information.grade,
                                                              "meaning": information.meaning,
                                                              "reason": information.reason}}


def _iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def dumps(data: Mapping[str, Any], *, pretty: bool = False) -> str:
    """The JSON text of a shape (one line, or indented for a person to read)."""
    return json.dumps(data, ensure_ascii=False, indent=2 if pretty else None, default=str)


def flat_columns(shape_fields: Sequence[str]) -> list[str]:
    """CSV columns for a shape: ``location`` spread into ``location_name``, ``admin1``, … ``geo_precision``."""
    columns: list[str] = []
    for name in shape_fields:
        if name == "location":
            columns += ["location_name", *LOCATION_FIELDS[1:]]
        elif name == "corroboration":
            columns += ["origins", "origin_kinds", "origin_grades", "reported_by", "info_grade"]
        elif name != "edits":
            columns.append(name)
    return columns


def flat_row(data: Mapping[str, Any]) -> dict[str, Any]:
    """A shape as one CSV row: the location spread out, actors and sensitivity marks joined by ``;``, sources
    and origins counted."""
    row = {key: value for key, value in data.items() if key not in ("location", "edits", "corroboration")}
    location = data.get("location") or {}
    row["location_name"] = location.get("name")
    for key in LOCATION_FIELDS[1:]:
        row[key] = location.get(key)
    row["actors"] = ";".join(data.get("actors") or [])
    if "sensitivity" in data:
        row["sensitivity"] = ";".join(data["sensitivity"])
    if "sources" in data:
        row["sources"] = len(data["sources"])
    corroboration = data.get("corroboration")
    if corroboration is not None:
        row["origins"] = corroboration["origins"]
        kinds = corroboration["by_kind"] or {}
        row["origin_kinds"] = ";".join(f"{kind}:{n}" for kind, n in kinds.items())
        grades = corroboration.get("grades") or {}
        row["origin_grades"] = ";".join(f"{host}:{grade}" for host, grade in grades.items())
        reported = corroboration.get("reported_by")
        row["reported_by"] = reported["name"] if reported else None
        information = corroboration.get("information")
        row["info_grade"] = information["grade"] if information else None
    return row
