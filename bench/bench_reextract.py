"""Extraction throughput through each backend: the local process pool, Ray, Dask (issue 12).

    python bench/bench_reextract.py [N] [--workers 1,2] [--backends local,ray,dask,rayclient]

Generates N distinct ~1 KB reports (bench_extract's corpus, fixed seed), then for
each backend and worker count streams them through
:func:`letopis.services.backends.extract_reports`, exactly as ``ingest`` and
``reextract`` hand texts over: the local pool with k forked workers; a fresh
local Ray of k CPUs with k actors; a fresh Dask ``LocalCluster`` of k worker
processes of one thread each; and, when asked for (``rayclient``), a fresh Ray
head of k CPUs in its own process group on loopback, reached through its Ray
Client server (``ray://127.0.0.1:PORT``; tests/backends/ray_head.py). The
start-up (cluster, shipping the engine, the workers' warm-up, and a first batch
of k×16 reports) is timed apart;
throughput is over the N reports after it:

  start_s       the backend opened and the first batch answered
  reports_per_s reports per wall-clock second, after start-up
  records_per_s records per wall-clock second, after start-up
  vs_local      reports_per_s / the local pool's at the same worker count

Every backend must give the same records as the local pool (checked; a
difference is an error). The machine's load average is printed with the
figures: on a shared machine they move with it.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path[:0] = [str(SRC), str(HERE), str(HERE.parent)]  # the repository's root: tests.backends.ray_head
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), os.environ.get("PYTHONPATH")) if p)  # Ray workers

from bench_extract import SEED, Corpus, pick_lang  # noqa: E402

from letopis.extract.engine import Engine  # noqa: E402
from letopis.model import Report  # noqa: E402
from letopis.services.backends import Backend, extract_reports, open_backend  # noqa: E402
from letopis.services.backends.local import CHUNK  # noqa: E402


def reports(n: int) -> list[Report]:
    corpus, rng = Corpus(SEED), random.Random(SEED)
    out = []
    for _ in range(n):
        _lang, published, text = corpus.report(pick_lang(rng))
        out.append(Report(text=text, published=date.fromisoformat(published)))
    return out


@contextmanager
def local_cluster(kind: str, workers: int) -> Iterator[str | None]:
    """The ``--cluster`` address of a fresh local cluster of ``workers`` CPUs (None: the local pool)."""
    if kind == "local":
        yield None
    elif kind == "ray":
        import ray

        ray.init(address="local", num_cpus=workers, include_dashboard=False, logging_level=logging.WARNING,
                 log_to_driver=False)
        try:
            yield "auto"
        finally:
            ray.shutdown()
    elif kind == "rayclient":
        import tempfile

        from tests.backends.ray_head import ray_head

        with tempfile.TemporaryDirectory(prefix="rc") as temp, ray_head(Path(temp), cpus=workers) as address:
            yield address
    else:
        from distributed import LocalCluster

        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            yield cluster.scheduler_address


def records_of(backend: Backend, batch: list[Report]) -> list[list[dict]]:
    out = []
    for _report, (status, value) in extract_reports(backend, batch):
        if status != "ok":
            raise RuntimeError(f"extraction failed: {value[0]}")
        out.append([d for _, d in value])
    return out


def measure(kind: str, workers: int, engine: Engine, warm: list[Report], batch: list[Report]) -> dict:
    with local_cluster(kind, workers) as address:
        started = time.perf_counter()
        backend = open_backend(address, engine, workers=workers)
        try:
            records_of(backend, warm)
            start_s = time.perf_counter() - started
            started = time.perf_counter()
            records = records_of(backend, batch)
            elapsed = time.perf_counter() - started
        finally:
            backend.close()
    count = sum(len(r) for r in records)
    return {"start_s": start_s, "reports_per_s": len(batch) / elapsed, "records_per_s": count / elapsed,
            "records": records}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=2000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--backends", default="local,ray,dask")
    args = parser.parse_args()
    counts = [int(k) for k in args.workers.split(",")]
    kinds = args.backends.split(",")
    generated = reports(args.n + CHUNK * max(counts))
    warm_all, batch = generated[args.n:], generated[:args.n]
    engine = Engine()
    print(f"{args.n} reports, {sum(len(r.text) for r in batch) / args.n:.0f} characters each on average; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    print(f"{'backend':<8} {'workers':>7} {'start_s':>8} {'reports/s':>10} {'records/s':>10} {'vs_local':>9}")
    reference: dict[int, dict] = {}
    for workers in counts:
        for kind in kinds:
            result = measure(kind, workers, engine, warm_all[:CHUNK * workers], batch)
            base = reference.setdefault(workers, result) if kind == "local" else reference.get(workers)
            if base is not None and result["records"] != base["records"]:
                raise SystemExit(f"{kind} with {workers} workers gave other records than the local pool")
            ratio = f"{result['reports_per_s'] / base['reports_per_s']:.2f}" if base is not None else "-"
            print(f"{kind:<8} {workers:>7} {result['start_s']:>8.1f} {result['reports_per_s']:>10.1f} "
                f"{result['records_per_s']:>10.1f} {ratio:>9}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
