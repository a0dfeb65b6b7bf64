"""What a re-reading (``letopis reextract``) needs of the store: the texts to read, what each source gave
before, what people decided about it, and the reading flags.

The rules (what is replaced, kept or flagged) are ``letopis.services.reconcile``'s.
Every function takes an open session and neither commits nor rolls back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from letopis.db.models import (
    Capture,
    CustodyEntry,
    DerivedText,
    Edit,
    Incident,
    IncidentSource,
    ReadingFlag,
    Source,
    SourceText,
    Statistic,
    Testimony,
)
from letopis.db.types import utc_now

__all__ = [
    "ENGINE_ACTOR", "StoredText", "stored_texts", "StoredTestimony", "stored_testimonies", "testimony_status",
    "up_to_date", "links_of_source", "statistics_of_source",
    "first_link_ids", "person_fields", "merged_by_person", "split_incidents", "add_reading_flag",
    "reading_flags", "count_reading_flags",
]

ENGINE_ACTOR = "letopis-engine"  # the actor of the changes a re-reading makes (a person is any other actor)
TESTIMONY = "testimony"  # the source kind whose text is not stored readable: its account is sealed with its own key


@dataclass(frozen=True)
class StoredText:
    """A source's stored text, and what is known of its publication (to build the report as the ingest did)."""

    source_id: int
    kind: str
    locator: str
    text_sha256: str
    text: str
    published: datetime | None
    published_from: str | None
    language: str | None
    created: datetime
    title: str | None = None


def _selected(*, kinds: Any, source_ids: Sequence[int] | None, kind: str | None, language: str | None,
              date_from: date | None, date_to: date | None, after: int) -> Any:
    """The sources the filters select (``kinds``: a condition on ``Source.kind``), above id ``after``.

    ``date_from``/``date_to`` compare the source's publication day (its
    storing day when it has none: a testimony's is the day it was added).
    """
    day = func.coalesce(Source.published, Source.created)
    statement = select(Source).where(Source.id > after, kinds)
    if source_ids is not None:
        statement = statement.where(Source.id.in_(list(source_ids)))
    if kind is not None:
        statement = statement.where(Source.kind == kind)
    if language is not None:
        statement = statement.where(or_(Source.language == language, Source.id.in_(
            select(IncidentSource.source_id).where(IncidentSource.language == language))))
    if date_from is not None:
        statement = statement.where(day >= datetime(date_from.year, date_from.month, date_from.day))
    if date_to is not None:
        statement = statement.where(day < datetime.combine(date_to, datetime.max.time()))
    return statement


def stored_texts(session: Session, *, source_ids: Sequence[int] | None = None, kind: str | None = None,
                 language: str | None = None, date_from: date | None = None, date_to: date | None = None,
                 after: int = 0, limit: int = 200) -> list[StoredText]:
    """Up to ``limit`` sources with a stored text and an id above ``after``, by id, with the newest text of each.

    Testimonies are not among them (:func:`stored_testimonies`).
    """
    statement = _selected(kinds=Source.kind != TESTIMONY, source_ids=source_ids, kind=kind, language=language,
                          date_from=date_from, date_to=date_to, after=after)
    statement = statement.where(Source.id.in_(select(SourceText.source_id)))
    sources = list(session.scalars(statement.order_by(Source.id).limit(limit)))
    ids = [source.id for source in sources]
    texts: dict[int, DerivedText] = {}
    for source_id, text in session.execute(
            select(SourceText.source_id, DerivedText).join(DerivedText, DerivedText.sha256 == SourceText.text_sha256)
            .where(SourceText.source_id.in_(ids)).order_by(DerivedText.created, DerivedText.sha256)):
        texts[source_id] = text  # the newest wins
    froms: dict[int, str | None] = {}
    for source_id, metadata in session.execute(
            select(Capture.source_id, Capture.metadata_).where(Capture.source_id.in_(ids))
            .order_by(Capture.id.desc())):
        froms[source_id] = (metadata or {}).get("published_from")  # the first capture's wins
    return [StoredText(s.id, s.kind, s.locator, texts[s.id].sha256, texts[s.id].content, s.published,
                       froms.get(s.id), s.language, s.created, s.title) for s in sources]


@dataclass(frozen=True)
class StoredTestimony:
    """A testimony's source, as far as it is known without decrypting anything."""

    source_id: int
    testimony_id: int
    status: str  # active, withdrawn


def stored_testimonies(session: Session, *, source_ids: Sequence[int] | None = None, kind: str | None = None,
                       language: str | None = None, date_from: date | None = None, date_to: date | None = None,
                       after: int = 0, limit: int = 200) -> list[StoredTestimony]:
    """Up to ``limit`` testimonies' sources with an id above ``after``, by id, withdrawn ones included
    (the filters as :func:`stored_texts`'). Nothing is decrypted."""
    statement = _selected(kinds=Source.kind == TESTIMONY, source_ids=source_ids, kind=kind, language=language,
                          date_from=date_from, date_to=date_to, after=after)
    rows = session.execute(statement.with_only_columns(Source.id, Testimony.id, Testimony.status)
                           .join(Testimony, Testimony.source_id == Source.id).order_by(Source.id).limit(limit))
    return [StoredTestimony(int(source_id), int(testimony_id), str(status)) for source_id, testimony_id, status in rows]


