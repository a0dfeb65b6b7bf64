"""`letopis verify` and `letopis log verify` catch tampering, and name what was altered."""

from __future__ import annotations

import os

from sqlalchemy import text

from letopis.db import open_database

REPORT = "30 жовтня у Харкові працівники ТЦК затримали двох чоловіків на зупинці.\n"


def test_one_altered_byte_is_named(letopis, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    letopis("ingest", str(report), "--published", "2025-10-31")
    assert "ok" in letopis("verify").stdout.decode()
    objects = [p for p in (letopis.data / "evidence" / "objects").rglob("*") if p.is_file()]
    assert objects
    victim = objects[0]
    os.chmod(victim, 0o644)
    data = bytearray(victim.read_bytes())
    data[0] ^= 0x01
    victim.write_bytes(bytes(data))
    os.chmod(victim, 0o444)
    proc = letopis("verify", check=False)
    assert proc.returncode == 1
    assert victim.name[:16] in proc.stdout.decode() or str(victim.name) in proc.stdout.decode()


def test_edited_custody_row_breaks_the_chain(letopis, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    letopis("ingest", str(report), "--published", "2025-10-31")
    assert "ok" in letopis("log", "verify").stdout.decode()
    target = letopis.env.get("LETOPIS_DATABASE_URL") or letopis.data
    db = open_database(target, migrate=False)
    try:
        with db.engine.begin() as conn:
            # an attacker with database access first removes the guard, then edits history
            if db.dialect == "sqlite":
                names = [r[0] for r in conn.execute(text(
                    "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='custody_log'"))]
                for name in names:
                    conn.execute(text(f'DROP TRIGGER "{name}"'))
            else:
                names = [r[0] for r in conn.execute(text(
                    "SELECT tgname FROM pg_trigger WHERE tgrelid = 'custody_log'::regclass AND NOT tgisinternal"))]
                for name in names:
                    conn.execute(text(f'DROP TRIGGER "{name}" ON custody_log'))
            conn.execute(text("UPDATE custody_log SET actor = 'someone else' WHERE seq = 1"))
    finally:
        db.dispose()
    proc = letopis("log", "verify", check=False)
    assert proc.returncode == 1 and "1" in proc.stdout.decode()


def test_the_database_refuses_to_edit_the_log(letopis, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    letopis("ingest", str(report), "--published", "2025-10-31")
    target = letopis.env.get("LETOPIS_DATABASE_URL") or letopis.data
    db = open_database(target, migrate=False)
    try:
        for statement in ("UPDATE custody_log SET actor = 'x'", "DELETE FROM custody_log"):
            try:
                with db.engine.begin() as conn:
                    conn.execute(text(statement))
            except Exception as exc:  # noqa: BLE001 - either backend's error type
                assert "custody" in str(exc).lower() or "append-only" in str(exc).lower()
            else:
                raise AssertionError(f"{statement} was allowed")
    finally:
        db.dispose()


