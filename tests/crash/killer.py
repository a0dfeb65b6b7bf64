"""kill -9 at random points of every writing command, then check the store and retry (issue 13).

For each command a template store is made once (``init``, a few reports
ingested; an encrypted store with one testimony for the testimony commands)
and the command is run on it once untouched: that gives the state *after*
and how many SQL statements the command runs. Each run then copies the
template, starts the command and kills it with SIGKILL, either just before
its N-th SQL statement (N random; ``hook/sitecustomize.py``) or after a random
delay, and checks:

- all-or-nothing: the store is exactly as before (every row of every table,
  times aside) or holds as many rows in every table as after;
- the custody log's chain verifies and ``verify`` finds no problem;
- a retry of the command completes the work: every table then holds exactly
  as many rows as after the untouched run (no duplicate capture, row or log
  entry), and the log still verifies.

Run as a script for the figures (``--runs`` per command and backend)::

    PYTHONPATH=src python tests/crash/killer.py --runs 20 [--backend sqlite|postgresql|both] [--only CMD]

The tests (``test_kill_commands.py``) run a few of these per command.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HOOK = Path(__file__).resolve().parent / "hook"
PASSPHRASE = "a passphrase for crash tests"
REPORTS = {
    "a.txt": "28 жовтня 2025 року в Одесі працівники ТЦК затримали чоловіка на вулиці Дерибасівській.\n",
    "b.txt": "28 жовтня 2025 року в Одесі ТЦК затримали чоловіка на Дерибасівській, повідомили свідки.\n",
    "c.txt": "3 листопада 2025 року у Львові представники ТЦК затримали двох чоловіків на ринку.\n",
}
MORE = [f"{d} листопада 2025 року в {city} працівники ТЦК затримали {who} біля {where}.\n"
        for d, city, who, where in [(5, "Харкові", "чоловіка", "метро"), (6, "Дніпрі", "двох чоловіків", "вокзалу"),
                                    (7, "Полтаві", "водія", "блокпоста"), (8, "Києві", "студента", "гуртожитку"),
                                    (9, "Рівному", "чоловіка", "ринку"), (10, "Сумах", "трьох чоловіків", "заводу")]]
ACCOUNT = "Мене затримали 4 листопада 2025 року в Одесі біля ринку працівники ТЦК і тримали добу.\n"


@dataclass(frozen=True)
class Command:
    name: str
    args: Callable[[Path], list[str]]  # the command's arguments, given the folder of inputs
    encrypted: bool = False


COMMANDS = [
    Command("ingest", lambda inputs: ["ingest", str(inputs / "more")]),
    Command("merge", lambda _: ["merge", "1", "2", "--reason", "one event"]),
    Command("split", lambda _: ["split", "1", "2"]),
    Command("status-verify", lambda _: ["status", "1", "verified"]),
    Command("status-reject", lambda _: ["status", "2", "rejected"]),
    Command("edit", lambda _: ["edit", "1", "--detained", "3", "--date", "2025-10", "--reason", "a second look"]),
    Command("testimony-add", lambda inputs: ["testimony", "add", str(inputs / "account2.txt"), "--consent",
                                             "restricted", "--recorded-on", "2025-11-05"], encrypted=True),
    Command("testimony-withdraw", lambda _: ["testimony", "withdraw", "1", "--yes"], encrypted=True),
]


@dataclass
class Backend:
    """Where the database of a run lives: SQLite in the data directory, or a PostgreSQL database."""

    name: str
    admin_url: str | None = None
    made: list[str] = field(default_factory=list)

    def url(self, db: str | None) -> str | None:
        if self.admin_url is None or db is None:
            return None
        from sqlalchemy.engine import make_url
        return make_url(self.admin_url).set(database=db).render_as_string(hide_password=False)

    def _admin(self, statement: str) -> None:
        import psycopg
        from sqlalchemy.engine import make_url
        assert self.admin_url is not None
        url = make_url(self.admin_url)
        host = url.query.get("host") or url.host or "127.0.0.1"
        with psycopg.connect(host=str(host), port=url.port or 5432,
                             user=url.username or "postgres", password=url.password,
                             dbname=url.database or "postgres", autocommit=True) as conn:
            conn.execute(statement)

    def new(self, name: str, template: str | None = None) -> str | None:
        if self.admin_url is None:
            return None
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"' if template
                    else f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        self.made.append(name)
        return name

    def drop_all(self) -> None:
        for name in self.made:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Store:
    data: Path
    db: str | None  # the PostgreSQL database's name, None on SQLite
    encrypted: bool

    def env(self, backend: Backend) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("LETOPIS_")}
        env.update(LETOPIS_DATA=str(self.data), LETOPIS_COLLECTOR="crash", LETOPIS_PASSPHRASE=PASSPHRASE)
        url = backend.url(self.db)
        if url:
            env["LETOPIS_DATABASE_URL"] = url
        return env


def letopis(store: Store, backend: Backend, args: list[str], *, extra: dict[str, str] | None = None,
            check: bool = True) -> subprocess.CompletedProcess[bytes]:
    env = {**store.env(backend), **(extra or {})}
    proc = subprocess.run([sys.executable, "-m", "letopis.cli", *args], env=env, capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=600)
    if check and proc.returncode != 0:
        raise RuntimeError(f"letopis {' '.join(args)} -> {proc.returncode}: {proc.stderr.decode()[-2000:]}")
    return proc


def write_inputs(inputs: Path) -> None:
    (inputs / "first").mkdir(parents=True, exist_ok=True)
    (inputs / "more").mkdir(exist_ok=True)
    for name, text in REPORTS.items():
        (inputs / "first" / name).write_text(text, encoding="utf-8")
    for i, text in enumerate(MORE):
        (inputs / "more" / f"more-{i}.txt").write_text(text, encoding="utf-8")
    (inputs / "account.txt").write_text(ACCOUNT, encoding="utf-8")
    (inputs / "account2.txt").write_text(ACCOUNT.replace("4 листопада", "6 листопада"), encoding="utf-8")


def make_template(work: Path, backend: Backend, encrypted: bool) -> Store:
    kind = "enc" if encrypted else "plain"
    store = Store(work / f"template-{kind}", backend.new(f"crash_tpl_{kind}"), encrypted)
    letopis(store, backend, ["init", "--encrypt"] if encrypted else ["init"])
    letopis(store, backend, ["ingest", str(work / "inputs" / "first")])
    if encrypted:
        letopis(store, backend, ["testimony", "add", str(work / "inputs" / "account.txt"), "--consent", "restricted",
                                 "--recorded-on", "2025-11-04"])
    return store


def copy_store(template: Store, backend: Backend, dest: Path, name: str) -> Store:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(template.data, dest, symlinks=True)
    db = backend.new(name, template.db) if template.db else None
    return Store(dest, db, template.encrypted)


@contextmanager
def opened(store: Store, backend: Backend) -> Iterator[object]:
    from letopis.config import load_config
    from letopis.services.workspace import open_workspace

    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(store.env(backend))
    try:
        ws = open_workspace(load_config(), passphrase=PASSPHRASE if store.encrypted else None)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    try:
        yield ws
    finally:
        ws.close()


Snapshot = dict[str, Counter]


def snapshot(store: Store, backend: Backend) -> Snapshot:
    """Every row of every table, times left out (a retry's rows differ from the untouched run's only there)."""
    from sqlalchemy import DateTime, select

    from letopis.db.models import Base

    with opened(store, backend) as ws:
        with ws.db.session(readonly=True) as session:  # type: ignore[attr-defined]
            shot: Snapshot = {}
            for table in Base.metadata.sorted_tables:
                cols = [c for c in table.columns
                        if not isinstance(c.type, DateTime) and not isinstance(getattr(c.type, "impl", None), DateTime)]
                shot[table.name] = Counter(repr(tuple(row)) for row in session.execute(select(*cols)))
    return shot


def counts(shot: Snapshot) -> dict[str, int]:
    return {name: sum(rows.values()) for name, rows in shot.items()}


def problems(store: Store, backend: Backend) -> list[str]:
    from letopis.services.verify import verify_custody_log, verify_evidence

    with opened(store, backend) as ws:
        return [str(p) for p in verify_custody_log(ws)] + [str(p) for p in verify_evidence(ws)]  # type: ignore[arg-type]


@dataclass
class Reference:
    before: Snapshot
    done: dict[str, int]  # rows right after the command
    after: dict[str, int]  # and after checking the store (verify logs that it ran)
    statements: int
    seconds: float


def reference(command: Command, template: Store, backend: Backend, work: Path) -> Reference:
    store = copy_store(template, backend, work / "ref", f"crash_ref_{command.name.replace('-', '_')}")
    before = snapshot(store, backend)
    tally = work / "statements"
    started = time.monotonic()
    letopis(store, backend, command.args(work / "inputs"), extra={"PYTHONPATH": _pythonpath(),
                                                                  "LETOPIS_KILL_COUNT": str(tally)})
    seconds = time.monotonic() - started
    done = counts(snapshot(store, backend))
    if done == counts(before):
        raise RuntimeError(f"{command.name} changed no table: nothing to test")
    problems(store, backend)  # as each run checks its store (verify logs that it ran)
    return Reference(before, done, counts(snapshot(store, backend)), int(tally.read_text()), seconds)


def _pythonpath() -> str:
    return os.pathsep.join([str(HOOK), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))])


@dataclass
class Outcome:
    point: str
    state: str  # "none", "all" or "partial"
    consistent: list[str]  # problems verify or the log found after the kill
    retry_status: int
    duplicates: dict[str, tuple[int, int]]  # table: (rows after the retry, rows after the untouched run)
    after_retry: list[str]

    @property
    def ok(self) -> bool:
        return self.state != "partial" and not self.consistent and not self.duplicates and not self.after_retry


def one_run(command: Command, template: Store, backend: Backend, ref: Reference, work: Path, rng: random.Random,
            run: int) -> Outcome:
    store = copy_store(template, backend, work / "run", f"crash_run_{command.name.replace('-', '_')}")
    args = command.args(work / "inputs")
    env = {**store.env(backend), "PYTHONPATH": _pythonpath()}
    if run % 2 == 0:  # at a random SQL statement
        at = rng.randint(1, ref.statements)
        point = f"statement {at} of {ref.statements}"
        subprocess.run([sys.executable, "-m", "letopis.cli", *args], env={**env, "LETOPIS_KILL_AT": str(at)},
                       capture_output=True, stdin=subprocess.DEVNULL, timeout=600)
    else:  # after a random delay
        delay = rng.uniform(0.3, ref.seconds)
        point = f"after {delay:.2f} s of {ref.seconds:.2f} s"
        proc = subprocess.Popen([sys.executable, "-m", "letopis.cli", *args], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    now = snapshot(store, backend)
    if now == ref.before:
        state = "none"
    elif counts(now) == ref.done:
        state = "all"
    else:
        state = "partial"
    found = problems(store, backend)
    retry = letopis(store, backend, args, check=False)
    final = counts(snapshot(store, backend))
    duplicates = {t: (final[t], ref.after[t]) for t in final if final[t] != ref.after[t]}
    return Outcome(point, state, found, retry.returncode, duplicates, problems(store, backend))


def run_command(command: Command, backend: Backend, work: Path, runs: int, seed: int,
                templates: dict[bool, Store], report: Callable[[str], None] = print) -> list[Outcome]:
    if command.encrypted not in templates:
        templates[command.encrypted] = make_template(work, backend, command.encrypted)
    template = templates[command.encrypted]
    ref = reference(command, template, backend, work)
    rng = random.Random(seed)
    outcomes = []
    for run in range(runs):
        outcome = one_run(command, template, backend, ref, work, rng, run)
        outcomes.append(outcome)
        if not outcome.ok:
            report(f"  {backend.name} {command.name} run {run} ({outcome.point}): {outcome}")
    return outcomes


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument("--only", action="append", help="a command's name (repeatable)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/letopis-crash"))
    parser.add_argument("--seed", type=int, default=13)
    options = parser.parse_args(argv)
    backends = ["sqlite", "postgresql"] if options.backend == "both" else [options.backend]
    chosen = [c for c in COMMANDS if not options.only or c.name in options.only]
    print("backend     command             runs  none  all  partial  inconsistent  duplicates  retry-problems")
    for name in backends:
        server = None
        backend = Backend(name)
        if name == "postgresql":
            sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
            from tests.postgres_server import start_private_server
            server = start_private_server()
            backend.admin_url = server.url
        work = options.work / name
        if work.exists():
            shutil.rmtree(work)
        (work / "inputs").mkdir(parents=True)
        write_inputs(work / "inputs")
        templates: dict[bool, Store] = {}
        try:
            for command in chosen:
                outs = run_command(command, backend, work, options.runs, options.seed, templates)
                states = Counter(o.state for o in outs)
                print(f"{name:<11} {command.name:<19} {len(outs):>4}  {states['none']:>4}  {states['all']:>3}  "
                      f"{states['partial']:>7}  {sum(bool(o.consistent) for o in outs):>12}  "
                      f"{sum(bool(o.duplicates) for o in outs):>10}  {sum(bool(o.after_retry) for o in outs):>14}",
                      flush=True)
        finally:
            backend.drop_all()
            if server is not None:
                server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
