"""Pairwise precision, recall and F1 of grouping real reports of one incident into origins.

    python real/eval_origins.py            # every incident in real/origins/*.json whose texts are cached
    python real/eval_origins.py --pairs    # also every pair the grouping got wrong
    python real/eval_origins.py --set origins-holdout   # the blind set (do not tune on it)
    python real/eval_origins.py --set origins --set origins-holdout   # both, pairs pooled

Each real/origins/*.json holds several pages reporting one incident: their
addresses, the query that found each, and our hand annotation of which pages
carry the same text (``origin``: pages with the same label are copies of one
text) and, where a page's account rests on one statement alone (``rests_on``: pages
with the same label retell one police post, one court's release, one outlet's report, each in its own
words), that statement. The texts are not in the repository: they live in
``$LETOPIS_ORIGINS_CACHE`` (default ``~/.cache/letopis/origins``) as
``<incident file stem>/<page id>.txt``; a missing text, or one whose SHA-256
differs from the annotation, is listed and its page left out.

The grouping is the one ingest runs (:func:`letopis.reliability.group_copies`: ``text_origin`` for the
copies, ``origin`` for the origins):
every page of an incident shares the incident's date and place as its facts
(the merge already made them agree), its language is the annotated one.
Scored over all pairs of pages inside each incident, pooled, twice: **copies** (a pair is positive when
both pages carry one text: the same ``origin``) and **origins** (positive when the two are not independent:
the same ``origin``, or the same ``rests_on``, joined transitively); the grouping's copies are scored
against the first and its origins against the second. A set without ``rests_on`` scores the same twice.
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


Pair = tuple[str, str, bool, bool]  # page a, page b, annotated as one, grouped as one


def _gold_origins(pages: list[dict]) -> dict[str, str]:
    """Each page's independent origin by the annotation: same text or same statement, joined transitively."""
    parent = {page["id"]: page["id"] for page in pages}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    for field in ("origin", "rests_on"):
        first: dict[str, str] = {}
        for page in pages:
            label = page.get(field)
            if label is None:
                continue
            if label in first:
                parent[root(page["id"])] = root(first[label])
            else:
                first[label] = page["id"]
    return {key: root(key) for key in parent}


def score_incident(path: Path, missing: list[str]) -> tuple[list[Pair], list[Pair], int]:
    """Every pair of cached pages, as copies and as origins; pages used."""
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
    copy_of = {page["id"]: groups[p.key].text_origin for page, p in zip(pages, passages, strict=True)}
    origin_of = {page["id"]: groups[p.key].origin for page, p in zip(pages, passages, strict=True)}
    gold = _gold_origins(pages)
    copies = [(a["id"], b["id"], a["origin"] == b["origin"], copy_of[a["id"]] == copy_of[b["id"]])
              for a, b in combinations(pages, 2)]
    origins = [(a["id"], b["id"], gold[a["id"]] == gold[b["id"]], origin_of[a["id"]] == origin_of[b["id"]])
               for a, b in combinations(pages, 2)]
    return copies, origins, len(pages)


def _prf(pairs: list[Pair]) -> tuple[float, float, float, int, int]:
    tp = sum(1 for *_, gold, got in pairs if gold and got)
    fp = sum(1 for *_, gold, got in pairs if got and not gold)
    fn = sum(1 for *_, gold, got in pairs if gold and not got)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp + fn, len(pairs)


def _row(pairs: list[Pair]) -> str:
    p, r, f, positives, _ = _prf(pairs)
    return f"{positives:4d} {p:6.3f} {r:6.3f} {f:6.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", action="store_true", help="print every pair the grouping got wrong")
    parser.add_argument("--set", action="append", dest="sets",
                        help="a folder under real/ (default: origins); give it again to pool several")
    args = parser.parse_args(argv)
    sets = args.sets or ["origins"]
    missing: list[str] = []
    all_copies: list[Pair] = []
    all_origins: list[Pair] = []
    print(f"{'':46} {'copies (same text)':>27}   {'origins (same text or statement)':>34}")
    print(f"{'incident':34} {'pages':>5} {'pairs':>5} {'pos':>4} {'P':>6} {'R':>6} {'F1':>6}   "
          f"{'pos':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for path in (p for name in sets for p in sorted((HERE / name).glob("*.json"))):
        copies, origins, used = score_incident(path, missing)
        all_copies += copies
        all_origins += origins
        label = path.stem if len(sets) == 1 else f"{path.parent.name}/{path.stem}"
        print(f"{label:34.34} {used:5d} {len(copies):5d} {_row(copies)}   {_row(origins)}")
        if args.pairs:
            for kind, pairs in (("copy", copies), ("origin", origins)):
                for a, b, gold, got in pairs:
                    if gold != got:
                        print(f"    {kind}: {'missed' if gold else 'wrongly joined'}: {a} / {b}")
    print(f"{'all (pairs pooled)':34} {'':5} {len(all_copies):5d} {_row(all_copies)}   {_row(all_origins)}")
    for line in missing:
        print(f"missing text: {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
