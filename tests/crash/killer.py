"""kill -9 at random points of every writing command, then check the store and retry (issue 13).

The shared code of the crash tests (``test_kill_commands.py``, a few runs per
command) and of ``bench/bench_kill.py`` (20 runs per command and backend, and
the table of figures).

For each command a template store is made once (``init``, a few reports
ingested; an encrypted store with one testimony for the testimony commands;
for ``reextract`` a store made to look read by an older engine) and the
command is run on it once untouched: that gives the state *after*, how many
SQL statements the command runs and how many write transactions it commits.
Each run then copies the template, starts the command and kills it with
SIGKILL (``hook/sitecustomize.py``), in turn: just before its N-th SQL
statement (N random among the statements from its first write to its last
commit), after a random delay (within the time the untouched run wrote, a
tenth of its run time either side), or before its N-th statement with N
random among all; a command that committed more than one write transaction
in groups (``ingest`` of :func:`many_reports`, which spans three groups) is
also killed, every fourth run, right after its K-th write commit (K random,
not the last), so that some kills land between two groups for certain. Each
run checks:

- all-or-nothing: the store is exactly as before (every row of every table,
  times aside) or holds as many rows in every table as after; a command that
  commits its work in groups by design (``ingest``, ``reextract``: each group
  is restartable) may also hold the groups it committed, when the kill came
  between two of them — and then they must be whole groups in order: the
  sources it added are the first ones the untouched run added, in input
  order, each with as many rows in every table keyed to a source (captures
  and their artefacts, texts, supporting rows, statistics, ingest items) as
  the untouched run gave it;
- the custody log's chain verifies and ``verify`` finds no problem;
- a retry of the command completes the work: every table then holds exactly
  as many rows as after the untouched run (no duplicate capture, row or log
  entry), and the log still verifies.

Where the kill landed is read from the hook's trace: before the command's
first write, *mid-write* (a transaction that wrote was open or committing),
between two write transactions, or after the last one (the command was
winding up). How many groups an ingest commits depends on timing (a group
also closes after ``GROUP_SECONDS`` of input), so for a batch command killed
outside a transaction the store tells "between" (work left to commit) from
"after" (all of it committed).

``seal`` custody entries are left out of the comparisons: one is appended per
write transaction (docs/verify.md), so a killed run and its retry may seal in
more transactions than one untouched run, with the same rows.
"""

from __future__ import annotations

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
from typing import Any

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
CITIES = ["Харкові", "Дніпрі", "Полтаві", "Києві", "Рівному", "Сумах", "Одесі", "Львові", "Луцьку", "Житомирі"]
WHO = ["чоловіка", "двох чоловіків", "водія", "студента", "трьох чоловіків"]
WHERE = ["метро", "вокзалу", "блокпоста", "гуртожитку", "ринку", "заводу"]


def many_reports() -> list[str]:
    """Distinct short reports, enough for the ingest case to span several groups (two full ones and a part):
    a kill can then land between two of its write transactions, with some of its groups committed."""
    from letopis.services.ingest import GROUP_ITEMS

    wanted = 2 * GROUP_ITEMS + GROUP_ITEMS // 4
    days = [(day, month) for month in ("листопада", "грудня") for day in range(1, 29)]
    texts = [f"{day} {month} 2025 року в {city} працівники ТЦК затримали {WHO[n % 5]} біля {WHERE[n % 6]}.\n"
             for n, ((day, month), city) in enumerate((d, c) for d in days for c in CITIES)]
    assert len(texts) >= wanted
    return texts[:wanted]


ACCOUNT = "Мене затримали 4 листопада 2025 року в Одесі біля ринку працівники ТЦК і тримали добу.\n"


@dataclass(frozen=True)
class Command:
    name: str
    args: Callable[[Path], list[str]]  # the command's arguments, given the folder of inputs
    template: str = "plain"  # the store it runs on: "plain", "encrypted" (one testimony) or "aged" (see age_store)
    batch: bool = False  # commits in restartable groups by design: a kill between two groups may leave the first

    @property
    def encrypted(self) -> bool:
        return self.template == "encrypted"


