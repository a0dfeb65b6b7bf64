"""Exports from an encrypted store: only with the passphrase, and always logged in the custody log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from letopis.config import Config
from letopis.crypto.store import OpenStore
from letopis.db.models import CustodyEntry
from letopis.services.incidents import IncidentFilters
from letopis.services.publishing import export_incidents
from letopis.services.verify import verify_custody_log
from letopis.services.workspace import Workspace
from tests.publish.conftest import fill


def test_an_internal_export_from_an_encrypted_store_is_logged(encrypted: tuple[OpenStore, str],
                                                              tmp_path: Path) -> None:
    store, _ = encrypted
    config = Config(data=tmp_path / "data", database_url=None, collector="olena", cache=None, proxy=None,
                    max_file_mb=10, timeout_s=5)
    ws = Workspace(config, store)
    fill(ws)
    path = tmp_path / "internal.jsonl"
    result = export_incidents(ws, IncidentFilters(status="verified"), "jsonl", profile="internal", output=path)
    with ws.db.session(readonly=True) as session:
        entry = session.scalars(select(CustodyEntry).where(CustodyEntry.event == "export")).one()
    details = json.loads(entry.details)
    assert (entry.actor, entry.subject, entry.seq) == ("olena", "export:jsonl", result.custody_seq)
    assert details["profile"] == "internal" and details["encrypted_store"] is True
    assert details["filters"] == {"status": "verified"} and details["count"] == 1 == result.count
    assert details["sha256"] == result.sha256 and path.stat().st_mode & 0o077 == 0  # internal: owner only
    assert verify_custody_log(ws) == []


def test_the_command_needs_the_passphrase_and_writes_nothing_without_it(tmp_path: Path) -> None:
    env = {**os.environ, "LETOPIS_DATA": str(tmp_path / "data"), "LETOPIS_PASSPHRASE": "export passphrase 1"}
    env.pop("LETOPIS_DATABASE_URL", None)

    def letopis(*args: str, **extra: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "letopis.cli", *args], env={**env, **extra},
                              capture_output=True, timeout=600, stdin=subprocess.DEVNULL)

    assert letopis("init", "--encrypt").returncode == 0
    report = tmp_path / "report.txt"
    report.write_text("30 жовтня у Харкові працівники ТЦК затримали двох чоловіків на зупинці.\n", encoding="utf-8")
    assert letopis("ingest", str(report), "--published", "2025-11-01").returncode == 0
    target = tmp_path / "out" / "all.csv"
    target.parent.mkdir()
    refused = letopis("export", "--format", "csv", "--profile", "internal", "-o", str(target),
                      LETOPIS_PASSPHRASE="")
    assert refused.returncode != 0 and b"passphrase" in refused.stderr.lower() and list(target.parent.iterdir()) == []
    done = letopis("export", "--format", "csv", "--profile", "internal", "-o", str(target))
    assert done.returncode == 0, done.stderr
    err = done.stderr.decode()
    assert "exported 1 incident(s) as csv (internal)" in err and "custody entry" in err and "not encrypted" in err
    assert target.read_bytes().startswith(b"\xef\xbb\xbf") and "Kharkiv" in target.read_text(encoding="utf-8-sig")
    assert letopis("log", "verify").returncode == 0
