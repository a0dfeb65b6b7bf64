"""A small trained judge of the engine's records: a genuine in-scope incident, or not?

The rules find every passage that could tell an incident; on real reports a
part of what they keep is background, analysis, war news, ordinary crime or a
second record of one incident, and hand rules cannot draw that line without
turning into lists of special cases. This judge is a logistic regression over
features of the record and of the report it comes from:

* the words of the record's own text (its first ``QUOTE_CHARS`` characters) and
  of the report's opening (the headline and lead), each cut to its first five
  letters — a cheap stand-in for a lemma that works the same in uk, ru and en
  and costs microseconds where pymorphy3 would cost most of a report's reading;
* the cue families the record's text and the whole report name;
* what the rules made of it: kind, type, date precision and source, place
  precision and country, its position and the number of records in the report.

The weights are trained by ``real/train_judge.py`` (scikit-learn) on the engine's
own records over the real-report set, labelled by the set's annotations, and
committed as JSON (``data/judge.json``) with the list of report addresses they
learned from. No text is stored in it: only five-letter word heads and weights.
Inference is a dot product here, so the engine does not import scikit-learn.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from letopis.extract.cues import find_cues
from letopis.model import Record

WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "data" / "judge.json"
QUOTE_CHARS = 400
OPENING_CHARS = 300
HEAD = 5
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class ReportView:
    """What the judge sees of the whole report."""

    opening: str
    cues: frozenset[str]
    records: int
    length: int


def report_view(text: str, records: list[Record], cues: set[str] | frozenset[str]) -> ReportView:
    """``cues``: the cue families the engine found in the report's sentences."""
    return ReportView(opening=text[:OPENING_CHARS], cues=frozenset(cues), records=len(records),
                      length=len(text))


def _heads(text: str) -> set[str]:
    return {w[:HEAD] for w in _WORD.findall(text.lower().replace("’", "'"))}


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def features(record: Record, index: int, report: ReportView) -> list[str]:
    """The record's features, as names (each present feature has the value 1)."""
    quote = record.quote[:QUOTE_CHARS]
    out = [f"w:{h}" for h in _heads(quote)]
    out += [f"o:{h}" for h in _heads(report.opening)]
    out += [f"c:{name}" for name in find_cues(quote)]
    out += [f"rc:{name}" for name in report.cues]
    location = record.location
    geo = f"geo:{location.geo_precision if location else 0}"
    country = "none" if location is None else location.country if location.country in ("UA", "RU") else "other"
    out += [
        f"kind:{record.kind}",
        f"type:{record.event_type}",
        f"lang:{record.language}",
        f"prec:{record.date_precision}",
        f"from:{record.date_source or 'text'}" if record.date else "from:none",
        geo,
        f"cc:{country}",
        f"pos:{min(index, 3)}",
        f"n:{_bucket(report.records, (1, 2, 4, 8))}",
        f"len:{_bucket(report.length, (600, 1200, 2500, 6000))}",
        f"qlen:{_bucket(len(record.quote), (120, 250, 500))}",
    ]
    out += [f"tl:{record.event_type}|{record.language}", f"tg:{record.event_type}|{geo}"]
    return out


@dataclass(frozen=True)
class Judge:
    bias: float
    weights: dict[str, float]
    threshold: float

    def probability(self, names: list[str]) -> float:
        z = self.bias + sum(self.weights.get(n, 0.0) for n in names)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keep(self, records: list[Record], view: ReportView) -> list[Record]:
        """The incident records the judge believes; statistics pass untouched."""
        return [r for i, r in enumerate(records)
                if r.kind != "incident" or self.probability(features(r, i, view)) >= self.threshold]


@lru_cache(maxsize=1)
def load_judge(path: Path = WEIGHTS_PATH) -> Judge | None:
    """The committed judge, or None where no weights ship (the rules alone then decide)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Judge(bias=float(data["bias"]), weights={k: float(v) for k, v in data["weights"].items()},
                 threshold=float(data["threshold"]))
