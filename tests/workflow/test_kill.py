"""kill -9 in the middle of a large ingest, then run it again: consistent, nothing lost or doubled."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import distinct, func, select

from letopis.db import open_database
from letopis.db.models import Incident, IncidentSource, IngestItem, Source

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = 4000  # ingest commits in groups of up to 200 items: enough groups for a kill to land among them


def _counts(letopis) -> tuple[int, int, int]:
    target = letopis.env.get("LETOPIS_DATABASE_URL") or letopis.data
    db = open_database(target, migrate=False)
    try:
        with db.session(readonly=True) as session:
            done = session.scalar(select(func.count()).select_from(IngestItem).where(IngestItem.state == "done"))
            sources = session.scalar(select(func.count()).select_from(Source))
            incidents = session.scalar(select(func.count()).select_from(Incident))
    finally:
        db.dispose()
    return done or 0, sources or 0, incidents or 0


def _links(letopis) -> tuple[int, int]:
    """(incident-source links, distinct sources linked to an incident)."""
    target = letopis.env.get("LETOPIS_DATABASE_URL") or letopis.data
    db = open_database(target, migrate=False)
    try:
        with db.session(readonly=True) as session:
            links = session.scalar(select(func.count()).select_from(IncidentSource))
            linked = session.scalar(select(func.count(distinct(IncidentSource.source_id))))
    finally:
        db.dispose()
    return links or 0, linked or 0


def test_kill_during_ingest_then_rerun(letopis, tmp_path):
    export = tmp_path / "export"
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_telegram_export.py"), str(export),
                    "--messages", str(MESSAGES)], check=True, capture_output=True)
    texts = MESSAGES - MESSAGES // 50  # every 50th message is a service message

    proc = subprocess.Popen([sys.executable, "-m", "letopis.cli", "ingest", str(export)], env=letopis.env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline:
            time.sleep(0.1)
            done, _, _ = _counts(letopis)
            if done > 0 or proc.poll() is not None:
                break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    done_at_kill, _, _ = _counts(letopis)
    assert 0 < done_at_kill < texts, "the kill must land in the middle of the ingest"

    assert "ok" in letopis("verify").stdout.decode()  # consistent right after the crash
    letopis("ingest", str(export))
    done, sources, incidents = _counts(letopis)
    assert done == texts and sources == texts + 1  # every message, plus the export itself
    # One detention per message, none lost or doubled: every message supports exactly one incident.
    # (Detentions in one city on one day, as the messages are undated, are one incident: hence not
    # incidents == texts.)
    assert _links(letopis) == (texts, texts)
    assert 0 < incidents <= texts
    assert "ok" in letopis("verify").stdout.decode()
    assert "ok" in letopis("log", "verify").stdout.decode()
