"""Same incident or not: a comparison of structured facts, with reasons.

Reports of one incident come in several languages, so wording is compared
through the structured fields (date, place, type, counts), not the text. A
clear match merges; an uncertain one is flagged for a person to decide; the
module never guesses silently. Thresholds (issue 3): dates within a day,
places within 25 km or the same settlement, compatible types.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from letopis.gazetteer.model import distance_km
from letopis.model import Record
from letopis.timespan import date_span

Verdict = Literal["same", "maybe", "different"]

MAX_DAYS = 1
MAX_KM = 25.0
MAYBE_KM = 60.0

# Types that one incident can be given by different reports: a detention that a
# crowd resisted is "resistance" in one report and "mobilization_detention" in
# another; a stabbing during a detention may be told as either.
_COMPATIBLE = {
    frozenset({"mobilization_detention", "resistance"}),
    frozenset({"resistance", "attack_on_officials"}),
    frozenset({"mobilization_detention", "abuse_of_conscripts"}),
    frozenset({"border_incident", "legal_action"}),
    frozenset({"desertion", "legal_action"}),
    frozenset({"censorship", "legal_action"}),
    frozenset({"protest", "resistance"}),
    frozenset({"protest", "labor_dispute"}),
}


@dataclass(frozen=True)
class IncidentFacts:
    kind: str
    event_type: str
    first: date | None
    last: date | None
    precision: str | None
    lat: float | None
    lon: float | None
    place: str | None
    fatalities: int | None
    injured: int | None
    detained: int | None
    metric: str | None = None
    value: int | None = None


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    score: float
    reasons: tuple[str, ...]


def facts_of_record(record: Record) -> IncidentFacts:
    first, last = date_span(record.date, record.date_precision)
    loc = record.location
    return IncidentFacts(
        kind=record.kind, event_type=record.event_type, first=first, last=last,
        precision=record.date_precision, lat=loc.lat if loc else None, lon=loc.lon if loc else None,
        place=loc.name if loc else None, fatalities=record.fatalities, injured=record.injured,
        detained=record.detained, metric=record.metric, value=record.value,
    )


def compare(a: IncidentFacts, b: IncidentFacts) -> Decision:
    if a.kind != b.kind:
        return Decision("different", 0.0, ("different kinds",))
    if a.kind == "statistic":
        return _compare_statistics(a, b)
    reasons: list[str] = []
    date_fit = _date_fit(a, b, reasons)
    place_fit = _place_fit(a, b, reasons)
    type_fit = _type_fit(a, b, reasons)
    counts_fit = _counts_fit(a, b, reasons)
    score = round(0.35 * date_fit + 0.35 * place_fit + 0.2 * type_fit + 0.1 * counts_fit, 3)
    if date_fit == 1.0 and place_fit == 1.0 and type_fit >= 0.5 and counts_fit > 0.0:
        return Decision("same", score, tuple(reasons))
    if date_fit > 0.0 and place_fit > 0.0 and type_fit > 0.0 and counts_fit > 0.0 and score >= 0.55:
        return Decision("maybe", score, tuple(reasons))
    return Decision("different", score, tuple(reasons))


def _date_fit(a: IncidentFacts, b: IncidentFacts, reasons: list[str]) -> float:
    if a.first is None or b.first is None or a.last is None or b.last is None:
        reasons.append("date unknown")
        return 0.3
    if a.precision == "day" and b.precision == "day":
        gap = abs((a.first - b.first).days)
        if gap <= MAX_DAYS:
            reasons.append(f"dates {gap} day(s) apart")
            return 1.0
        reasons.append(f"dates {gap} days apart")
        return 0.0
    if a.first <= b.last + timedelta(days=MAX_DAYS) and b.first <= a.last + timedelta(days=MAX_DAYS):
        reasons.append("date ranges overlap")
        return 0.5
    reasons.append("date ranges do not overlap")
    return 0.0


def _place_fit(a: IncidentFacts, b: IncidentFacts, reasons: list[str]) -> float:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        reasons.append("place unknown")
        return 0.3
    km = distance_km(a.lat, a.lon, b.lat, b.lon)
    if (a.place and a.place == b.place) or km <= MAX_KM:
        reasons.append(f"places {km:.0f} km apart ({a.place} / {b.place})")
        return 1.0
    if km <= MAYBE_KM:
        reasons.append(f"places {km:.0f} km apart")
        return 0.5
    reasons.append(f"places {km:.0f} km apart")
    return 0.0


def _type_fit(a: IncidentFacts, b: IncidentFacts, reasons: list[str]) -> float:
    if a.event_type == b.event_type:
        reasons.append(f"same type {a.event_type}")
        return 1.0
    if frozenset({a.event_type, b.event_type}) in _COMPATIBLE:
        reasons.append(f"compatible types {a.event_type} / {b.event_type}")
        return 0.5
    reasons.append(f"types differ {a.event_type} / {b.event_type}")
    return 0.0


def _counts_fit(a: IncidentFacts, b: IncidentFacts, reasons: list[str]) -> float:
    fit = 1.0
    for name in ("fatalities", "injured", "detained"):
        x, y = getattr(a, name), getattr(b, name)
        if x is None or y is None or x == y:
            continue
        if max(x, y) > 2 * max(min(x, y), 1):
            reasons.append(f"{name} disagree ({x} / {y})")
            return 0.0
        reasons.append(f"{name} differ ({x} / {y})")
        fit = 0.5
    return fit


def _compare_statistics(a: IncidentFacts, b: IncidentFacts) -> Decision:
    same = (a.metric == b.metric and a.value == b.value and a.first == b.first and a.last == b.last)
    if same:
        return Decision("same", 1.0, (f"same figure {a.metric}={a.value} for the same period",))
    return Decision("different", 0.0, ("different figures",))
