"""Pairwise precision, recall and F1 of grouping real reports of one incident into origins.

    python real/eval_origins.py            # every incident in real/origins/*.json whose texts are cached
    python real/eval_origins.py --pairs    # also every pair the grouping got wrong
    python real/eval_origins.py --set origins-holdout   # the blind set (do not tune on it)
    python real/eval_origins.py --set origins --set origins-holdout   # both, pairs pooled

Each real/origins/*.json holds several pages reporting one incident: their
addresses, the query that found each, and our hand annotation of which pages
carry the same text (``origin``: pages with the same label are copies of one
text). The texts are not in the repository: they live in
``$LETOPIS_ORIGINS_CACHE`` (default ``~/.cache/letopis/origins``) as
``<incident file stem>/<page id>.txt``; a missing text, or one whose SHA-256
differs from the annotation, is listed and its page left out.

The grouping is the one ingest runs (:func:`letopis.reliability.group_copies`):
every page of an incident shares the incident's date and place as its facts
(the merge already made them agree), its language is the annotated one.
Scored over all pairs of pages inside each incident, pooled: a pair is
positive when both pages are copies of one text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from datetime import UTC, date, datetime, time
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from letopis.reliability import Passage, group_copies  # noqa: E402


def cache_dir() -> Path:
    return Path(os.environ.get("LETOPIS_ORIGINS_CACHE", Path.home() / ".cache" / "letopis" / "origins"))


def _published(value: str | None) -> datetime | None:
    return datetime.combine(date.fromisoformat(value), time(12), tzinfo=UTC) if value else None


def score_incident(path: Path, missing: list[str]) -> tuple[list[tuple[str, str, bool, bool]], int]:
    """Every pair of cached pages: (page a, page b, annotated same origin, grouped as one); pages used."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    facts = (doc["date"], doc["place"], None, None, None)
    pages, passages = [], []
    for number, page in enumerate(doc["pages"]):
        text_path = cache_dir() / path.stem / f"{page['id']}.txt"
        text = text_path.read_text(encoding="utf-8") if text_path.exists() else None
        if text is None or hashlib.sha256(text.encode("utf-8")).hexdigest() != page["text_sha256"]:
            missing.append(f"{path.stem}/{page['id']}: {page['url']}")
            continue
        pages.append(page)
        passages.append(Passage(number, text, page["language"], _published(page.get("published")), facts))
    groups = group_copies(passages)
    origin_of = {page["id"]: groups[p.key].origin for page, p in zip(pages, passages, strict=True)}
    pairs = [(a["id"], b["id"], a["origin"] == b["origin"], origin_of[a["id"]] == origin_of[b["id"]])
             for a, b in combinations(pages, 2)]
    return pairs, len(pages)


def _prf(pairs: list[tuple[str, str, bool, bool]]) -> tuple[float, float, float, int, int]:
    tp = sum(1 for *_, gold, got in pairs if gold and got)
    fp = sum(1 for *_, gold, got in pairs if got and not gold)
    fn = sum(1 for *_, gold, got in pairs if gold and not got)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp + fn, len(pairs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", action="store_true", help="print every pair the grouping got wrong")
    parser.add_argument("--set", action="append", dest="sets",
                        help="a folder under real/ (default: origins); give it again to pool several")
    args = parser.parse_args(argv)
    sets = args.sets or ["origins"]
    missing: list[str] = []
    everything: list[tuple[str, str, bool, bool]] = []
    print(f"{'incident':34} {'pages':>5} {'pairs':>5} {'copies':>6} {'P':>6} {'R':>6} {'F1':>6}")
    for path in (p for name in sets for p in sorted((HERE / name).glob("*.json"))):
        pairs, used = score_incident(path, missing)
        everything += pairs
        p, r, f, positives, n = _prf(pairs)
        label = path.stem if len(sets) == 1 else f"{path.parent.name}/{path.stem}"
        print(f"{label:34.34} {used:5d} {n:5d} {positives:6d} {p:6.3f} {r:6.3f} {f:6.3f}")
        if args.pairs:
            for a, b, gold, got in pairs:
                if gold != got:
                    print(f"    {'missed copy' if gold else 'wrongly joined'}: {a} / {b}")
    p, r, f, positives, n = _prf(everything)
    print(f"{'all (pairs pooled)':34} {'':5} {n:5d} {positives:6d} {p:6.3f} {r:6.3f} {f:6.3f}")
    for line in missing:
        print(f"missing text: {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
