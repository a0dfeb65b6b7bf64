"""``letopis verify``: the store against the database, both ways, and the custody chain."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Collection

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
            problems.extend(_check_object(store, sha, size, expected_names))

        for text_row in session.scalars(select(DerivedText).execution_options(yield_per=200)):
            texts += 1
            actual = hashlib.sha256(text_row.content.encode("utf-8")).hexdigest()
            if actual != text_row.sha256:
                problems.append(Problem("text-altered", text_row.sha256, f"text hashes to {actual}"))

        problems.extend(check_seals(session))
        if check_log:
            problems.extend(verify_log(session))

    pending_names = {store.path_of(sha).name for sha in report.pending}
    for stored in sorted(store.iter_objects(), key=lambda o: (o.name, o.where)):
        if stored.name not in expected_names and stored.name not in pending_names and stored.created < started:
            what = "packed object" if stored.packed else "file"
            problems.append(Problem("orphaned", stored.name, f"{what} {stored.where} has no database row"))
    for path in store.packs.files():
        if path.stat().st_mode & 0o222:
            problems.append(Problem("writable", f"packs/{path.name}", "pack file is writable, expected read-only"))
    if store.packs.bad_entries:
        problems.append(Problem("altered", "packs", f"{store.packs.bad_entries} damaged pack index entries"))

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


def _check_object(store: ObjectStore, sha: str, size: int, expected_names: set[str]) -> list[Problem]:
    """One object re-hashed where it is (loose file or pack record)."""
    problems: list[Problem] = []
    stored = store.locate(sha)
    expected_names.add(store.path_of(sha).name)
    if stored is None:
        return [Problem("missing", sha, f"not in the store (no file at {store.path_of(sha)}, not in a pack)")]
    if stored.writable:
        problems.append(Problem("writable", sha, f"{stored.where} is writable, expected read-only"))
    try:
        actual, actual_size = store.hash_object(sha)
    except FileNotFoundError:
        return [Problem("missing", sha, f"{stored.where} went away while verify read it")]
    except CorruptObject as error:  # an encrypted object whose authentication fails, a damaged pack record
        return [Problem("altered", sha, str(error)), *problems]
    if actual != sha:
        problems.insert(0, Problem("altered", sha, f"content hashes to {actual}"))
    elif actual_size != size:
        problems.insert(0, Problem("altered", sha, f"size {actual_size}, recorded {size}"))
    return problems


def _snapshot(session: Session) -> None:
    """Read everything as of one moment (SQLite's read transaction already does; PostgreSQL needs asking)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))


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
