"""`letopis verify` run again and again while another process ingests: false alarms, failures, waits (issue 13).

    python bench/bench_verify_during_ingest.py [--verifies 20] [--files 3000] [--backend sqlite|postgresql]

Starts ``letopis ingest`` of FILES generated reports (``tests/tamper/test_verify_during_ingest.py``'s) and runs
``letopis verify`` in a loop until VERIFIES of them have ended while the ingest was still running (the ingest
is started again on a new folder when it ends first). Prints one line per verify (exit status, seconds,
anything it printed but "verify: ok") and the totals: runs overlapping the ingest, false alarms (a problem
line), failures (a non-zero exit with no problem line: a traceback, a lock wait past the timeout), and the
longest verify. A final verify after the ingests must pass, and so must ``log verify``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)

from tests.tamper.test_verify_during_ingest import _reports  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verifies", type=int, default=20)
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    options = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="letopis-verify-ingest-"))
    env = {k: v for k, v in os.environ.items() if k != "LETOPIS_DATABASE_URL"}
    env.update(LETOPIS_DATA=str(work / "data"), LETOPIS_COLLECTOR="bench")
    server = None
    if options.backend == "postgresql":
        import psycopg

        from tests.postgres_server import start_private_server

        server = start_private_server()
        with psycopg.connect(host=str(server.base), port=server.port, user="postgres", dbname="postgres",
                             autocommit=True) as connection:
            connection.execute("CREATE DATABASE letopis TEMPLATE template0 ENCODING 'UTF8'")
        env["LETOPIS_DATABASE_URL"] = f"postgresql+psycopg://postgres@:{server.port}/letopis?host={server.base}"

    def letopis(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "letopis.cli", *args], env=env, capture_output=True,
                              timeout=1800)

    try:
        assert letopis("init").returncode == 0
        overlapped = alarms = failures = batches = 0
        longest = 0.0
        while overlapped < options.verifies:
            folder = work / f"in{batches}"
            _reports(folder, options.files)
            batches += 1
            ingest = subprocess.Popen([sys.executable, "-m", "letopis.cli", "ingest", str(folder), "--published",
                                       "2025-11-01"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            while ingest.poll() is None and overlapped < options.verifies:
                started = time.monotonic()
                proc = letopis("verify")
                seconds = time.monotonic() - started
                if ingest.poll() is not None:
                    continue  # ended after the ingest: not a verify during an ingest
                overlapped += 1
                longest = max(longest, seconds)
                lines = [line for line in proc.stdout.decode().splitlines() if line != "verify: ok"]
                alarms += bool(lines)
                failures += proc.returncode != 0 and not lines
                tail = proc.stderr.decode().strip().splitlines()[-1:] if proc.returncode else []
                print(f"verify {overlapped:>3}: exit {proc.returncode}, {seconds:6.1f} s {lines[:3]} {tail}",
                      flush=True)
            _, err = ingest.communicate(timeout=3600)
            if ingest.returncode != 0:
                print(f"ingest failed: {err.decode()[-500:]}")
                return 1
        final, log = letopis("verify"), letopis("log", "verify")
        print(f"\nbackend {options.backend}: {overlapped} verifies during {batches} ingest(s) of {options.files} "
              "files; "
              f"false alarms {alarms}, failures {failures}, longest verify {longest:.1f} s; "
              f"after: verify exit {final.returncode}, log verify exit {log.returncode}")
        return 1 if alarms or failures or final.returncode or log.returncode else 0
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