COMMANDS = [
    Command("ingest", lambda inputs: ["ingest", str(inputs / "many")], batch=True),
    Command("merge", lambda _: ["merge", "1", "2", "--reason", "one event"]),
    Command("split", lambda _: ["split", "1", "2"]),
    Command("status-verify", lambda _: ["status", "1", "verified"]),
    Command("status-reject", lambda _: ["status", "2", "rejected"]),
    Command("edit", lambda _: ["edit", "1", "--detained", "3", "--date", "2025-10", "--reason", "a second look"]),
    Command("testimony-add", lambda inputs: ["testimony", "add", str(inputs / "account2.txt"), "--consent",
                                             "restricted", "--recorded-on", "2025-11-05"], template="encrypted"),
    Command("testimony-withdraw", lambda _: ["testimony", "withdraw", "1", "--yes"], template="encrypted"),
    Command("reextract", lambda _: ["reextract"], template="aged", batch=True),
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
        env = {k: v for k, v in os.environ.items() if not k.startswith("LETOPIS_") or k == "LETOPIS_CACHE"}
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
    (inputs / "many").mkdir(exist_ok=True)
    for name, text in REPORTS.items():
        (inputs / "first" / name).write_text(text, encoding="utf-8")
    for i, text in enumerate(MORE):
        (inputs / "more" / f"more-{i}.txt").write_text(text, encoding="utf-8")
    for i, text in enumerate(many_reports()):
        (inputs / "many" / f"many-{i:03d}.txt").write_text(text, encoding="utf-8")
    (inputs / "account.txt").write_text(ACCOUNT, encoding="utf-8")
    (inputs / "account2.txt").write_text(ACCOUNT.replace("4 листопада", "6 листопада"), encoding="utf-8")


def make_template(work: Path, backend: Backend, kind: str) -> Store:
    encrypted = kind == "encrypted"
    store = Store(work / f"template-{kind}", backend.new(f"crash_tpl_{kind}"), encrypted)
    letopis(store, backend, ["init", "--encrypt"] if encrypted else ["init"])
    letopis(store, backend, ["ingest", str(work / "inputs" / "first")])
    if encrypted:
        letopis(store, backend, ["testimony", "add", str(work / "inputs" / "account.txt"), "--consent", "restricted",
                                 "--recorded-on", "2025-11-04"])
    if kind == "aged":
        letopis(store, backend, ["ingest", str(work / "inputs" / "more")])
        with opened(store, backend) as ws:
            age_store(ws.db)  # type: ignore[attr-defined]
    return store


def age_store(db: Any) -> int:
    """Make a store look read by an older engine that read differently; returns how many supporting rows it 'missed'.

    Every record's engine is another, every incident's summary is another (no
    person touched them), and a third of the sources' supporting rows beyond
    each incident's first are gone (the old engine missed those records). A
    complete re-extraction gives back the store as the ingest made it. Sealed
    as Letopis would (``seal_transaction``): a store Letopis wrote, not a
    tampered one.
    """
    from sqlalchemy import delete, func, select, text

    from letopis.db.models import IncidentSource
    from letopis.evidence.seal import seal_transaction

    with db.session() as session:
        for table in ("incidents", "incident_sources", "statistics"):
            session.execute(text(f"UPDATE {table} SET engine = 'older'"))  # noqa: S608 - fixed names
        session.execute(text("UPDATE incidents SET summary = 'older reading'"))
        firsts = select(func.min(IncidentSource.id)).group_by(IncidentSource.incident_id)
        others = list(session.scalars(select(IncidentSource.id).where(IncidentSource.id.not_in(firsts))
                                      .order_by(IncidentSource.id)))
        missed = others[::3]
        session.execute(delete(IncidentSource).where(IncidentSource.id.in_(missed)))
        session.execute(text("DELETE FROM incident_origins"))
        seal_transaction(session)
    return len(missed)


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
    """Every row of every table, times and seal entries left out (a retry's rows differ from the untouched run's
    only there)."""
    from sqlalchemy import DateTime, select

    from letopis.db.models import Base, CustodyEntry

    with opened(store, backend) as ws:
        with ws.db.session(readonly=True) as session:  # type: ignore[attr-defined]
            shot: Snapshot = {}
            for table in Base.metadata.sorted_tables:
                cols = [c for c in table.columns
                        if not isinstance(c.type, DateTime) and not isinstance(getattr(c.type, "impl", None), DateTime)]
                query = select(*cols)
                if table is CustodyEntry.__table__:
                    query = query.where(CustodyEntry.event != "seal")
                shot[table.name] = Counter(repr(tuple(row)) for row in session.execute(query))
    return shot


def counts(shot: Snapshot) -> dict[str, int]:
    return {name: sum(rows.values()) for name, rows in shot.items()}


def problems(store: Store, backend: Backend) -> list[str]:
    from letopis.services.verify import verify_custody_log, verify_evidence

    with opened(store, backend) as ws:
        return [str(p) for p in verify_custody_log(ws)] + [str(p) for p in verify_evidence(ws)]  # type: ignore[arg-type]


SourceRows = dict[str, dict[str, int]]  # a source's locator → table → its rows there, sources in order of creation


def source_rows(store: Store, backend: Backend) -> SourceRows:
    """How many rows each table keyed to a source holds for each source (its captures' artefacts included)."""
    from sqlalchemy import func, select

    from letopis.db.models import Base, Capture, CaptureArtefact, Source

    with opened(store, backend) as ws:
        with ws.db.session(readonly=True) as session:  # type: ignore[attr-defined]
            listed = session.execute(select(Source.id, Source.locator).order_by(Source.id))
            ids: dict[int, str] = {source_id: locator for source_id, locator in listed}
            rows: dict[int, dict[str, int]] = {i: {} for i in ids}
            keyed = [t for t in Base.metadata.sorted_tables if "source_id" in t.c and t.name != "sources"]
            queries = [(t.name, select(t.c.source_id, func.count()).group_by(t.c.source_id)) for t in keyed]
            queries.append(("capture_artefacts", select(Capture.source_id, func.count())
                            .join(CaptureArtefact, CaptureArtefact.capture_id == Capture.id)
                            .group_by(Capture.source_id)))
            for name, query in queries:
                for source_id, n in session.execute(query):
                    if source_id in rows:
                        rows[source_id][name] = n
    return {ids[i]: rows[i] for i in ids}


def broken_groups(old: set[str], reference: SourceRows, now: SourceRows) -> list[str]:
    """What keeps the sources a killed batch committed from being whole groups: the sources it added must be the
    first of those the untouched run added, in input order (groups commit in order, items in input order within
    one), each with every row the untouched run gave it."""
    added = [locator for locator in now if locator not in old]
    expected = [locator for locator in reference if locator not in old][:len(added)]
    found = []
    if added != expected:
        first = next((i for i, (a, b) in enumerate(zip(added, expected, strict=False)) if a != b), len(expected))
        due = expected[first] if first < len(expected) else "none"
        found.append(f"sources not committed in input order: {added[first]} where {due} was due")
    found += [f"{locator}: rows {now[locator]}, an untouched run gave it {reference[locator]}"
              for locator in added if locator in reference and now[locator] != reference[locator]]
    return found


@dataclass
class Reference:
    before: Snapshot
    done: dict[str, int]  # rows right after the command
    after: dict[str, int]  # and after checking the store (verify logs that it ran)
    statements: int
    seconds: float
    commits: int  # write transactions the command committed
    writes: tuple[int, int]  # statements from the first write to the last write commit
    writing: tuple[float, float]  # seconds from the start to the first write, and to the last commit's end
    old_sources: set[str]  # the sources the store held before
    sources: SourceRows  # and every source after, with its rows


@dataclass(frozen=True)
class Trace:
    """What the hook last wrote: statements run, write transactions committed, a write open (1) or committing (2);
    the statement number and monotonic time of the first write and of the end of the last write commit."""

    statements: int = 0
    commits: int = 0
    open: int = 0
    first: int = 0
    first_at: float = 0.0
    last: int = 0
    last_at: float = 0.0

    @classmethod
    def read(cls, path: Path) -> Trace:
        try:
            parts = path.read_text().split()
        except FileNotFoundError:
            return cls()
        if len(parts) < 7:
            return cls()
        statements, commits, opened, first = (int(p) for p in parts[:4])
        return cls(statements, commits, opened, first, float(parts[4]), int(parts[5]), float(parts[6]))

    def landed(self, total_commits: int) -> str:
        """Where a kill landed: "before" the first write, "mid-write", "between" two write transactions, "after"."""
        if self.open:
            return "mid-write"
        if self.commits == 0:
            return "before"
        return "after" if self.commits >= total_commits else "between"


def reference(command: Command, template: Store, backend: Backend, work: Path) -> Reference:
    store = copy_store(template, backend, work / "ref", f"crash_ref_{command.name.replace('-', '_')}")
    before = snapshot(store, backend)
    old_sources = set(source_rows(store, backend))
    tally, trace = work / "statements", work / "trace"
    started = time.monotonic()
    letopis(store, backend, command.args(work / "inputs"), extra={"PYTHONPATH": _pythonpath(),
                                                                  "LETOPIS_KILL_COUNT": str(tally),
                                                                  "LETOPIS_KILL_TRACE": str(trace)})
    seconds = time.monotonic() - started
    done = counts(snapshot(store, backend))
    sources = source_rows(store, backend)
    if done == counts(before):
        raise RuntimeError(f"{command.name} changed no table: nothing to test")
    problems(store, backend)  # as each run checks its store (verify logs that it ran)
    seen = Trace.read(trace)
    return Reference(before, done, counts(snapshot(store, backend)), int(tally.read_text()), seconds, seen.commits,
                     (seen.first, seen.last), (seen.first_at - started, seen.last_at - started), old_sources,
                     sources)


def _pythonpath() -> str:
    return os.pathsep.join([str(HOOK), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))])


