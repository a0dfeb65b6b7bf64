"""Export of N incidents from SQLite: rows/s and peak memory, per format.

Fills a fresh plain data directory with N synthetic incidents (default
100,000; those of ``bench_search.py``: eleven types, two years, 24 oblasts,
three languages), then runs ``letopis export`` through its service
(:func:`letopis.services.publishing.export_incidents`) once per format, each
in a child process of its own, and prints for each: incidents written per
second (the read-back check of the public profile included), the file's
size, and the child's peak resident memory. A baseline child that only opens
the data directory and loads what the public profile loads (the gazetteer,
pymorphy3) gives the memory the export itself adds. Usage:

  python bench/bench_export.py [N] [--formats csv,jsonl,geojson,acled,xlsx] [--profile public|internal]
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import fill  # noqa: E402 - the bench folder is not a package

from letopis.config import load_config  # noqa: E402
from letopis.crypto.store import init_store  # noqa: E402
from letopis.services.incidents import IncidentFilters  # noqa: E402
from letopis.services.workspace import open_workspace  # noqa: E402


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(data: str, fmt: str, profile: str, out: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from letopis.services.publishing import export_incidents, public_profile

    ws = open_workspace(load_config({"data": data}))
    try:
        if fmt == "baseline":
            if profile == "public":
                public_profile().redactor.redact("Івана Петренка затримали у Харкові.")
            queue.put((0, 0.0, 0, _peak_mb()))
            return
        started = time.perf_counter()
        result = export_incidents(ws, IncidentFilters(), fmt, profile=profile, output=Path(out))
        queue.put((result.count, time.perf_counter() - started, result.size, _peak_mb()))
    finally:
        ws.close()


def _run(data: Path, fmt: str, profile: str, out: Path) -> tuple[int, float, int, float]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(str(data), fmt, profile, str(out), queue))
    process.start()
    result = queue.get()
    process.join()
    if process.exitcode:
        raise SystemExit(f"the {fmt} export failed (exit {process.exitcode})")
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--formats", default="csv,jsonl,geojson,acled,xlsx")
    parser.add_argument("--profile", choices=["public", "internal"], default="public")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="letopis-bench-export-") as tmp:
        data = Path(tmp) / "data"
        opened = init_store(data, encrypt=False).store
        (data / "letopis.toml").write_text("", encoding="utf-8")
        started = time.perf_counter()
        fill(opened.db, args.n)
        opened.close()
        print(f"filled {args.n} incidents in {time.perf_counter() - started:.1f} s (sqlite)")
        _, _, _, base = _run(data, "baseline", args.profile, Path(tmp) / "none")
        print(f"baseline (open, load the {args.profile} profile): peak {base:.0f} MB")
        for fmt in args.formats.split(","):
            count, seconds, size, peak = _run(data, fmt, args.profile, Path(tmp) / f"out.{fmt}")
            print(f"{fmt:8s} {count:>8d} incidents in {seconds:6.1f} s = {count / seconds:8.0f} rows/s  "
                  f"file {size / 1e6:7.1f} MB  peak {peak:.0f} MB (+{peak - base:.0f} MB over the baseline)")
            (Path(tmp) / f"out.{fmt}").unlink()


if __name__ == "__main__":
    main()
