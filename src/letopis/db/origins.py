"""Origins of incidents as rows: what the grouping reads (each supporting source's text, facts, first
capture's metadata) and writes (one ``incident_origins`` row per supporting source), and the counts
the read API shows and filters on.

The rule that says which source copies which is :mod:`letopis.reliability`'s;
the use case that runs it, :mod:`letopis.services.origins`. Every function
takes an open session and neither commits nor rolls back (see :mod:`letopis.db`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from letopis.db.models import Capture, DerivedText, Incident, IncidentGrade, IncidentOrigin, IncidentSource, Source
from letopis.db.statements import table_of
from letopis.db.types import utc_now

__all__ = ["OriginInput", "origin_inputs", "replace_origins", "origin_counts", "origin_summaries",
           "sole_sources", "incident_batches",
           "origin_kinds_by_source", "update_kinds", "ClaimSubject", "claim_subjects", "replace_grades"]


@dataclass(frozen=True)
class OriginInput:
    """One supporting source of an incident, as the grouping needs it."""

    incident_id: int
    source_id: int
    source_kind: str
    locator: str
    published: datetime | None
    language: str | None
    record: dict[str, Any]
    start: int | None
    end: int | None
    text: str | None  # the text the quote's offsets refer to (None: not loaded, or none kept)
    metadata: dict[str, Any]  # of the source's first capture (a Telegram forward names its channel)


def origin_inputs(session: Session, incident_ids: Sequence[int], *, texts_for: Iterable[int] = ()
                  ) -> dict[int, list[OriginInput]]:
    """The supporting sources of each incident, oldest link first; texts only of the incidents in ``texts_for``
    (counting them needs none)."""
    with_text = set(texts_for)
    links = IncidentSource.__table__.c
    sources = Source.__table__.c
    rows = session.execute(
        select(links.incident_id, links.source_id, sources.kind, sources.locator, sources.published,
               links.language, links.record, links.start, links.end, links.text_sha256)
        .join(Source.__table__, sources.id == links.source_id)
        .where(links.incident_id.in_(incident_ids))
        .order_by(links.incident_id, links.id)
    ).all()
    wanted_texts = {r.text_sha256 for r in rows if r.incident_id in with_text and r.text_sha256}
    texts = _texts(session, wanted_texts)
    metadata = _first_capture_metadata(session, {r.source_id for r in rows if r.incident_id in with_text})
    out: dict[int, list[OriginInput]] = {i: [] for i in incident_ids}
    for r in rows:
        out[r.incident_id].append(OriginInput(
            r.incident_id, r.source_id, r.kind, r.locator, r.published, r.language, r.record or {}, r.start, r.end,
            texts.get(r.text_sha256) if r.text_sha256 else None, metadata.get(r.source_id, {})))
    return out


def _texts(session: Session, hashes: set[str]) -> dict[str, str]:
    if not hashes:
        return {}
    table = DerivedText.__table__.c
    return {sha: content for sha, content in session.execute(
        select(table.sha256, table.content).where(table.sha256.in_(sorted(hashes))))}


def _first_capture_metadata(session: Session, source_ids: set[int]) -> dict[int, dict[str, Any]]:
    if not source_ids:
        return {}
    first = (select(func.min(Capture.id)).where(Capture.source_id.in_(sorted(source_ids)))
             .group_by(Capture.source_id))
    return {source_id: meta or {} for source_id, meta in session.execute(
        select(Capture.source_id, Capture.metadata_).where(Capture.id.in_(first)))}


def replace_origins(session: Session, rows_by_incident: Mapping[int, Sequence[dict[str, Any]]]) -> None:
    """Each incident's origin rows made its ``rows`` (``source_id``, ``origin_source_id``, ``kind``,
    ``similarity``, ``reason``).

    Only what differs is written: a row that reads the same is left as it is (its ``computed_at`` says when it
    last changed), one that differs is updated, a new one inserted and one no longer given deleted. An incident
    that many channels copied gains a source without its every other row rewritten and sealed again."""
    if not rows_by_incident:
        return
    connection = session.connection()
    table = table_of(IncidentOrigin)
    c = table.c
    fields = ("origin_source_id", "kind", "similarity", "reason")
    stored: dict[tuple[int, int], tuple[int, tuple[Any, ...]]] = {}
    for row in connection.execute(select(c.id, c.incident_id, c.source_id, *(c[f] for f in fields))
                                  .where(c.incident_id.in_(sorted(rows_by_incident)))):
        stored[(int(row.incident_id), int(row.source_id))] = (int(row.id), tuple(row[3:]))
    now = utc_now()
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for incident_id, incident_rows in rows_by_incident.items():
        for given in incident_rows:
            values = tuple(given[f] for f in fields)
            found = stored.pop((incident_id, int(given["source_id"])), None)
            if found is None:
                inserts.append({**given, "incident_id": incident_id, "computed_at": now})
            elif found[1] != values:
                updates.append({"row_id": found[0], **{f"new_{f}": v for f, v in zip(fields, values, strict=True)},
                                "new_computed_at": now})
    if stored:
        connection.execute(delete(table).where(c.id.in_(sorted(row_id for row_id, _ in stored.values()))))
    if updates:
        connection.execute(update(table).where(c.id == bindparam("row_id"))
                           .values({f: bindparam(f"new_{f}") for f in (*fields, "computed_at")}), updates)
    if inserts:
        connection.execute(table.insert(), inserts)


def origin_counts(session: Session, incident_ids: Sequence[int]) -> dict[int, int]:
    """Independent origins of each incident (0 when none were computed)."""
    table = IncidentOrigin.__table__.c
    rows = session.execute(select(table.incident_id, func.count())
                           .where(table.incident_id.in_(incident_ids), table.source_id == table.origin_source_id)
                           .group_by(table.incident_id))
    counts = dict.fromkeys(incident_ids, 0)
    counts.update({int(i): int(n) for i, n in rows})
    return counts


def origin_summaries(session: Session, incident_ids: Sequence[int]) -> dict[int, list[tuple[str, str]]]:
    """(kind, locator) of each independent origin of each incident (empty when none were computed)."""
    table = IncidentOrigin.__table__.c
    sources = Source.__table__.c
    result: dict[int, list[tuple[str, str]]] = {i: [] for i in incident_ids}
    rows = session.execute(select(table.incident_id, table.kind, sources.locator)
                           .join(Source.__table__, sources.id == table.source_id)
                           .where(table.incident_id.in_(incident_ids), table.source_id == table.origin_source_id)
                           .order_by(table.incident_id, table.source_id))
    for incident_id, kind, locator in rows:
        result[int(incident_id)].append((kind, locator))
    return result


def sole_sources(session: Session, incident_ids: Sequence[int]) -> dict[int, str]:
    """The locator of the only supporting source of each of these incidents that has exactly one."""
    links = IncidentSource.__table__.c
    sources = Source.__table__.c
    single = (select(links.incident_id).where(links.incident_id.in_(incident_ids)).group_by(links.incident_id)
              .having(func.count() == 1))
    rows = session.execute(select(links.incident_id, sources.locator)
                           .join(Source.__table__, sources.id == links.source_id)
                           .where(links.incident_id.in_(single)))
    return {int(i): locator for i, locator in rows}


def incident_batches(session: Session, *, size: int = 500) -> Iterator[list[int]]:
    """The ids of every unmerged incident with a source, ``size`` at a time, in id order."""
    table = Incident.__table__.c
    links = IncidentSource.__table__.c
    last = 0
    while True:
        ids = list(session.scalars(
            select(table.id).where(table.id > last, table.merged_into.is_(None),
                                   table.id.in_(select(links.incident_id)))
            .order_by(table.id).limit(size)))
        if not ids:
            return
        yield ids
        last = ids[-1]


def origin_kinds_by_source(session: Session) -> list[tuple[int, str, str, str, str]]:
    """(source id, source kind, locator, stored origin kind, reason) of every source with origin rows."""
    table = IncidentOrigin.__table__.c
    sources = Source.__table__.c
    return [(r[0], r[1], r[2], r[3], r[4]) for r in session.execute(
        select(sources.id, sources.kind, sources.locator, table.kind, table.reason)
        .join(Source.__table__, sources.id == table.source_id).distinct())]


def update_kinds(session: Session, kinds: dict[int, str], *, keep_prefix: str | None = None) -> None:
    """Set the origin kind of every row of the given sources (but rows whose reason begins with ``keep_prefix``)."""
    table = table_of(IncidentOrigin)
    for source_id, kind in kinds.items():
        where = table.c.source_id == source_id
        if keep_prefix:
            where = where & ~table.c.reason.startswith(keep_prefix, autoescape=True)
        session.connection().execute(table.update().where(where).values(kind=kind))


@dataclass(frozen=True)
class ClaimSubject:
    """What the claim rule reads of an incident."""

    id: int
    country: str | None
    actors: list[str]


def claim_subjects(session: Session, incident_ids: Sequence[int]) -> dict[int, ClaimSubject]:
    """The country and actors of each of these incidents."""
    table = Incident.__table__.c
    return {int(i): ClaimSubject(int(i), country, list(actors or [])) for i, country, actors in session.execute(
        select(table.id, table.country, table.actors).where(table.id.in_(incident_ids)))}


def replace_grades(session: Session, grades: Mapping[int, tuple[str, str]]) -> None:
    """Each incident's information grade row, replaced by (digit, reason)."""
    if not grades:
        return
    connection = session.connection()
    table = table_of(IncidentGrade)
    connection.execute(delete(table).where(table.c.incident_id.in_(sorted(grades))))
    now = utc_now()
    connection.execute(table.insert(), [{"incident_id": incident_id, "grade": grade, "reason": reason,
                                         "computed_at": now} for incident_id, (grade, reason) in grades.items()])
