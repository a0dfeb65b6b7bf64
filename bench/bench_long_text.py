"""Extraction time on long texts with no sentence breaks (issue 13: a 1 MB line took over 150 s).

    python bench/bench_long_text.py [--kb 25,100,400]

Builds, from the invented reports of bench_extract's corpus, one long line per
language joined by commas (no sentence end anywhere), and one with no
punctuation at all, and prints CPU seconds per KB at each size and the ratio
largest/smallest per KB: 1.0 is linear, the size ratio itself is quadratic.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from bench_extract import Corpus  # noqa: E402

from letopis.extract.engine import Engine  # noqa: E402
from letopis.model import Report  # noqa: E402


def long_line(lang: str, chars: int, punctuation: bool) -> str:
    pieces, size, seed = [], 0, 0
    corpus = Corpus(seed)
    while size < chars:
        try:
            _, text, _ = corpus.report(lang)
        except RuntimeError:   # this corpus has no new sentence left: another seed
            seed += 1
            corpus = Corpus(seed)
            continue
        flat = re.sub(r"[.!?;:\n]+\s*", ", ", text) if punctuation else re.sub(r"[^\w\s]+|\s+", " ", text)
        pieces.append(flat)
        size += len(flat) + 2
    return (", " if punctuation else " ").join(pieces)[:chars]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", default="25,100,400")
    args = parser.parse_args()
    sizes = [int(k) for k in args.kb.split(",")]
    engine = Engine()
    print(f"{'text':<22} " + " ".join(f"{k:>8} KB" for k in sizes) + "   per-KB ratio")
    for lang in ("uk", "ru", "en"):
        for punctuation in (True, False):
            per_kb = []
            for kb in sizes:
                text = long_line(lang, kb * 1024, punctuation)
                started = time.process_time()
                engine.extract(Report(text=text, published=date(2025, 11, 3)))
                per_kb.append((time.process_time() - started) / kb)
            name = f"{lang} {'commas only' if punctuation else 'no punctuation'}"
            print(f"{name:<22} " + " ".join(f"{v * 1000:>8.1f} ms" for v in per_kb)
                  + f"   {per_kb[-1] / per_kb[0]:.2f} (sizes x{sizes[-1] // sizes[0]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
