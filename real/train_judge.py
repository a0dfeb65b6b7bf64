"""Train the record judge (src/letopis/extract/judge.py) on the real-report set.

    python real/train_judge.py                 # cross-validated figures per threshold, nothing written
    python real/train_judge.py --write 0.35    # fit on every report, write src/letopis/data/judge.json

The engine runs with the judge off over every cached report of ``real/``; each of
its incident records is labelled by the annotations (a record matching an
annotated incident is genuine; a record that overlaps none is not; a second
record of an annotated incident is not either, unless ``--fragments skip``).
Folds are grouped by site, so a site's reports are never on both sides, and
the figures printed are the per-report scores of ``letopis eval real`` with the
out-of-fold judge applied: what the judge can be expected to do on unseen sites.

Needs scikit-learn (``pip install -e '.[dev]'``) and the cached texts. The file
written holds weights of five-letter word heads and rule features, the
threshold, and the addresses of the reports it learned from; no text.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from letopis.evaluation.real import load_real, score_report, table  # noqa: E402
from letopis.extract.engine import Engine  # noqa: E402
from letopis.extract.judge import WEIGHTS_PATH, features  # noqa: E402
from letopis.model import Report  # noqa: E402

METRICS = ("recall", "precision", "per_incident", "date", "place", "type", "counts", "spurious_per_20_out")


def site(url: str) -> str:
    host = urlsplit(url).hostname or url
    parts = host.removeprefix("www.").split(".")
    return ".".join(parts[-2:]) if len(parts) > 2 and parts[-2] not in ("com", "org", "co") else host


def collect(directory: Path, fragments: str):  # type: ignore[no-untyped-def]
    real = load_real(directory)
    if real.missing:
        print(f"{len(real.missing)} reports have no cached text; training without them", file=sys.stderr)
    engine = Engine(judged=False)
    rows = []   # (report index, record index, features, label or None)
    runs = []
    for ri, report in enumerate(real.reports):
        records, view = engine.candidates(Report(text=report.text, published=report.published))
        verdicts = score_report(report, records).verdicts
        for i, (record, verdict) in enumerate(zip(records, verdicts, strict=True)):
            if record.kind != "incident":
                continue
            label = {"match": 1, "spurious": 0}.get(verdict, None if fragments == "skip" else 0)
            rows.append((ri, i, features(record, i, view), label))
        runs.append(records)
    return real, runs, rows


def collect_invented(directory: Path):  # type: ignore[no-untyped-def]
    """Rows from an invented set (texts in the repository): a record holding an annotated
    record's evidence is genuine, any other is not."""
    from letopis.evaluation.gold import load_gold

    engine = Engine(judged=False)
    rows = []
    for report in load_gold(directory):
        records, view = engine.candidates(Report(text=report.text, published=report.published))
        spans = [(g["kind"], report.text.find(g["evidence"]), len(g["evidence"])) for g in report.records]
        for i, record in enumerate(records):
            if record.kind != "incident":
                continue
            genuine = any(kind == "incident" and at >= 0 and record.start <= at and at + n <= record.end
                          for kind, at, n in spans)
            rows.append((-1, i, features(record, i, view), int(genuine)))
    return rows


def fit(x, y, c: float):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    model.fit(x, y)
    return model


def cross_validated(real, rows, folds: int, c: float, extra=()) -> dict[tuple[int, int], float]:  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.model_selection import GroupKFold

    groups = [site(json.loads(real.reports[ri].path.read_text(encoding="utf-8"))["url"]) for ri, _, _, _ in rows]
    probability: dict[tuple[int, int], float] = {}
    indices = list(range(len(rows)))
    for train, test in GroupKFold(n_splits=folds).split(indices, groups=groups):
        train_rows = [rows[i] for i in train if rows[i][3] is not None] + list(extra)
        if len({r[3] for r in train_rows}) < 2:
            continue   # one class only on this side: the fold's records stay unjudged
        vec = DictVectorizer()
        x = vec.fit_transform([dict.fromkeys(r[2], 1) for r in train_rows])
        model = fit(x, [r[3] for r in train_rows], c)
        p = model.predict_proba(vec.transform([dict.fromkeys(rows[i][2], 1) for i in test]))[:, 1]
        for i, pi in zip(test, p, strict=True):
            probability[(rows[i][0], rows[i][1])] = float(pi)
    return probability


