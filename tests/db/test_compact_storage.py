"""Migration 0018 (compact storage): a store written before it upgrades, keeps every hash, and still verifies."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text

from letopis.db.migrate import current_revision, downgrade, head_revision, upgrade
from letopis.evidence.capture import record_capture
from letopis.evidence.custody import verify_log
from letopis.evidence.store import ObjectStore
from letopis.evidence.verify import verify_store
from letopis.model import Artefact, Capture

BEFORE = "0017_machine_translations"
T0 = datetime(2025, 11, 2, 9, 0, tzinfo=UTC)


def _fill(database: Any, store: ObjectStore, n: int = 3) -> None:
    for i in range(n):
        artefact = Artefact("original", "text/html", data=f"<p>звіт {i}</p>".encode(), name="page.html")
        capture = Capture(source_kind="url", locator=f"https://example.org/{i}", started_at=T0, finished_at=T0,
                          method="http GET", tool="letopis/0.1.0", artefacts=(artefact,), text=f"звіт {i}",
                          text_method="trafilatura")
        record_capture(database, store, capture, collector="t")


def _raw(database: Any, sql: str) -> list[tuple[Any, ...]]:
    with database.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def _hashes(database: Any) -> list[tuple[Any, ...]]:
    return _raw(database, "SELECT seq, prev_hash, hash FROM custody_log ORDER BY seq")


def _keys(database: Any) -> list[tuple[Any, ...]]:
    """The evidence's and texts' SHA-256 keys and what refers to them, as stored."""
    return _raw(database, "SELECT b.sha256, s.original_sha256, a.sha256, t.sha256, t.derived_from, st.text_sha256 "
                          "FROM sources s JOIN blobs b ON b.sha256 = s.original_sha256 "
                          "JOIN capture_artefacts a ON a.sha256 = b.sha256 "
                          "JOIN source_texts st ON st.source_id = s.id JOIN texts t ON t.sha256 = st.text_sha256 "
                          "ORDER BY s.id")


def _as_hex(value: Any) -> str:
    return value if isinstance(value, str) else bytes(value).hex()


def test_a_store_from_before_upgrades_and_verifies(database: Any, tmp_path: Path) -> None:
    store = ObjectStore(tmp_path / "evidence")
    _fill(database, store)
    assert verify_store(database, store) == []
    digests = sorted((t, k, _as_hex(d)) for t, k, d in _raw(database, "SELECT tbl, key, digest FROM row_seals"))
    chain = [(s, _as_hex(p), _as_hex(h)) for s, p, h in _hashes(database)]
    assert all(len(bytes(h)) == 32 for _, _, h in _hashes(database))

    downgrade(database.engine, BEFORE)  # the store as the version before 0018 wrote it: hex text
    assert [(s, p, h) for s, p, h in _hashes(database)] == chain
    seals = _raw(database, "SELECT tbl, key, digest FROM row_seals")
    assert seals and all(isinstance(d, str) and len(d) == 64 for _, _, d in seals)
    assert "ix_texts_derived_from" in {i["name"] for i in inspect(database.engine).get_indexes("texts")}
    keys = _keys(database)
    assert len(keys) == 3 and all(isinstance(v, str) and len(v) == 64 for row in keys for v in row)

    upgrade(database.engine)
    assert current_revision(database.engine) == head_revision()
    assert [(s, _as_hex(p), _as_hex(h)) for s, p, h in _hashes(database)] == chain
    assert all(isinstance(h, bytes) and len(h) == 32 for _, _, h in _hashes(database))
    assert sorted((t, k, _as_hex(d)) for t, k, d in _raw(database, "SELECT tbl, key, digest FROM row_seals")) == digests
    assert "ix_texts_derived_from" not in {i["name"] for i in inspect(database.engine).get_indexes("texts")}
    assert [tuple(_as_hex(v) for v in row) for row in _keys(database)] == keys  # the same keys, as 32 bytes
    assert all(isinstance(v, bytes) and len(v) == 32 for row in _keys(database) for v in row)
    if database.dialect == "sqlite":  # the rebuilt log still refuses changes
        with database.engine.connect() as connection:
            triggers = set(connection.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'custody_log'")).scalars())
        assert triggers == {"custody_log_no_update", "custody_log_no_delete"}
    assert verify_store(database, store) == []  # the old entries and seals, and the new ones written since
    _fill(database, store, 5)  # writing goes on where the old chain ended
    assert verify_store(database, store) == []


def test_an_entry_edited_before_the_upgrade_is_still_found(database: Any, tmp_path: Path) -> None:
    store = ObjectStore(tmp_path / "evidence")
    _fill(database, store)
    downgrade(database.engine, BEFORE)
    with database.engine.begin() as connection:  # someone with database access, before the upgrade
        if database.dialect == "sqlite":
            connection.execute(text("DROP TRIGGER custody_log_no_update"))
            connection.execute(text("UPDATE custody_log SET hash = 'not a hash' WHERE seq = 2"))
        else:
            connection.execute(text("DROP TRIGGER custody_log_append_only ON custody_log"))
            connection.execute(text("UPDATE custody_log SET hash = :h WHERE seq = 2"), {"h": "f" * 64})
    upgrade(database.engine)  # a value that is not a digest is copied as it is, not refused
    with database.session(readonly=True) as session:
        [problem] = verify_log(session)
    assert problem.kind == "chain-broken" and problem.subject == "custody_log seq 2"
