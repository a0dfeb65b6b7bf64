"""One source read again: its new records reconciled with what it gave before and what people decided.

The rule (``docs/extraction.md``, *Re-extraction*):

- the new records are paired with the stored ones of the same source by the
  passage they quote (overlapping offsets in the same text), kind by kind;
- a stored record no person touched takes the new reading in place: the
  supporting-source row (record, quote, offsets, engine) and, where the
  source gave the incident its fields, the fields (each change an edit by
  :data:`~letopis.db.readings.ENGINE_ACTOR`), so ids and addresses stay;
- what a person decided stays: a field a person edited, a verified incident's
  fields, a person's merge or split, a rejection. Where the new reading
  differs from it, a reading flag (``reading_flags``) says so, for a person;
- a stored record the new reading does not find is withdrawn when no person
  touched it (the source's row leaves an incident that has others; an
  incident of that source alone is rejected by the engine, kept with its
  history, and restored when a later reading finds it again); flagged when
  a person did;
- a new record with no stored counterpart joins the incident it matches or
  starts a candidate, as in the ingest (:mod:`letopis.services.attach`),
  never an incident a person split this source from.

A testimony's records are redacted (no quote, offsets only) whoever read
them, and a testimony withdrawn before its reconciliation is left alone
(``Reconciled.withdrawn``; on PostgreSQL its row is locked until the
transaction ends, so a withdrawal waits for it or went first).

Every change appends a ``derive`` custody entry carrying the engine version.
The caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from letopis.db.dates import date_span
from letopis.db.incidents import full_record, location_fields, stored_record
from letopis.db.models import Incident, IncidentSource, Statistic
from letopis.db.readings import (
    ENGINE_ACTOR,
    add_reading_flag,
    first_link_ids,
    links_of_source,
    merged_by_person,
    person_fields,
    split_incidents,
    statistics_of_source,
    testimony_status,
)
from letopis.db.review import record_edit, unlink_incident_source
from letopis.db.types import utc_now
from letopis.evidence import append_event
from letopis.model import Record
from letopis.services.attach import Target, attach_records, write_origins, write_search
from letopis.services.origins import refresh_origins
from letopis.testimony import redact_record

__all__ = ["Change", "Decided", "Reconciled", "decisions", "reconcile_source", "FIELD_GROUPS"]

# The incident's columns a reading gives, in the groups a person edits them in (a place sets all six).
FIELD_GROUPS: dict[str, tuple[str, ...]] = {
    "kind": ("kind",), "date": ("date", "date_precision"), "event_type": ("event_type",),
    "place": ("location_name", "admin1", "country", "lat", "lon", "geo_precision"),
    "fatalities": ("fatalities",), "injured": ("injured",), "detained": ("detained",), "actors": ("actors",),
    "summary": ("summary",), "confidence": ("confidence",),
}
_STATISTIC_FIELDS = ("metric", "value", "period", "date", "date_precision", "location_name", "admin1", "country",
                     "lat", "lon", "geo_precision", "summary", "confidence", "quote", "start", "end", "language")


@dataclass(frozen=True)
class Change:
    """One thing a reading changed (or would): ``action`` is added, changed, removed or flagged."""

    action: str
    kind: str  # incident, statistic
    event_type: str  # the incident's type, or the statistic's metric
    region: str | None
    subject: str  # incident:ID, statistic:ID


@dataclass(frozen=True)
class Decided:
    """People's merges and splits, read once per run (:func:`decisions`)."""

    splits: Mapping[int, set[int]]  # incident → the incidents it was split from or into
    merged: set[int]  # incidents a person merged another into


def decisions(session: Session) -> Decided:
    return Decided(split_incidents(session), merged_by_person(session))


@dataclass
class Reconciled:
    changes: list[Change] = field(default_factory=list)
    withdrawn: bool = False  # a testimony withdrawn before its reading was applied: nothing done