def testimony_status(session: Session, source_id: int) -> str | None:
    """None for a source that is not a testimony; else its testimony's status (``active``, ``withdrawn``), the
    testimony's row locked until the transaction ends on PostgreSQL (a withdrawal waits for it, or went first)."""
    kind = session.scalar(select(Source.kind).where(Source.id == source_id))
    if kind != TESTIMONY:
        return None
    status = session.scalar(select(Testimony.status).where(Testimony.source_id == source_id).with_for_update())
    return "withdrawn" if status is None else str(status)


def up_to_date(session: Session, source_ids: Sequence[int], engine: str) -> set[int]:
    """The sources whose every stored record (at least one) was read by ``engine``."""
    counts: dict[int, list[int]] = {i: [0, 0] for i in source_ids}
    for model in (IncidentSource, Statistic):
        columns = model.__table__.c
        rows = session.execute(
            select(columns.source_id, func.count(), func.sum(case((columns.engine == engine, 1), else_=0)))
            .where(columns.source_id.in_(list(source_ids))).group_by(columns.source_id))
        for source_id, total, same in rows:
            counts[source_id][0] += int(total)
            counts[source_id][1] += int(same or 0)
    return {i for i, (total, same) in counts.items() if total > 0 and total == same}


def links_of_source(session: Session, source_id: int) -> list[tuple[IncidentSource, Incident]]:
    """The supporting-source rows of a source, with their incidents, in the order they were made."""
    rows = session.execute(select(IncidentSource, Incident).join(Incident, Incident.id == IncidentSource.incident_id)
                           .where(IncidentSource.source_id == source_id).order_by(IncidentSource.id))
    return [(link, incident) for link, incident in rows]


def statistics_of_source(session: Session, source_id: int) -> list[Statistic]:
    return list(session.scalars(select(Statistic).where(Statistic.source_id == source_id).order_by(Statistic.id)))


def first_link_ids(session: Session, incident_ids: Iterable[int]) -> dict[int, int]:
    """Each incident's first supporting-source row (the record its fields were made from)."""
    ids = sorted(set(incident_ids))
    rows = session.execute(select(IncidentSource.incident_id, func.min(IncidentSource.id))
                           .where(IncidentSource.incident_id.in_(ids)).group_by(IncidentSource.incident_id))
    return {int(incident_id): int(link_id) for incident_id, link_id in rows}


def person_fields(session: Session, incident_id: int) -> dict[str, str]:
    """The fields a person changed on the incident, each with the actor of the last change (status included)."""
    rows = session.execute(select(Edit.field, Edit.actor).where(Edit.incident_id == incident_id).order_by(Edit.id))
    last: dict[str, str] = {}
    for name, actor in rows:
        last[name] = actor
    return {name: actor for name, actor in last.items() if actor != ENGINE_ACTOR}


def merged_by_person(session: Session) -> set[int]:
    """The incidents a person merged another incident into (read once per run: one scan of the merge edits)."""
    rows = session.scalars(select(Edit.new).where(Edit.field == "merged_into", Edit.actor != ENGINE_ACTOR))
    return {int(new) for new in rows if isinstance(new, int)}


def split_incidents(session: Session) -> dict[int, set[int]]:
    """Incidents a person split, and the ones the split made: each with the incidents it was split from/into."""
    import json

    pairs: dict[int, set[int]] = {}
    for subject, details in session.execute(select(CustodyEntry.subject, CustodyEntry.details)
                                            .where(CustodyEntry.event == "split")):
        old = int(subject.split(":", 1)[1])
        new = int(json.loads(details).get("new_incident", 0))
        pairs.setdefault(old, set()).add(new)
        pairs.setdefault(new, set()).add(old)
    return pairs


def add_reading_flag(session: Session, *, source_id: int, field: str, kept: Any, proposed: Any, reason: str,
                     engine: str, incident_id: int | None = None, statistic_id: int | None = None
                     ) -> ReadingFlag | None:
    """Flag a reading a person's decision kept out; None when the same flag is open already."""
    same = session.scalars(select(ReadingFlag).where(
        ReadingFlag.source_id == source_id, ReadingFlag.field == field, ReadingFlag.status == "open",
        ReadingFlag.incident_id.is_(None) if incident_id is None else ReadingFlag.incident_id == incident_id,
        ReadingFlag.statistic_id.is_(None) if statistic_id is None else ReadingFlag.statistic_id == statistic_id))
    if any(flag.proposed == proposed for flag in same):
        return None
    flag = ReadingFlag(incident_id=incident_id, statistic_id=statistic_id, source_id=source_id, field=field,
                       kept=kept, proposed=proposed, reason=reason, engine=engine, status="open",
                       created_at=utc_now())
    session.add(flag)
    session.flush()
    return flag


def count_reading_flags(session: Session, *, status: str = "open") -> int:
    return session.scalar(select(func.count()).select_from(ReadingFlag).where(ReadingFlag.status == status)) or 0


def reading_flags(session: Session, *, incident_id: int | None = None, status: str | None = "open",
                  limit: int | None = None) -> list[ReadingFlag]:
    statement = select(ReadingFlag)
    if incident_id is not None:
        statement = statement.where(ReadingFlag.incident_id == incident_id)
    if status is not None:
        statement = statement.where(ReadingFlag.status == status)
    statement = statement.order_by(ReadingFlag.id)
    if limit is not None:
        statement = statement.limit(limit)
    return list(session.scalars(statement))
