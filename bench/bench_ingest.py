"""Ingest speed and memory: a generated Telegram export, end to end through `letopis ingest`.

For each size N it writes an export of N messages (bench/make_telegram_export.py;
every 50th is a service message), initialises a fresh data directory and runs
`letopis ingest EXPORT` in a child process, then prints:

  messages_per_s     text messages ingested per second, wall clock, start-up included
  peak_rss_mb        peak resident memory of the ingest process
  worker_rss_mb      peak resident memory of its extraction worker(s)

Memory must not grow with N: compare the two sizes. Usage:

  python bench/bench_ingest.py [N ...] [--database-url URL] [--workdir DIR] [--verify]

(default sizes 20000 and 100000; SQLite in the work directory unless a
PostgreSQL URL is given — it must name an empty database).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from make_telegram_export import write_export  # noqa: E402

# Runs the CLI in this child and reports its own peak RSS and its children's (the extraction workers).
_CHILD = """
import json, resource, sys
from letopis.cli import main
code = 0
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code or 0
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rss_kb": own, "children_rss_kb": kids, "code": code}), file=sys.stderr)
"""


def run_one(n: int, workdir: Path, database_url: str | None, verify: bool) -> dict[str, float]:
    export = workdir / f"export-{n}"
    if not (export / "result.json").exists():
        write_export(export, n)
    data = workdir / f"data-{n}"
    shutil.rmtree(data, ignore_errors=True)
    env = {**os.environ, "LETOPIS_DATA": str(data), "LETOPIS_COLLECTOR": "bench"}
    env.pop("LETOPIS_DATABASE_URL", None)
    if database_url:
        env["LETOPIS_DATABASE_URL"] = database_url
    subprocess.run([sys.executable, "-m", "letopis.cli", "init"], env=env, check=True, capture_output=True)
    texts = n - n // 50
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CHILD, "ingest", str(export)], env=env, capture_output=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed ({proc.returncode}):\n{proc.stderr.decode()[-3000:]}")
    usage = json.loads(proc.stderr.decode().strip().splitlines()[-1])
    summary = proc.stdout.decode().strip().splitlines()[-1]
    result = {
        "messages": texts,
        "seconds": round(elapsed, 1),
        "messages_per_s": round(texts / elapsed, 1),
        "peak_rss_mb": round(usage["rss_kb"] / 1024, 1),
        "worker_rss_mb": round(usage["children_rss_kb"] / 1024, 1),
        "summary": summary,
    }
    if verify:
        for command in (["verify"], ["log", "verify"]):
            checked = subprocess.run([sys.executable, "-m", "letopis.cli", *command], env=env, capture_output=True)
            result[" ".join(command)] = checked.stdout.decode().strip().splitlines()[-1]
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[20_000, 100_000])
    parser.add_argument("--database-url", help="PostgreSQL URL of an empty database (default: SQLite)")
    parser.add_argument("--workdir", type=Path, help="keep exports and data here (default: a temporary directory)")
    parser.add_argument("--verify", action="store_true", help="run `letopis verify` and `log verify` afterwards")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="letopis-bench-ingest-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        for n in args.sizes:
            result = run_one(n, workdir, args.database_url, args.verify)
            print(f"N={n}: " + "  ".join(f"{k}={v}" for k, v in result.items() if k != "summary"), flush=True)
            print(f"    {result['summary']}", flush=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
