"""Matching extracted records to gold records and scoring them.

A predicted record matches a gold record of the same kind when the predicted
quote span contains the gold ``evidence`` phrase. Matching is one-to-one
(greedy, in gold order, each prediction used once), so a passage that swallows
two incidents scores one match and one miss.

Scores: recall (matched gold / gold), precision (matched predictions /
predictions), and on matched records: date (same date string and precision),
place (both null, or within 30 km), type (same event_type; statistics: same
metric), counts (fatalities, injured and detained all equal; statistics: same
value).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from letopis.evaluation.gold import GoldReport
from letopis.merge.decide import distance_km
from letopis.model import Record

PLACE_TOLERANCE_KM = 30.0
METRICS = ("recall", "precision", "date", "place", "type", "counts")


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    date_ok: int = 0
    place_ok: int = 0
    type_ok: int = 0
    counts_ok: int = 0

    def add(self, other: "Tally") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 1.0

        return {
            "recall": ratio(self.matched, self.gold),
            "precision": ratio(self.matched, self.predicted),
            "date": ratio(self.date_ok, self.matched),
            "place": ratio(self.place_ok, self.matched),
            "type": ratio(self.type_ok, self.matched),
            "counts": ratio(self.counts_ok, self.matched),
        }


@dataclass
class Scores:
    by_language: dict[str, Tally] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Tally:
        total = Tally()
        for tally in self.by_language.values():
            total.add(tally)
        return total

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"all": {**self.overall.scores(), **_sizes(self.overall)}}
        for lang, tally in sorted(self.by_language.items()):
            out[lang] = {**tally.scores(), **_sizes(tally)}
        return out


def _sizes(t: Tally) -> dict[str, int]:
    return {"gold": t.gold, "predicted": t.predicted, "matched": t.matched}


def evaluate(reports: Iterable[GoldReport], run: Callable[[GoldReport], list[Record]]) -> Scores:
    scores = Scores()
    for report in reports:
        predicted = run(report)
        tally = scores.by_language.setdefault(report.language, Tally())
        tally.add(_score_report(report, predicted, scores.errors))
    return scores


def _score_report(report: GoldReport, predicted: list[Record], errors: list[str]) -> Tally:
    tally = Tally(gold=len(report.records), predicted=len(predicted))
    used: set[int] = set()
    for gold in report.records:
        at = report.text.find(gold["evidence"])
        if at < 0:
            errors.append(f"{report.name}: evidence not in text: {gold['evidence']!r}")
            continue
        span = (at, at + len(gold["evidence"]))
        match = next((i for i, p in enumerate(predicted) if i not in used
                      and p.kind == gold["kind"] and p.start <= span[0] and span[1] <= p.end), None)
        if match is None:
            errors.append(f"{report.name}: missed {gold['kind']} {gold.get('event_type')} "
                          f"at {gold['evidence']!r}")
            continue
        used.add(match)
        tally.matched += 1
        _compare(report.name, gold, predicted[match], tally, errors)
    for i, p in enumerate(predicted):
        if i not in used:
            errors.append(f"{report.name}: spurious {p.kind} {p.event_type} at {p.quote[:70]!r}")
    return tally


@dataclass(frozen=True)
class Agreement:
    """How one predicted record agrees with the annotated one, with a line for each mismatch."""

    date: bool
    place: bool
    type: bool
    counts: bool
    errors: tuple[str, ...]

    @property
    def points(self) -> int:
        return self.date + self.place + self.type + self.counts


def compare_record(gold: dict[str, Any], pred: Record) -> Agreement:
    """Date (string and precision), place (within 30 km, or both none), type (statistics: metric)
    and counts (statistics: value) of ``pred`` against the annotation ``gold``."""
    errors = []
    date_ok = (gold.get("date"), gold.get("date_precision")) == (pred.date, pred.date_precision)
    if not date_ok:
        errors.append(f"date {pred.date}/{pred.date_precision} != {gold.get('date')}/{gold.get('date_precision')}")
    place_ok = _place_ok(gold.get("location"), pred)
    if not place_ok:
        got = f"{pred.location.name} ({pred.location.geo_precision})" if pred.location else None
        want = gold.get("location") and f"{gold['location']['name']} ({gold['location'].get('geo_precision')})"
        errors.append(f"place {got} != {want}")
    if gold.get("kind", "incident") == "statistic":
        type_ok = gold.get("metric") == pred.metric
        counts_ok = gold.get("value") == pred.value
    else:
        type_ok = gold.get("event_type") == pred.event_type
        counts_ok = all(gold.get(k) == getattr(pred, k) for k in ("fatalities", "injured", "detained"))
    if not type_ok:
        errors.append(f"type {pred.event_type}/{pred.metric} != {gold.get('event_type')}/{gold.get('metric')}")
    if not counts_ok:
        got_counts = (pred.fatalities, pred.injured, pred.detained, pred.value)
        want_counts = tuple(gold.get(k) for k in ("fatalities", "injured", "detained", "value"))
        errors.append(f"counts {got_counts} != {want_counts}")
    return Agreement(date_ok, place_ok, type_ok, counts_ok, tuple(errors))


def count_agreement(target: Any, agreement: Agreement) -> None:
    """Add one matched record's agreement to a tally with ``date_ok``, ``place_ok``, ``type_ok``
    and ``counts_ok`` (the invented sets' ``Tally``, the real set's ``ReportScore``)."""
    target.date_ok += agreement.date
    target.place_ok += agreement.place
    target.type_ok += agreement.type
    target.counts_ok += agreement.counts


def _compare(name: str, gold: dict[str, Any], pred: Record, tally: Tally, errors: list[str]) -> None:
    agreement = compare_record(gold, pred)
    count_agreement(tally, agreement)
    where = f"{name} [{gold['evidence'][:40]}]"
    errors.extend(f"{where}: {line}" for line in agreement.errors)


def _place_ok(gold: dict[str, Any] | None, pred: Record) -> bool:
    if gold is None or pred.location is None:
        return gold is None and pred.location is None
    return distance_km(gold["lat"], gold["lon"], pred.location.lat, pred.location.lon) <= PLACE_TOLERANCE_KM


def load_floors(path: Path) -> dict[str, float]:
    return {k: float(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}


def check_floors(scores: Scores, floors: dict[str, float]) -> list[str]:
    """Scores (overall) below their floor, one line each."""
    overall = scores.overall.scores()
    return [f"{name} {overall[name]:.3f} < floor {floor:.3f}"
            for name, floor in floors.items() if overall.get(name, 0.0) < floor]
