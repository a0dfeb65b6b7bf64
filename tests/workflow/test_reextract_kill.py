"""kill -9 during `letopis reextract`, at random points, then run it again: nothing lost, nothing doubled.

The store is made to look read by an older engine that read differently (``tests.crash.killer.age_store``,
shared with the crash bench): every record's engine is another, every incident's summary is another, and a
third of the sources' supporting rows are gone (the old engine missed those records). A complete
re-extraction must give back exactly the store as the ingest made it, each change once, whatever the kills
interrupted. ``LETOPIS_KILL_RUNS`` sets how many
killed runs (default 5; ``scripts/reextract-kill.sh`` runs many more).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from letopis.db import open_database
from letopis.db.models import CustodyEntry, Incident, IncidentSource, IngestItem
from tests.crash.killer import age_store

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = 100
KILLS = int(os.environ.get("LETOPIS_KILL_RUNS", "5"))


def _db(letopis: Any) -> Any:
    return open_database(letopis.env.get("LETOPIS_DATABASE_URL") or letopis.data, migrate=False)


def _state(letopis: Any) -> tuple[dict[int, list[int]], dict[int, str]]:
    """Each source's incidents, and each incident's summary."""
    db = _db(letopis)
    try:
        with db.session(readonly=True) as session:
            links: dict[int, list[int]] = {}
            for source_id, incident_id in session.execute(
                    select(IncidentSource.source_id, IncidentSource.incident_id).order_by(IncidentSource.id)):
                links.setdefault(source_id, []).append(incident_id)
            summaries = {int(i): str(s) for i, s in session.execute(select(Incident.id, Incident.summary))}
    finally:
        db.dispose()
    return {k: sorted(v) for k, v in links.items()}, summaries


def _age(letopis: Any) -> int:
    """Make the store look read by an older engine (``age_store``); returns how many supporting rows it 'missed'."""
    db = _db(letopis)
    try:
        return age_store(db)
    finally:
        db.dispose()


def _count_done(db: Any) -> int:
    with db.session(readonly=True) as session:
        return session.scalar(select(func.count()).select_from(IngestItem).where(
            IngestItem.collection.like("reextract:%"), IngestItem.state == "done")) or 0


def _done(letopis: Any) -> int:
    db = _db(letopis)
    try:
        return _count_done(db)
    finally:
        db.dispose()


def _entries(letopis: Any) -> list[tuple[str, str, dict[str, Any]]]:
    db = _db(letopis)
    try:
        with db.session(readonly=True) as session:
            return [(e.event, e.subject, json.loads(e.details))
                    for e in session.scalars(select(CustodyEntry).order_by(CustodyEntry.seq))
                    if e.event != "seal"]  # seals: one per write transaction (docs/verify.md)
    finally:
        db.dispose()


def _killed_run(letopis: Any, target: int) -> int:
    """Start `reextract`, kill it -9 once ``target`` sources are done (or at its end); sources done then."""
    # one connection for the whole watch: opening the database for every look (slow on PostgreSQL)
    # let a fast re-extraction commit its last groups between two looks, and no kill landed mid-way
    db = _db(letopis)
    proc = subprocess.Popen([sys.executable, "-m", "letopis.cli", "reextract"], env=letopis.env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if _count_done(db) >= target:
                break
            time.sleep(0.02)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        db.dispose()
    return _done(letopis)


@pytest.mark.timeout(1800)  # each run loads the gazetteer: seconds on a busy machine
def test_kill_during_reextract_then_rerun(letopis: Any, tmp_path: Path) -> None:
    export = tmp_path / "export"
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_telegram_export.py"), str(export),
                    "--messages", str(MESSAGES)], check=True, capture_output=True)
    letopis("ingest", str(export))
    texts = MESSAGES - MESSAGES // 50
    links, summaries = _state(letopis)
    assert len(links) == texts and len(summaries) > 1
    missed = _age(letopis)
    before = len(_entries(letopis))

    rng = random.Random(int(os.environ.get("LETOPIS_KILL_SEED", "12")))
    landed = 0
    for _ in range(KILLS):
        done = _done(letopis)
        if done >= texts:
            break
        after = _killed_run(letopis, done + rng.randint(1, max(1, (texts - done) // 3)))
        landed += 0 < after < texts
        assert "ok" in letopis("log", "verify").stdout.decode()
    assert landed > 0, "at least one kill must land in the middle of a re-extraction"

    out = letopis("reextract").stdout.decode()
    assert _done(letopis) == texts
    assert _state(letopis) == (links, summaries)  # every record back, none doubled, in the same incidents
    changes = _entries(letopis)[before:]
    updates = [s for e, s, d in changes if e == "derive" and d.get("change") == "update"]
    joins = [d["source_id"] for e, _, d in changes if e == "merge"]
    assert sorted(updates) == sorted(set(updates)) and len(updates) == len(summaries)  # each incident once
    assert sorted(joins) == sorted(set(joins)) and len(joins) == missed  # each missed record once
    assert all(d.get("engine") and d["engine"] != "older" for _, _, d in changes)
    assert "0 were added, 0 were changed" in letopis("reextract").stdout.decode()  # nothing left to do
    assert len(_entries(letopis)) == before + len(changes)
    assert "ok" in letopis("verify").stdout.decode()
    assert "ok" in letopis("log", "verify").stdout.decode()
    assert "engine" in out
