"""`letopis verify` and `letopis log verify` catch tampering, and name what was altered."""

from __future__ import annotations

from sqlalchemy import text

from letopis.db import open_database
from letopis.evidence.store import ObjectStore
from tests.evidence.on_disk import flip_object

REPORT = "30 жовтня у Харкові працівники ТЦК затримали двох чоловіків на зупинці.\n"


def test_one_altered_byte_is_named(letopis, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    letopis("ingest", str(report), "--published", "2025-10-31")
    assert "ok" in letopis("verify").stdout.decode()
    store = ObjectStore.in_data_dir(letopis.data)
    objects = [o.name for o in store.iter_objects()]
    assert objects
    victim = objects[0]
    flip_object(store, victim)
    proc = letopis("verify", check=False)
    assert proc.returncode == 1
    assert victim[:16] in proc.stdout.decode() or victim in proc.stdout.decode()


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