@dataclass
class _Source:
    """One source's reconciliation in progress."""

    session: Session
    source_id: int
    text_sha256: str | None
    engine: str
    splits: Mapping[int, set[int]]
    merged: set[int]  # incidents a person merged another into
    out: Reconciled = field(default_factory=Reconciled)
    refreshed: set[int] = field(default_factory=set)  # incidents whose search and origins are rebuilt

    def custody(self, subject: str, details: Mapping[str, Any]) -> None:
        append_event(self.session, "derive", subject, ENGINE_ACTOR,
                     {"source_id": self.source_id, "engine": self.engine, **details})

    def note(self, action: str, target: Incident | Statistic) -> None:
        """Count the record once per action (a row and the fields it gave changed: one change)."""
        if isinstance(target, Incident):
            change = Change(action, "incident", target.event_type, target.admin1, f"incident:{target.id}")
        else:
            change = Change(action, "statistic", target.metric, target.admin1, f"statistic:{target.id}")
        if not any(c.action == action and c.subject == change.subject for c in self.out.changes):
            self.out.changes.append(change)

    def flag(self, target: Incident | Statistic, name: str, kept: Any, proposed: Any, reason: str) -> None:
        is_incident = isinstance(target, Incident)
        flag = add_reading_flag(self.session, source_id=self.source_id, field=name, kept=kept, proposed=proposed,
                                reason=reason, engine=self.engine, incident_id=target.id if is_incident else None,
                                statistic_id=None if is_incident else target.id)
        if flag is not None:
            subject = f"{'incident' if is_incident else 'statistic'}:{target.id}"
            self.custody(subject, {"change": "flag", "flag": flag.id, "field": name, "kept": kept,
                                   "proposed": proposed, "reason": reason})
            self.note("flagged", target)


def reconcile_source(session: Session, source_id: int, text_sha256: str | None, records: Sequence[Record], *,
                     engine: str, decided: Decided, title: str | None = None) -> Reconciled:
    """Reconcile one source's new ``records`` (read by ``engine``) with what is stored (module docstring)."""
    testimony = testimony_status(session, source_id)
    if testimony == "withdrawn":
        return Reconciled(withdrawn=True)
    if testimony is not None:
        records = [redact_record(record) for record in records]
    state = _Source(session, source_id, text_sha256, engine, decided.splits, decided.merged)
    links = links_of_source(session, source_id)
    incidents = [r for r in records if r.kind != "statistic"]
    pairs, old_links, new_incidents = _pair([(link.start, link.end) for link, _ in links], incidents)
    firsts = first_link_ids(session, [incident.id for _, incident in links])
    merged = state.merged
    for old, new in pairs:
        link, incident = links[old]
        _reread_link(state, link, incident, incidents[new], firsts.get(incident.id) == link.id, merged)
    for old in old_links:
        link, incident = links[old]
        _withdraw_link(state, link, incident, firsts.get(incident.id) == link.id, merged)
    _reread_statistics(state, [r for r in records if r.kind == "statistic"])
    if new_incidents:
        _attach_new(state, [incidents[i] for i in new_incidents], {i.id for _, i in links}, title)
    if state.refreshed:
        write_search(session, [], state.refreshed)
        refresh_origins(session, state.refreshed)
    return state.out


