"""Matching a new record against the incidents already stored."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from letopis.db.incidents import merge_candidates
from letopis.merge.decide import Decision, IncidentFacts, compare, date_span

CANDIDATES = 500  # stored incidents looked at, per record, within its dates ± 1 day


def match_stored(session: Session, facts: IncidentFacts, exclude: Collection[int] = ()
                 ) -> tuple[tuple[int, Decision] | None, list[tuple[int, Decision]]]:
    """The best clear match among stored incidents, and the uncertain ones.

    ``exclude``: incidents the same source already supports (two incidents of
    one report are two by its author's account, never merged into one).
    """
    if facts.first is None or facts.last is None:
        return None, []
    candidates = merge_candidates(session, _shift(facts.first, -1), _shift(facts.last, 1),
                                  limit=CANDIDATES)
    best: tuple[int, Decision] | None = None
    maybe: list[tuple[int, Decision]] = []
    for incident in candidates:
        if incident.id in exclude:
            continue
        decision = compare(facts, facts_of_incident(incident))
        if decision.verdict == "same" and (best is None or decision.score > best[1].score):
            best = (incident.id, decision)
        elif decision.verdict == "maybe":
            maybe.append((incident.id, decision))
    return best, maybe


def facts_of_incident(incident: Any) -> IncidentFacts:
    first, last = date_span(incident.date, incident.date_precision)
    return IncidentFacts(
        kind=incident.kind, event_type=incident.event_type, first=first, last=last,
        precision=incident.date_precision, lat=incident.lat, lon=incident.lon,
        place=incident.location_name, fatalities=incident.fatalities, injured=incident.injured,
        detained=incident.detained,
    )


def _shift(day: date, days: int) -> str:
    return (day + timedelta(days=days)).isoformat()
