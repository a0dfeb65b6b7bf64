"""kill -9 at random points of every writing command, N runs per command and backend (issue 13).

    python bench/bench_kill.py [--runs 20] [--backend sqlite|postgresql|both] [--only CMD ...] [--seed 13] [--each]

Each run copies a template store, starts the command (``ingest``, ``merge``,
``split``, ``status`` to verified and to rejected, ``edit``, ``testimony
add``, ``testimony withdraw``, ``reextract``), kills it with SIGKILL just
before a random SQL statement (among those from its first write to its last
commit in an untouched run; every third run among all) or after a random
delay (within the time the untouched run wrote) — and ``ingest``, whose
input (450 reports) spans three groups, every fourth run right after one of
its group commits but the last — and checks that the store holds none or all
of the command's writes (or, for ``ingest`` and ``reextract``, which commit
in restartable groups, whole groups committed before the kill, in input
order), that the custody log and ``letopis verify`` pass, and that a retry
ends with exactly the rows of one untouched run. The checks are ``tests/crash/killer.py``'s, shared with the crash tests
(``tests/crash/test_kill_commands.py`` runs two per command). PostgreSQL runs
on a private throwaway server (``tests/postgres_server.py``).

Columns:

  runs          killed runs
  mid-write     kills that landed while a transaction that wrote was open or committing
  between       kills between two write transactions of the command (batch commands)
  before/after  kills before the command's first write, or after its last commit
  none/all/grp  the store after the kill: untouched, complete, or whole groups committed (of a batch command,
                killed between two groups or in a later one)
  partial       anything else: a command half-written (must be 0)
  bad           runs with any failed check: partial, verify or the log found a problem, a retry
                doubled or lost a row, or the store was not clean after the retry (must be 0)

Failed runs are printed above the table with where the kill landed; with ``--each``, every run is, with
the write transactions it had committed and (batch commands) the sources it had added.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p)

from tests.crash.killer import COMMANDS, Backend, Outcome, Store, run_command, write_inputs  # noqa: E402

HEADER = (f"{'command':<19} {'backend':<11} {'runs':>4} {'mid-write':>9} {'between':>7} {'before':>6} {'after':>5} "
          f"{'none':>4} {'all':>4} {'grp':>4} {'partial':>7} {'bad':>4} {'seconds':>7}")


def row(command: str, backend: str, outcomes: list[Outcome], seconds: float) -> str:
    landed = Counter(o.landed for o in outcomes)
    states = Counter(o.state for o in outcomes)
    return (f"{command:<19} {backend:<11} {len(outcomes):>4} {landed['mid-write']:>9} {landed['between']:>7} "
            f"{landed['before']:>6} {landed['after']:>5} {states['none']:>4} {states['all']:>4} "
            f"{states['groups']:>4} {states['partial']:>7} {sum(not o.ok for o in outcomes):>4} {seconds:>7.0f}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20, help="killed runs per command and backend (default 20)")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--only", action="append", choices=[c.name for c in COMMANDS],
                        help="a command's name (repeatable; default: every writing command)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/letopis-bench-kill"))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--each", action="store_true", help="print one line per run")
    options = parser.parse_args(argv)
    backends = ["sqlite", "postgresql"] if options.backend == "both" else [options.backend]
    chosen = [c for c in COMMANDS if not options.only or c.name in options.only]
    rows: list[str] = []
    bad = 0
    for name in backends:
        server = None
        backend = Backend(name)
        if name == "postgresql":
            from tests.postgres_server import start_private_server

            server = start_private_server()
            backend.admin_url = server.url
        work = options.work / name
        if work.exists():
            shutil.rmtree(work)
        (work / "inputs").mkdir(parents=True)
        write_inputs(work / "inputs")
        templates: dict[str, Store] = {}
        try:
            for command in chosen:
                started = time.monotonic()
                outcomes = run_command(command, backend, work, options.runs, options.seed, templates)
                if options.each:
                    for number, o in enumerate(outcomes):
                        print(f"  {name} {command.name} run {number}: {o.point}: {o.landed}, {o.commits} "
                              f"commit(s) done, {o.added} source(s) added; store {o.state}; "
                              f"{'ok' if o.ok else 'FAILED'}", flush=True)
                bad += sum(not o.ok for o in outcomes)
                rows.append(row(command.name, name, outcomes, time.monotonic() - started))
                print(rows[-1], flush=True)
        finally:
            backend.drop_all()
            if server is not None:
                server.stop()
    print()
    print(HEADER)
    print("\n".join(rows))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