def scores_at(real, runs, probability, threshold: float):  # type: ignore[no-untyped-def]
    scores = []
    for ri, (report, records) in enumerate(zip(real.reports, runs, strict=True)):
        kept = [r for i, r in enumerate(records)
                if r.kind != "incident" or probability.get((ri, i), 1.0) >= threshold]
        scores.append(score_report(report, kept))
    return table(scores)


def print_table(title: str, result) -> None:  # type: ignore[no-untyped-def]
    print(title)
    print("lang " + " ".join(f"{m[:9]:>9}" for m in METRICS))
    for lang in ("uk", "ru", "en", "all"):
        row = result.get(lang, {})
        print(f"{lang:<4} " + " ".join(f"{row.get(m) or 0:>9.3f}" for m in METRICS))


def write(real, rows, c: float, threshold: float, out: Path, extra=()) -> int:  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction import DictVectorizer

    labelled = [r for r in rows if r[3] is not None] + list(extra)
    if len({r[3] for r in labelled}) < 2:
        print("cannot train: the records are all genuine or all not", file=sys.stderr)
        return 1
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(r[2], 1) for r in labelled])
    model = fit(x, [r[3] for r in labelled], c)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0],
                                                                   strict=True)
               if abs(w) >= 1e-3}
    addresses = sorted({json.loads(r.path.read_text(encoding="utf-8"))["url"] for r in real.reports})
    data = {
        "about": "Record judge of letopis.extract.judge, trained by real/train_judge.py; "
                 "features are five-letter word heads and rule outputs, no text.",
        "trained": datetime.now(UTC).date().isoformat(),
        "C": c, "threshold": threshold, "records": len(labelled),
        "positives": sum(r[3] for r in labelled),
        "bias": round(float(model.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
        "learned_from": addresses,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {out} ({len(weights)} weights, {len(labelled)} records, {len(addresses)} reports)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default=str(HERE))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("-C", type=float, default=0.5)
    parser.add_argument("--fragments", choices=("negative", "skip"), default="negative")
    parser.add_argument("--thresholds", default="0.2,0.3,0.35,0.4,0.45,0.5,0.55,0.6")
    parser.add_argument("--write", type=float, metavar="THRESHOLD")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH, help="where --write puts the weights")
    parser.add_argument("--drop", action="append", default=[], metavar="PREFIX",
                        help="leave out features whose names start with PREFIX (w: record words, "
                             "o: opening words, c:, rc: cue families …)")
    parser.add_argument("--invented", action="append", default=[],
                        help="also learn from an invented set (gold/): always on the training side")
    args = parser.parse_args()
    real, runs, rows = collect(Path(args.set), args.fragments)
    extra = [row for d in args.invented for row in collect_invented(Path(d))]
    if args.drop:
        prefixes = tuple(args.drop)
        rows = [(a, b, [f for f in names if not f.startswith(prefixes)], c) for a, b, names, c in rows]
        extra = [(a, b, [f for f in names if not f.startswith(prefixes)], c) for a, b, names, c in extra]
    if extra:
        print(f"invented: {len(extra)} incident records, {sum(r[3] for r in extra)} genuine")
    labelled = [r for r in rows if r[3] is not None]
    print(f"{len(real.reports)} reports, {len(rows)} incident records, "
          f"{sum(r[3] for r in labelled)} genuine, {sum(1 - r[3] for r in labelled)} not")
    if args.write is not None:
        return write(real, rows, args.C, args.write, args.out, extra)
    print_table("rules alone", scores_at(real, runs, {}, 0.0))
    probability = cross_validated(real, rows, args.folds, args.C, extra)
    for t in (float(v) for v in args.thresholds.split(",")):
        print_table(f"judge, out of fold, threshold {t}", scores_at(real, runs, probability, t))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
