"""``letopis verify``: the store against the database, both ways, and the custody chain."""

from __future__ import annotations

import hashlib
import logging
import stat
import time
from collections.abc import Collection
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from letopis.db import Database
from letopis.db.models import Blob, DerivedText
from letopis.evidence.custody import append_event, verify_log
from letopis.evidence.problems import Problem
from letopis.evidence.seal import check_seals
from letopis.evidence.store import CorruptObject, ObjectStore, RecoveryReport

__all__ = ["recover_store", "verify_store", "check_integrity"]

logger = logging.getLogger(__name__)

_CHUNK = 500


def recover_store(db: Database, store: ObjectStore) -> RecoveryReport:
    """Clean up after killed writers: see :meth:`ObjectStore.recover`.

    Call at the start of every ingest run (and verify does it first).
    """

    def referenced(shas: Collection[str]) -> set[str]:
        found: set[str] = set()
        ordered = sorted(shas)
        with db.session(readonly=True) as session:
            for i in range(0, len(ordered), _CHUNK):
                found |= set(session.scalars(select(Blob.sha256).where(Blob.sha256.in_(ordered[i : i + _CHUNK]))))
        return found

    return store.recover(referenced)


def verify_store(
    db: Database,
    store: ObjectStore,
    *,
    actor: str = "letopis",
    check_log: bool = True,
    recover: bool = True,
) -> list[Problem]:
    """Re-hash every object and text; compare database and disk both ways.

    Problems: ``damaged`` (the database's own integrity check), ``missing``
    (row, no file), ``altered`` (content or size differ), ``writable`` (file
    not read-only), ``orphaned`` (file, no row — objects of batches still
    running, and objects newer than this run's start, are not counted),
    ``text-altered``, ``row-altered`` / ``row-unsealed`` / ``row-deleted`` /
    ``seals-altered`` (rows against their seals, see
    :mod:`letopis.evidence.seal`), and the custody chain's first break.
    Everything is read in one snapshot, so a concurrent ingest is not a
    problem. A ``verify`` custody event records the outcome.
    """
    started = time.time()
    report = recover_store(db, store) if recover else RecoveryReport()
    problems: list[Problem] = []
    objects = texts = 0
    expected_names: set[str] = set()

    with db.session(readonly=True) as session:
        _snapshot(session)
        problems.extend(check_integrity(session))
        for sha, size in session.execute(select(Blob.sha256, Blob.size).order_by(Blob.sha256)):
            objects += 1
            path = store.path_of(sha)
            expected_names.add(path.name)
            try:
                mode = path.stat().st_mode
                actual, actual_size = store.hash_object(sha)
            except FileNotFoundError:
                problems.append(Problem("missing", sha, f"no file at {path}"))
                continue
            except CorruptObject as error:  # an encrypted object whose authentication fails
                problems.append(Problem("altered", sha, str(error)))
                if mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
                    problems.append(Problem("writable", sha, f"mode {stat.filemode(mode)}, expected read-only"))
                continue
            if actual != sha:
                problems.append(Problem("altered", sha, f"content hashes to {actual}"))
            elif actual_size != size:
                problems.append(Problem("altered", sha, f"size {actual_size}, recorded {size}"))
            if mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
                problems.append(Problem("writable", sha, f"mode {stat.filemode(mode)}, expected read-only"))

        for text_row in session.scalars(select(DerivedText).execution_options(yield_per=200)):
            texts += 1
            actual = hashlib.sha256(text_row.content.encode("utf-8")).hexdigest()
            if actual != text_row.sha256:
                problems.append(Problem("text-altered", text_row.sha256, f"text hashes to {actual}"))

        problems.extend(check_seals(session))
        if check_log:
            problems.extend(verify_log(session))

    pending_names = {store.path_of(sha).name for sha in report.pending}
    for path in sorted(store.iter_files()):
        if path.name not in expected_names and path.name not in pending_names and not _newer(path, started):
            problems.append(Problem("orphaned", path.name, f"file {path.relative_to(store.root)} has no database row"))

    problems.sort(key=lambda p: (p.kind != "chain-broken", p.kind, p.subject))
    outcome = "ok" if not problems else "problems"
    for problem in problems:
        logger.warning("verify: %s", problem)
    with db.session() as session:
        append_event(
            session,
            "verify",
            "store",
            actor,
            {
                "outcome": outcome,
                "objects": objects,
                "texts": texts,
                "problems": len(problems),
                "first_problems": [str(p) for p in problems[:20]],
                "recovery": report.as_dict(),
            },
        )
    logger.info("verify: %d objects, %d texts, %d problem(s)", objects, texts, len(problems))
    return problems


def _snapshot(session: Session) -> None:
    """Read everything as of one moment (SQLite's read transaction already does; PostgreSQL needs asking)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))


def _newer(path: Path, started: float) -> bool:
    """An object created after verify began belongs to a batch the snapshot cannot see yet: not an orphan."""
    try:
        return path.stat().st_ctime >= started
    except FileNotFoundError:
        return True


def check_integrity(session: Session) -> list[Problem]:
    """The database engine's own check: SQLite ``PRAGMA integrity_check``; PostgreSQL ``amcheck`` when installed."""
    if session.get_bind().dialect.name == "sqlite":
        rows = [str(r[0]) for r in session.execute(text("PRAGMA integrity_check(20)"))]
        if rows == ["ok"]:
            return []
        return [Problem("damaged", "database", row) for row in rows]
    installed = session.scalar(text("SELECT count(*) FROM pg_extension WHERE extname = 'amcheck'"))
    if not installed:
        logger.info("verify: amcheck is not installed; the tables are read in full instead")
        return []
    problems: list[Problem] = []
    indexes = session.execute(text(
        "SELECT c.relname, c.oid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree' AND c.relnamespace = current_schema()::regnamespace"
    )).all()
    for name, oid in indexes:
        try:
            with session.begin_nested():
                session.execute(text("SELECT bt_index_check(CAST(:oid AS regclass))"), {"oid": oid})
        except Exception as error:  # noqa: BLE001 - amcheck reports corruption as an error
            problems.append(Problem("damaged", f"index {name}", str(getattr(error, "orig", error)).splitlines()[0]))
    return problems