def _pair(old: Sequence[tuple[int | None, int | None]], new: Sequence[Record]
          ) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Old and new records paired by the overlap of their passages, largest first; the unpaired of each side."""
    scored = []
    for i, (start, end) in enumerate(old):
        if start is None or end is None:
            continue
        for j, record in enumerate(new):
            overlap = min(end, record.end) - max(start, record.start)
            if overlap > 0 or (start == record.start and end == record.end):
                scored.append((-overlap, abs(start - record.start), i, j))
    pairs: list[tuple[int, int]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _, _, i, j in sorted(scored):
        if i not in used_old and j not in used_new:
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    return (pairs, [i for i in range(len(old)) if i not in used_old],
            [j for j in range(len(new)) if j not in used_new])


def _reading_values(record: Record) -> dict[str, Any]:
    return {"kind": record.kind, "date": record.date, "date_precision": record.date_precision,
            "event_type": record.event_type, **location_fields(record.location), "fatalities": record.fatalities,
            "injured": record.injured, "detained": record.detained, "actors": list(record.actors),
            "summary": record.summary, "confidence": record.confidence}


def _reread_link(state: _Source, link: IncidentSource, incident: Incident, record: Record, first: bool,
                 merged: set[int]) -> None:
    """A stored record paired with a new one: the source's row takes the reading; the incident's fields too
    where this source gave them and no person decided otherwise."""
    as_dict = record.to_dict()
    row = {"record": stored_record(as_dict), "quote": record.quote, "start": record.start, "end": record.end,
           "language": record.language}
    changed = {name: value for name, value in row.items()
               if (full_record(link) != as_dict if name == "record" else getattr(link, name) != value)}
    if changed or link.engine != state.engine:
        for name, value in row.items():
            setattr(link, name, value)
        link.engine = state.engine
        if changed:
            state.custody(f"incident:{incident.id}", {"change": "reread", "link": link.id,
                                                      "fields": sorted(changed)})
            state.refreshed.add(incident.id)
            state.note("changed", incident)
    if first and incident.merged_into is None:
        _reread_fields(state, incident, record, merged)


def _reread_fields(state: _Source, incident: Incident, record: Record, merged: set[int]) -> None:
    values = _reading_values(record)
    persons = person_fields(state.session, incident.id)
    status_by_person = "status" in persons
    if incident.status == "rejected" and status_by_person:
        return  # a person rejected it: the reading changes nothing of it
    decided = (incident.status == "verified" or incident.id in merged or incident.id in state.splits)
    applied: dict[str, tuple[Any, Any]] = {}
    for group, columns in FIELD_GROUPS.items():
        current = {c: getattr(incident, c) for c in columns}
        proposed = {c: values[c] for c in columns}
        if current == proposed:
            continue
        if any(c in persons for c in columns) or (decided and group != "confidence"):
            why = (f"a person edited {group}" if any(c in persons for c in columns)
                   else "a person decided this incident (verified, merged or split)")
            state.flag(incident, group, _one(current), _one(proposed), why)
            continue
        for column in columns:
            edit = record_edit(state.session, incident.id, column, proposed[column], actor=ENGINE_ACTOR)
            if edit is not None:
                edit.reason = f"read again by engine {state.engine}"
                applied[column] = (edit.old, edit.new)
    if incident.status == "rejected" and not status_by_person:  # withdrawn by an earlier reading: found again
        edit = record_edit(state.session, incident.id, "status", "candidate", actor=ENGINE_ACTOR)
        if edit is not None:
            edit.reason = f"found again by engine {state.engine}"
            applied["status"] = ("rejected", "candidate")
    if applied:
        incident.engine = state.engine
        state.custody(f"incident:{incident.id}", {"change": "update", "fields": {
            name: {"old": old, "new": new} for name, (old, new) in applied.items()}})
        state.refreshed.add(incident.id)
        state.note("changed", incident)
    elif incident.engine != state.engine and not persons and not decided:
        incident.engine = state.engine


def _one(values: dict[str, Any]) -> Any:
    return next(iter(values.values())) if len(values) == 1 else values


def _withdraw_link(state: _Source, link: IncidentSource, incident: Incident, first: bool, merged: set[int]) -> None:
    """A stored record the new reading does not find."""
    if incident.merged_into is not None:
        return  # a row left on an incident merged away: the incident it went into holds this source too
    persons = person_fields(state.session, incident.id)
    if incident.status == "rejected":
        return  # rejected already (by a person, or withdrawn by an earlier reading)
    if persons or incident.status == "verified" or incident.id in merged or incident.id in state.splits:
        state.flag(incident, "record", link.quote, None,
                   "the new reading does not find this record, which a person decided on")
        return
    others = state.session.query(IncidentSource).filter(IncidentSource.incident_id == incident.id,
                                                        IncidentSource.id != link.id).count()
    if others:
        unlink_incident_source(state.session, link.id)
        state.custody(f"incident:{incident.id}", {"change": "remove", "link": link.id})
        if first:
            nxt = first_link_ids(state.session, [incident.id]).get(incident.id)
            following = state.session.get(IncidentSource, nxt) if nxt is not None else None
            if following is not None:
                from letopis.services.review import record_from_dict

                _reread_fields(state, incident, record_from_dict(full_record(following)), merged)
        state.refreshed.add(incident.id)
        state.note("removed", incident)
        return
    edit = record_edit(state.session, incident.id, "status", "rejected", actor=ENGINE_ACTOR)
    if edit is not None:
        edit.reason = f"not found by engine {state.engine}"
    state.custody(f"incident:{incident.id}", {"change": "remove", "status": "rejected"})
    state.note("removed", incident)


def _statistic_values(record: Record) -> dict[str, Any]:
    start, end = date_span(record.date, record.date_precision)
    return {"metric": record.metric or "unknown", "value": record.value, "period": record.period,
            "date": record.date, "date_precision": record.date_precision, **location_fields(record.location),
            "summary": record.summary, "confidence": record.confidence, "quote": record.quote,
            "start": record.start, "end": record.end, "language": record.language}


def _reread_statistics(state: _Source, records: Sequence[Record]) -> None:
    """Statistics: a candidate takes the new reading; a verified or rejected one (a person's) is flagged."""
    stored = statistics_of_source(state.session, state.source_id)
    pairs, old_left, new_left = _pair([(s.start, s.end) for s in stored], records)
    for old, new in pairs:
        statistic, record = stored[old], records[new]
        values = _statistic_values(record)
        changed = {n: (getattr(statistic, n), v) for n, v in values.items() if getattr(statistic, n) != v}
        if statistic.status != "candidate":
            for name, (kept, proposed) in changed.items():
                state.flag(statistic, name, kept, proposed, f"a person marked this statistic {statistic.status}")
            continue
        if changed or statistic.engine != state.engine:
            for name, value in values.items():
                setattr(statistic, name, value)
            statistic.date_start, statistic.date_end = date_span(record.date, record.date_precision)
            statistic.record, statistic.engine, statistic.updated_at = record.to_dict(), state.engine, utc_now()
            if changed:
                state.custody(f"statistic:{statistic.id}", {"change": "update", "fields": {
                    n: {"old": o, "new": v} for n, (o, v) in changed.items()}})
                state.note("changed", statistic)
    for old in old_left:
        statistic = stored[old]
        if statistic.status != "candidate":
            state.flag(statistic, "record", statistic.quote, None,
                       "the new reading does not find this statistic, which a person decided on")
            continue
        state.note("removed", statistic)
        state.custody(f"statistic:{statistic.id}", {"change": "remove", "metric": statistic.metric,
                                                     "value": statistic.value, "quote": statistic.quote})
        state.session.delete(statistic)
    if new_left:
        _attach_new(state, [records[j] for j in new_left], set(), None)


def _attach_new(state: _Source, records: Sequence[Record], supported: set[int], title: str | None) -> None:
    """New records: as the ingest attaches them (a statistic stored, an incident joined or started), with a
    ``derive`` entry each; never into an incident this source supports or a person split it from."""
    exclude = set(supported)
    for incident_id in supported:
        exclude |= state.splits.get(incident_id, set())
    session = state.session

    def custody(event: str, subject: str, details: Mapping[str, Any]) -> None:
        append_event(session, event, subject, ENGINE_ACTOR, {**details, "change": "add"})

    attached = attach_records(Target(session, state.source_id, custody, text_sha256=state.text_sha256, title=title,
                                     derive=True, engine=state.engine), records, exclude=exclude)
    write_search(session, attached.documents, attached.touched)
    write_origins(session, attached.documents, attached.touched)
    for incident_id, _ in attached.documents:
        incident = session.get(Incident, incident_id)
        if incident is not None:
            state.note("added", incident)
    for incident_id in attached.touched:
        incident = session.get(Incident, incident_id)
        if incident is not None:
            state.note("added", incident)
    for record in records:
        if record.kind == "statistic":
            region = record.location.admin1 if record.location else None
            state.out.changes.append(Change("added", "statistic", record.metric or "unknown", region, "statistic"))