@dataclass
class Outcome:
    point: str
    landed: str  # "before", "mid-write", "between", "after" (Trace.landed)
    state: str  # "none", "all", "groups" (a batch command's committed groups) or "partial"
    consistent: list[str]  # problems verify or the log found after the kill
    retry_status: int
    duplicates: dict[str, tuple[int, int]]  # table: (rows after the retry, rows after the untouched run)
    after_retry: list[str]
    broken_groups: list[str] = field(default_factory=list)  # state "groups": what is not whole groups in order
    commits: int = 0  # write transactions the killed run had committed
    added: int = 0  # sources it had added (committed)

    @property
    def ok(self) -> bool:
        return (self.state != "partial" and not self.consistent and not self.duplicates and not self.after_retry
                and not self.broken_groups)


def one_run(command: Command, template: Store, backend: Backend, ref: Reference, work: Path, rng: random.Random,
            run: int) -> Outcome:
    store = copy_store(template, backend, work / "run", f"crash_run_{command.name.replace('-', '_')}")
    args = command.args(work / "inputs")
    trace = work / "trace"
    trace.unlink(missing_ok=True)
    env = {**store.env(backend), "PYTHONPATH": _pythonpath(), "LETOPIS_KILL_TRACE": str(trace)}
    kind = kill_kind(command, ref, run)
    if kind in ("write", "any"):  # at a random SQL statement: where the command writes, or anywhere
        low, high = (1, ref.statements) if kind == "any" else (ref.writes[0], ref.writes[1] + 1)
        at = rng.randint(low, high)
        point = f"statement {at} of {ref.statements}"
        subprocess.run([sys.executable, "-m", "letopis.cli", *args], env={**env, "LETOPIS_KILL_AT": str(at)},
                       capture_output=True, stdin=subprocess.DEVNULL, timeout=600)
    elif kind == "commit":  # right after one of its write transactions committed, not the last
        after = rng.randint(1, ref.commits - 1)
        point = f"after write commit {after} of {ref.commits}"
        subprocess.run([sys.executable, "-m", "letopis.cli", *args],
                       env={**env, "LETOPIS_KILL_AFTER_COMMIT": str(after)},
                       capture_output=True, stdin=subprocess.DEVNULL, timeout=600)
    else:  # after a random delay, while the untouched run wrote (a tenth of its time either side)
        margin = ref.seconds / 10
        delay = rng.uniform(max(0.05, ref.writing[0] - margin), ref.writing[1] + margin)
        point = f"after {delay:.2f} s of {ref.seconds:.2f} s"
        proc = subprocess.Popen([sys.executable, "-m", "letopis.cli", *args], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    landed = Trace.read(trace).landed(ref.commits)
    now = snapshot(store, backend)
    broken: list[str] = []
    if now == ref.before:
        state = "none"
    elif counts(now) == ref.done:
        state = "all"
    elif command.batch and Trace.read(trace).commits > 0:  # killed in or after a group: those before it committed
        state = "groups"
        broken = broken_groups(ref.old_sources, ref.sources, source_rows(store, backend))
    else:
        state = "partial"
    if command.batch and state in ("all", "groups") and landed in ("between", "after"):
        # how many groups a run commits depends on timing (a group also closes after GROUP_SECONDS of input):
        # whether work was left to commit is told by the store, not by the untouched run's count
        landed = "after" if state == "all" else "between"
    found = problems(store, backend)
    added = len(set(source_rows(store, backend)) - ref.old_sources) if command.batch else 0
    retry = letopis(store, backend, args, check=False)
    final = counts(snapshot(store, backend))
    duplicates = {t: (final[t], ref.after[t]) for t in final if final[t] != ref.after[t]}
    return Outcome(point, landed, state, found, retry.returncode, duplicates, problems(store, backend), broken,
                   Trace.read(trace).commits, added)


def kill_kind(command: Command, ref: Reference, run: int) -> str:
    """How run number ``run`` is killed, in turn: at a statement where the command writes ("write"), right after
    one of its write commits but the last ("commit": batch commands that committed more than one group), after a
    delay ("delay"), at any statement ("any")."""
    kinds = ("write", "commit", "delay", "any") if command.batch and ref.commits > 1 else ("write", "delay", "any")
    return kinds[run % len(kinds)]


def run_command(command: Command, backend: Backend, work: Path, runs: int, seed: int,
                templates: dict[str, Store], report: Callable[[str], None] = print) -> list[Outcome]:
    if command.template not in templates:
        templates[command.template] = make_template(work, backend, command.template)
    template = templates[command.template]
    ref = reference(command, template, backend, work)
    rng = random.Random(seed)
    outcomes = []
    for run in range(runs):
        outcome = one_run(command, template, backend, ref, work, rng, run)
        outcomes.append(outcome)
        if not outcome.ok:
            report(f"  {backend.name} {command.name} run {run} ({outcome.point}): {outcome}")
    return outcomes
