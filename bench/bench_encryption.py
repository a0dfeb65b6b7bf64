"""Encrypted vs plain store, same run: ingest (evidence + database + search index) and search.

    .venv/bin/python bench/bench_encryption.py [--reports 300] [--searches 300] [--size-kb 8]

Each report is stored as evidence (one object), recorded as a capture with its
derived text, and gets two incidents with quotes (so the full-text index is
written). Search runs full-text queries over the incidents. Extraction is left
out on purpose: it costs the same on both stores and would hide the overhead.
Target: encrypted within 1.3x of plain. Figures go to stdout.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from letopis.crypto import KdfParams, init_store  # noqa: E402
from letopis.crypto.store import OpenStore  # noqa: E402
from letopis.db.blobs import get_text  # noqa: E402
from letopis.db.incidents import add_incident, search_incidents  # noqa: E402
from letopis.evidence.capture import record_capture  # noqa: E402
from letopis.model import Artefact, Capture, Location, Record  # noqa: E402  # noqa: E402

T0 = datetime(2025, 11, 2, 9, 0, tzinfo=UTC)
WORDS = (
    "затримали чоловіків біля військкомату Харкові Одесі Львові мобілізації повістки вулиці автобус "
    "представники ТЦК побили вимагали документи відвезли невідомому напрямку свідки повідомили поліції "
    "задержали мужчин военкомата улице повестки вручили избили"
).split()
PLACES = ["Харків", "Одеса", "Львів", "Дніпро", "Київ", "Полтава", "Суми", "Чернігів"]


def _report(rng: random.Random, i: int, size_kb: int) -> str:
    words = []
    while sum(len(w) + 1 for w in words) < size_kb * 1024:
        words.append(rng.choice(WORDS))
    return f"Звіт {i}. " + " ".join(words)


def _capture(i: int, body: str) -> Capture:
    return Capture(
        source_kind="file", locator=f"/bench/report-{i}.txt", started_at=T0, finished_at=T0, method="read file",
        tool="bench", artefacts=(Artefact("original", "text/plain; charset=utf-8", data=body.encode(), name="r.txt"),),
        text=body, text_method="decode", title=f"Звіт {i}",
    )


def _record(rng: random.Random, body: str) -> Record:
    start = rng.randrange(0, max(1, len(body) - 200))
    place = rng.choice(PLACES)
    return Record(
        kind="incident", date=f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", date_precision="day",
        event_type="detention", location=Location(place, None, "UA", 49.0, 36.0, 1), fatalities=None, injured=None,
        detained=rng.randint(1, 5), actors=("conscription officers",), summary=f"Detention in {place}",
        quote=body[start : start + 200], start=start, end=start + 200, language="uk", confidence=0.8,
    )


def _ingest(store: OpenStore, reports: list[str], seed: int) -> float:
    rng = random.Random(seed)
    began = time.perf_counter()
    for i, body in enumerate(reports):
        def within(session, result, body=body):  # type: ignore[no-untyped-def]
            for _ in range(2):
                add_incident(session, _record(rng, body), source_id=result.source_id,
                             text_sha256=result.text_sha256)
        record_capture(store.db, store.objects, _capture(i, body), collector="bench", within=within)
    return time.perf_counter() - began


def _search(store: OpenStore, n: int, seed: int) -> tuple[float, int]:
    rng = random.Random(seed)
    hits = 0
    began = time.perf_counter()
    for _ in range(n):
        q = " ".join(rng.sample(WORDS, 2))[:-2]  # prefix match
        with store.db.session(readonly=True) as session:
            hits += search_incidents(session, q=q, limit=20).total
        with store.db.session(readonly=True) as session:  # and reading a report's text back
            get_text(session, "0" * 64)
    return time.perf_counter() - began, hits


def _read_evidence(store: OpenStore) -> float:
    from sqlalchemy import select

    from letopis.db.models import Blob

    with store.db.session(readonly=True) as session:
        shas = list(session.scalars(select(Blob.sha256)))
    began = time.perf_counter()
    for sha in shas:
        store.objects.hash_object(sha)
    return time.perf_counter() - began


_FTS_SQL = (
    "SELECT count(*) FROM incidents WHERE id IN (SELECT rowid FROM incident_search WHERE incident_search MATCH ?)"
)


def _sql_level(plain_db: Path, encrypted_db: Path, key: bytes, n: int) -> dict[str, float]:
    """The same FTS query loop on one connection: where does the overhead come from?"""
    import sqlite3

    import sqlcipher3  # type: ignore[import-untyped]

    queries_ = [f'"{w[:-2]}"*' for w in WORDS] * max(1, n // len(WORDS))

    def run(connection) -> float:  # type: ignore[no-untyped-def]
        for q in queries_[:20]:
            connection.execute(_FTS_SQL, (q,)).fetchall()
        began = time.perf_counter()
        for q in queries_:
            connection.execute(_FTS_SQL, (q,)).fetchall()
        connection.close()
        return time.perf_counter() - began

    encrypted = sqlcipher3.connect(str(encrypted_db))
    encrypted.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return {
        "stdlib sqlite3, plain file": run(sqlite3.connect(str(plain_db))),
        "sqlcipher3, plain file": run(sqlcipher3.connect(str(plain_db))),
        "sqlcipher3, encrypted file": run(encrypted),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--size-kb", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternate plain/encrypted this many times; best time counts")
    args = parser.parse_args()

    rng = random.Random(1)
    reports = [_report(rng, i, args.size_kb) for i in range(args.reports)]
    best: dict[str, dict[str, float]] = {}
    db_key = b""
    with tempfile.TemporaryDirectory(prefix="letopis-bench-") as tmp:
        for round_ in range(args.rounds):
            for mode in ("plain", "encrypted"):
                data = Path(tmp) / f"{mode}-{round_}"
                opened = init_store(data, encrypt=mode == "encrypted", passphrase="bench passphrase 1234",
                                    kdf=KdfParams.fast()).store
                ingest_s = _ingest(opened, reports, seed=2)
                search_s, hits = _search(opened, args.searches, seed=3)
                read_s = _read_evidence(opened)
                if mode == "encrypted" and opened.master is not None:
                    from letopis.crypto.store import sqlcipher_key

                    db_key = sqlcipher_key(opened.master)
                opened.close()
                figures = {"ingest": ingest_s, "search": search_s, "read": read_s, "hits": hits}
                current = best.setdefault(mode, figures)
                for key in ("ingest", "search", "read"):
                    current[key] = min(current[key], figures[key])

        last = args.rounds - 1  # db_key belongs to the last encrypted store
        sql_level = _sql_level(Path(tmp) / f"plain-{last}" / "letopis.sqlite3",
                               Path(tmp) / f"encrypted-{last}" / "letopis.sqlite3",
                               db_key, args.searches)

    plain, enc = best["plain"], best["encrypted"]
    print(f"reports: {args.reports} x {args.size_kb} KiB, 2 incidents each; searches: {args.searches}; "
          f"best of {args.rounds} rounds")
    print(f"{'':10} {'plain':>10} {'encrypted':>10} {'ratio':>7}")
    ok = True
    for key, label, unit, per in (
        ("ingest", "ingest", "reports/s", args.reports),
        ("search", "search", "queries/s", args.searches),
        ("read", "read+hash", "objects/s", args.reports),
    ):
        ratio = enc[key] / plain[key]
        ok &= ratio <= 1.3 or key == "read"
        print(f"{label:10} {plain[key]:9.3f}s {enc[key]:9.3f}s {ratio:6.2f}x   "
              f"({per / plain[key]:.0f} vs {per / enc[key]:.0f} {unit})")
    assert plain["hits"] == enc["hits"], "both stores must find the same incidents"
    print(f"search hits (both): {int(plain['hits'])}")
    print("target (ingest and search within 1.3x of plain):", "met" if ok else "NOT met")
    print("SQL-level full-text query loop (one connection, no SQLAlchemy):")
    for label, seconds in sql_level.items():
        print(f"  {label:28} {seconds:.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
