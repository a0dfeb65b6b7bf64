"""Ingest speed and memory: a generated Telegram export, end to end through `letopis ingest`.

For each size N it writes an export of N messages (bench/make_telegram_export.py;
every 50th is a service message), initialises a fresh data directory and runs
`letopis ingest EXPORT` in a child process, then prints:

  messages_per_s     text messages ingested per second, wall clock, start-up included
  peak_rss_mb        peak resident memory of the ingest process
  worker_rss_mb      peak resident memory of its extraction worker(s)
  export_mb          the export's size (result.json)
  data_mb            the data directory's size on disk (blocks taken, as du counts), and per text message
  data_x_export      data_mb / export_mb (target: at most 3)

and where the space went: loose evidence objects (files, bytes and blocks),
packs (pack and index files, bytes and blocks), the
database file and its WAL (SQLite), and the biggest tables and indexes
(SQLite, from dbstat when the SQLite library has it).

Memory must not grow with N: compare the two sizes. Usage:

  python bench/bench_ingest.py [N ...] [--mix incidents|news] [--database-url URL] [--workdir DIR] [--verify]

``--mix`` picks the export (bench/make_telegram_export.py): ``incidents``, the
default, makes every message the same short detention report, a source of an
incident each (the worst case per message); ``news`` a general news channel
of longer posts, one in 25 in scope.

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


def _on_disk(path: Path) -> tuple[int, int, int]:
    """(files, bytes, bytes of the blocks they take) under ``path``."""
    files = size = blocks = 0
    for item in path.rglob("*"):
        if item.is_file() and not item.is_symlink():
            stat = item.stat()
            files, size, blocks = files + 1, size + stat.st_size, blocks + stat.st_blocks * 512
    return files, size, blocks


def _tables(database: Path, top: int = 8) -> str:
    """The biggest tables and indexes of a SQLite file, in MB (empty when SQLite has no dbstat)."""
    import sqlite3

    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
            rows = connection.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    except sqlite3.Error:
        return ""
    return " ".join(f"{name}={size / 1e6:.1f}" for name, size in rows[:top])


def space(data: Path, export: Path, messages: int) -> dict[str, object]:
    """The data directory's size against the export's, and what takes it."""
    export_size = (export / "result.json").stat().st_size
    _, _, total = _on_disk(data)
    files, size, blocks = _on_disk(data / "evidence" / "objects")
    pack_files, pack_size, pack_blocks = _on_disk(data / "evidence" / "packs")
    database = data / "letopis.sqlite3"
    wal = data / "letopis.sqlite3-wal"
    result: dict[str, object] = {
        "export_mb": round(export_size / 1e6, 1),
        "data_mb": round(total / 1e6, 1),
        "data_bytes_per_message": round(total / max(1, messages)),
        "data_x_export": round(total / export_size, 2),
        "evidence_files": files,
        "evidence_mb": round(size / 1e6, 1),
        "evidence_blocks_mb": round(blocks / 1e6, 1),
        "pack_files": pack_files,
        "packs_mb": round(pack_size / 1e6, 1),
        "packs_blocks_mb": round(pack_blocks / 1e6, 1),
    }
    if database.exists():
        result["database_mb"] = round(database.stat().st_blocks * 512 / 1e6, 1)
        result["wal_mb"] = round(wal.stat().st_blocks * 512 / 1e6, 1) if wal.exists() else 0.0
        result["tables_mb"] = _tables(database)
    return result


def run_one(n: int, workdir: Path, database_url: str | None, verify: bool,
            mix: str = "incidents") -> dict[str, object]:
    suffix = "" if mix == "incidents" else f"-{mix}"
    export = workdir / f"export-{n}{suffix}"
    if not (export / "result.json").exists():
        write_export(export, n, mix=mix)
    data = workdir / f"data-{n}{suffix}"
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
    result: dict[str, object] = {
        "messages": texts,
        "seconds": round(elapsed, 1),
        "messages_per_s": round(texts / elapsed, 1),
        "peak_rss_mb": round(usage["rss_kb"] / 1024, 1),
        "worker_rss_mb": round(usage["children_rss_kb"] / 1024, 1),
        "summary": summary,
        **space(data, export, texts),
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
    parser.add_argument("--mix", choices=("incidents", "news"), default="incidents",
                        help="the export's messages (see bench/make_telegram_export.py)")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="letopis-bench-ingest-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        for n in args.sizes:
            result = run_one(n, workdir, args.database_url, args.verify, args.mix)
            shown = {k: v for k, v in result.items() if k not in ("summary", "tables_mb")}
            print(f"N={n} mix={args.mix}: " + "  ".join(f"{k}={v}" for k, v in shown.items()), flush=True)
            print(f"    {result['summary']}", flush=True)
            if result.get("tables_mb"):
                print(f"    biggest tables and indexes (MB): {result['tables_mb']}", flush=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
