"""The real-report set: annotations committed under ``real/``, texts in a local cache.

Third-party text never enters the repository. Each report is one JSON file
(``real/<lang>/NNN-slug.json``) holding the address, how it was found, the
publication date, the SHA-256 of the text and our own annotations; the text
itself lives in a local cache (``LETOPIS_REAL_CACHE``, default
``~/.cache/letopis/real-reports/<lang>/NNN-slug.txt``).

An annotated incident is located by ``keys``: a few words of the text (or a
``[start, end]`` pair of character offsets) for each sentence that tells it.
A predicted record *matches* an incident when its quote overlaps one of the
incident's keys; matching is one-to-one, per report. A further prediction
that overlaps an incident already matched is a *fragment* of it (counted in
records per incident and against precision); any other is *spurious*.

Scores are computed per report and then averaged over the reports of a
language, so a long digest with forty records weighs as much as a post: no
record is ever pooled across reports.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from letopis.evaluation.score import compare_record, count_agreement
from letopis.model import ACTOR_ROLES, EVENT_TYPES, Record

SOURCE_KINDS = ("telegram", "news", "digest", "court", "statistics", "opinion", "advert", "report")
PRECISIONS = ("day", "week", "month", "season", "year")
DATE_FROM = ("text", "publication")


def cache_dir() -> Path:
    env = os.environ.get("LETOPIS_REAL_CACHE")
    if env:
        return Path(env).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "letopis" / "real-reports"


def text_path(meta_path: Path, meta: dict[str, Any]) -> Path:
    return cache_dir() / str(meta.get("language", "xx")) / (meta_path.stem + ".txt")


def cached_text(meta_path: Path, meta: dict[str, Any], check_hash: bool = True) -> str | None:
    """The cached text of one report, or None when it is missing or is not the annotated text."""
    path = text_path(meta_path, meta)
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    if check_hash and meta.get("text_sha256"):
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != meta["text_sha256"]:
            return None
    return text


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("’", "'").replace("ʼ", "'")).lower()


def key_spans(text: str, key: str | list[int]) -> list[tuple[int, int]]:
    """Every span of ``text`` that a key locates (case and white space folded)."""
    if isinstance(key, list):
        start, end = int(key[0]), int(key[1])
        return [(start, end)] if 0 <= start < end <= len(text) else []
    words = [re.escape(w) for w in _fold(key).split()]
    if not words:
        return []
    pattern = r"\s+".join(words)
    folded = text.replace("’", "'").replace("ʼ", "'")
    return [(m.start(), m.end()) for m in re.finditer(pattern, folded, flags=re.IGNORECASE)]


def validate_annotation(meta: dict[str, Any]) -> list[str]:
    """Problems with one annotation file (not with its text)."""
    errs: list[str] = []
    for name in ("url", "found_by", "published", "language", "source_kind", "records"):
        if name not in meta:
            errs.append(f"missing {name}")
    if meta.get("language") not in ("uk", "ru", "en"):
        errs.append(f"language {meta.get('language')!r}")
    if meta.get("source_kind") not in SOURCE_KINDS:
        errs.append(f"source_kind {meta.get('source_kind')!r} not in {SOURCE_KINDS}")
    try:
        date.fromisoformat(str(meta.get("published")))
    except ValueError:
        errs.append(f"published {meta.get('published')!r} is not YYYY-MM-DD")
    if not meta.get("text_sha256"):
        errs.append("no text_sha256 (run: python real/annotate.py seal FILE)")
    for i, rec in enumerate(meta.get("records", [])):
        where = f"record {i}"
        if rec.get("kind") not in ("incident", "statistic"):
            errs.append(f"{where}: kind {rec.get('kind')!r}")
        if not rec.get("keys"):
            errs.append(f"{where}: no keys")
        for key in rec.get("keys", []):
            if isinstance(key, str) and len(key.split()) > 8:
                errs.append(f"{where}: key longer than 8 words: {key!r}")
        et = rec.get("event_type")
        if rec.get("kind") == "incident" and et not in EVENT_TYPES:
            errs.append(f"{where}: event_type {et!r}")
        if rec.get("date_precision") not in PRECISIONS + (None,):
            errs.append(f"{where}: date_precision {rec.get('date_precision')!r}")
        if rec.get("date") and not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", rec["date"]):
            errs.append(f"{where}: date {rec['date']!r}")
        if rec.get("date_from") not in DATE_FROM + (None,):
            errs.append(f"{where}: date_from {rec.get('date_from')!r}")
        loc = rec.get("location")
        if loc is not None and not all(k in loc for k in ("name", "country", "lat", "lon", "geo_precision")):
            errs.append(f"{where}: location needs name, country, lat, lon, geo_precision")
        for actor in rec.get("actors", []):
            if actor not in ACTOR_ROLES:
                errs.append(f"{where}: actor {actor!r}")
    return errs


@dataclass(frozen=True)
class RealReport:
    name: str
    path: Path
    text: str
    published: date
    language: str
    source_kind: str
    records: tuple[dict[str, Any], ...]


@dataclass
class RealSet:
    reports: list[RealReport]
    missing: list[str]          # annotation files whose text is not in the cache


# The folders of a set that hold reports (others, such as real/origins/, hold other annotations).
REPORT_LANGUAGES = ("uk", "ru", "en")


def load_real(directory: Path) -> RealSet:
    if not directory.is_dir():
        raise ValueError(f"real-report set not found: {directory}")
    reports, missing = [], []
    for meta_path in sorted(p for p in directory.glob("*/*.json") if p.parent.name in REPORT_LANGUAGES):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        name = str(meta_path.relative_to(directory).with_suffix(""))
        text = cached_text(meta_path, meta)
        if text is None:
            missing.append(f"{name} {meta.get('url')}")
            continue
        reports.append(RealReport(
            name=name, path=meta_path, text=text,
            published=date.fromisoformat(meta["published"]),
            language=meta["language"], source_kind=meta.get("source_kind", ""),
            records=tuple(meta.get("records", [])),
        ))
    return RealSet(reports, missing)


@dataclass
class ReportScore:
    name: str
    language: str
    gold: int
    predicted: int
    matched: int = 0
    fragments: int = 0
    spurious: int = 0
    date_ok: int = 0
    place_ok: int = 0
    type_ok: int = 0
    counts_ok: int = 0
    errors: list[str] = field(default_factory=list)
    # per predicted record, in order: "match", "fragment" or "spurious"
    verdicts: list[str] = field(default_factory=list)
    gold_of: dict[int, int] = field(default_factory=dict)   # predicted record -> annotated record


def score_report(report: RealReport, predicted: list[Record]) -> ReportScore:
    score = ReportScore(report.name, report.language, len(report.records), len(predicted))
    spans = [[s for k in g.get("keys", []) for s in key_spans(report.text, k)] for g in report.records]

    def overlap(p: Record, gi: int) -> int:
        return max((min(p.end, e) - max(p.start, s) for s, e in spans[gi]), default=0)

    # among the records overlapping an incident, the one that agrees with it best is its match;
    # the others are fragments of it
    pairs = sorted(((overlap(p, gi) > 0, _agreement(g, p), overlap(p, gi), -pi, gi)
                    for pi, p in enumerate(predicted)
                    for gi, g in enumerate(report.records) if p.kind == g.get("kind", "incident")),
                   reverse=True)
    pred_of: dict[int, int] = {}
    gold_of: dict[int, int] = {}
    for overlaps, _, _, neg_pi, gi in pairs:
        pi = -neg_pi
        if overlaps and pi not in gold_of and gi not in pred_of:
            pred_of[gi] = pi
            gold_of[pi] = gi
    for gi, gold in enumerate(report.records):
        if gi not in pred_of:
            score.errors.append(f"missed {gold.get('event_type')} at {gold.get('keys', [''])[0]!r}")
            continue
        score.matched += 1
        _compare(gold, predicted[pred_of[gi]], score)
    for pi, p in enumerate(predicted):
        if pi in gold_of:
            score.verdicts.append("match")
            score.gold_of[pi] = gold_of[pi]
            continue
        if any(overlap(p, gi) > 0 for gi in range(len(report.records))):
            score.verdicts.append("fragment")
            score.fragments += 1
            score.errors.append(f"fragment {p.event_type} at {p.quote[:60]!r}")
        else:
            score.verdicts.append("spurious")
            score.spurious += 1
            score.errors.append(f"spurious {p.kind} {p.event_type} at {p.quote[:60]!r}")
    return score


def _agreement(gold: dict[str, Any], pred: Record) -> int:
    return compare_record(gold, pred).points


def _compare(gold: dict[str, Any], pred: Record, score: ReportScore) -> None:
    agreement = compare_record(gold, pred)
    count_agreement(score, agreement)
    where = f"[{str(gold.get('keys', [''])[0])[:30]}]"
    score.errors.extend(f"{where} {line}" for line in agreement.errors)


REAL_METRICS = ("recall", "precision", "per_incident", "date", "place", "type", "counts",
                "spurious_per_20_out")


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def summarize(scores: Iterable[ReportScore]) -> dict[str, float | int | None]:
    """Per-report scores averaged over the reports they apply to."""
    scores = list(scores)
    in_scope = [s for s in scores if s.gold]
    out = [s for s in scores if not s.gold]
    matched = [s for s in in_scope if s.matched]
    return {
        "reports": len(scores),
        "in_scope": len(in_scope),
        "recall": _mean([s.matched / s.gold for s in in_scope]),
        "precision": _mean([s.matched / s.predicted for s in in_scope if s.predicted]),
        "per_incident": _mean([(s.matched + s.fragments) / s.matched for s in matched]),
        "date": _mean([s.date_ok / s.matched for s in matched]),
        "place": _mean([s.place_ok / s.matched for s in matched]),
        "type": _mean([s.type_ok / s.matched for s in matched]),
        "counts": _mean([s.counts_ok / s.matched for s in matched]),
        "out_of_scope": len(out),
        "spurious_per_20_out": (round(20 * sum(s.predicted for s in out) / len(out), 2) if out else None),
    }


def evaluate_real(reports: Iterable[RealReport],
                  run: Callable[[RealReport], list[Record]]) -> list[ReportScore]:
    return [score_report(r, run(r)) for r in reports]


def table(scores: list[ReportScore]) -> dict[str, dict[str, float | int | None]]:
    out = {"all": summarize(scores)}
    for lang in sorted({s.language for s in scores}):
        out[lang] = summarize([s for s in scores if s.language == lang])
    return out


def is_real_set(directory: Path) -> bool:
    """A real-report set holds annotation files with a ``url`` and no text beside them."""
    for meta_path in (p for p in directory.glob("*/*.json") if p.parent.name in REPORT_LANGUAGES):
        if meta_path.with_suffix(".txt").exists():
            return False
        try:
            return "url" in json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
    return False


CEILINGS = ("per_incident", "spurious_per_20_out")   # lower is better


def check_real_floors(result: dict[str, dict[str, float | int | None]],
                      floors: dict[str, dict[str, float]]) -> list[str]:
    """Scores worse than their recorded bound (``{"uk": {"recall": 0.5, ...}, ...}``)."""
    failures = []
    for lang, bounds in floors.items():
        row = result.get(lang, {})
        for name, bound in bounds.items():
            value = row.get(name)
            if value is None:
                continue
            if name in CEILINGS and value > bound:
                failures.append(f"{lang} {name} {value:.3f} > ceiling {bound:.3f}")
            elif name not in CEILINGS and value < bound:
                failures.append(f"{lang} {name} {value:.3f} < floor {bound:.3f}")
    return failures
