"""Independent corroboration: which supporting sources of an incident are copies of which, and of what kind.

Run whenever an incident's sources change (ingest and testimony through
:func:`refresh_origins` before commit; merge, split and a merged flag in
:mod:`letopis.services.review`), and over the whole store by
:func:`recompute_origins` (``letopis origins recompute``: after an upgrade,
or a change of the rules). The grouping itself is
:func:`letopis.reliability.group_copies`; a source's kind comes from its
site's profile when a person gave one, else from the source
(:func:`letopis.reliability.origin_kind`).
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from letopis.db import Database
from letopis.db.origins import (
    OriginInput,
    claim_subjects,
    incident_batches,
    origin_counts,
    origin_inputs,
    origin_kinds_by_source,
    origin_summaries,
    replace_grades,
    replace_origins,
    update_kinds,
)
from letopis.db.profiles import profile_views, profiles_by_host
from letopis.reliability import Passage, group_copies, origin_kind, source_key
from letopis.reliability.copies import STATEMENT_ORIGIN, passage_of
from letopis.services.claims import information_of_origins

__all__ = ["refresh_origins", "recompute_origins", "refresh_kinds", "refresh_grades", "refresh_all_grades",
           "RecomputeSummary"]

log = logging.getLogger(__name__)


def _profiled_kinds(session: Session) -> dict[str, str]:
    return {host: profile.kind for host, profile in profiles_by_host(session).items() if profile.kind}


def _kind(item: OriginInput, profiled: Mapping[str, str]) -> str:
    key = source_key(item.locator)
    return origin_kind(item.source_kind, item.locator, profiled.get(key) if key else None)


def _passage(item: OriginInput) -> Passage:
    record = item.record
    location = record.get("location") or {}
    facts = (record.get("date"), location.get("name"), record.get("fatalities"), record.get("injured"),
             record.get("detained"))
    text = passage_of(item.text, item.start, item.end) if item.text else ""
    forwarded = item.metadata.get("forwarded_from") if isinstance(item.metadata, dict) else None
    return Passage(key=item.source_id, text=text, language=item.language, published=item.published, facts=facts,
                   forwarded_from=str(forwarded) if forwarded else None, site=source_key(item.locator))


def refresh_origins(session: Session, incident_ids: Collection[int]) -> None:
    """Group the supporting sources of each incident into origins and store them (in the caller's transaction).

    Rows still waiting in a :class:`~letopis.db.later.Later` must be flushed first.
    """
    ids = sorted(set(incident_ids))
    if not ids:
        return
    profiled = _profiled_kinds(session)
    # every incident's texts, a single source's too: one page retelling a police post is an official origin
    inputs = origin_inputs(session, ids, texts_for=ids)
    replaced: dict[int, list[dict[str, object]]] = {}
    for incident_id in ids:
        items = inputs[incident_id]
        copies = group_copies([_passage(item) for item in items]) if items else {}
        kinds = {item.source_id: _kind(item, profiled) for item in items}
        rows = []
        for item in items:
            copy = copies.get(item.source_id)
            origin = copy.origin if copy else item.source_id
            kind = kinds[item.source_id]
            if copy and copy.is_origin and copy.kind and kind != "testimony":  # a testimony is first-hand
                kind = copy.kind
            rows.append({"source_id": item.source_id, "origin_source_id": origin, "kind": kind,
                         "similarity": copy.similarity if copy else None,
                         "reason": copy.reason if copy else "origin"})
        replaced[incident_id] = rows
    replace_origins(session, replaced)
    refresh_grades(session, ids)


def refresh_grades(session: Session, incident_ids: Collection[int]) -> None:
    """The information grade (Admiralty 1-6) of each incident, derived from its stored origins, their sites'
    profiles and its claim mark, and stored for the lists' filter (in the caller's transaction)."""
    ids = sorted(set(incident_ids))
    if not ids:
        return
    profiles = profile_views(session)
    summaries = origin_summaries(session, ids)
    subjects = claim_subjects(session, ids)
    grades = {}
    for incident_id in ids:
        if incident_id not in subjects:
            continue
        grade = information_of_origins(subjects[incident_id], summaries[incident_id], profiles)
        grades[incident_id] = (grade.grade, grade.reason)
    replace_grades(session, grades)


def refresh_all_grades(session: Session, *, batch: int = 500) -> None:
    """After a source profile changed: every unmerged incident's information grade derived again."""
    for ids in list(incident_batches(session, size=batch)):
        refresh_grades(session, ids)


@dataclass
class RecomputeSummary:
    incidents: int = 0
    sources: int = 0
    origins: int = 0


def recompute_origins(db: Database, *, batch: int = 500) -> RecomputeSummary:
    """Origins of every unmerged incident, computed again; one transaction per ``batch`` incidents."""
    summary = RecomputeSummary()
    with db.session(readonly=True) as session:
        batches = list(incident_batches(session, size=batch))
    for ids in batches:
        with db.session() as session:
            refresh_origins(session, ids)
            summary.incidents += len(ids)
            summary.origins += sum(origin_counts(session, ids).values())
            summary.sources += sum(len(v) for v in origin_inputs(session, ids).values())
    log.info("origins recomputed: %d incidents, %d sources, %d origins", summary.incidents, summary.sources,
             summary.origins)
    return summary


def refresh_kinds(session: Session) -> int:
    """After a profile's kind changed: every stored origin row's kind computed again (but the origin of retellings of
    one statement keeps the statement's kind); how many sources changed."""
    profiled = _profiled_kinds(session)
    changed: dict[int, str] = {}
    for source_id, source_kind, locator, stored, reason in origin_kinds_by_source(session):
        if reason.startswith(STATEMENT_ORIGIN):
            continue
        key = source_key(locator)
        kind = origin_kind(source_kind, locator, profiled.get(key) if key else None)
        if kind != stored:
            changed[source_id] = kind
    update_kinds(session, changed, keep_prefix=STATEMENT_ORIGIN)
    return len(changed)
