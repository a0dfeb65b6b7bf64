from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from letopis.db.captures import add_capture
from letopis.db.items import done_items
from letopis.evidence.capture import record_capture, store_artefacts
from letopis.evidence.custody import iter_events
from letopis.evidence.store import ObjectStore
from letopis.evidence.verify import verify_store
from letopis.model import Artefact, Capture

T0 = datetime(2025, 11, 2, 9, 0, tzinfo=UTC)


def capture(locator: str, body: bytes, *, text: str | None = "text", path: Path | None = None) -> Capture:
    artefact = Artefact("original", "text/html", data=None if path else body, path=path, name="page.html")
    return Capture(
        source_kind="url", locator=locator, started_at=T0, finished_at=T0, method="http GET",
        tool="letopis/0.1.0", artefacts=(artefact,), text=text, text_method="trafilatura",
    )


@pytest.fixture
def filled(database: Any, tmp_path: Path) -> tuple[Any, ObjectStore, list[str]]:
    store = ObjectStore(tmp_path / "evidence", pack_max=0)  # loose files (packed objects: test_packs.py)
    shas = []
    for i in range(3):
        body = f"<p>звіт {i}</p>".encode()
        record_capture(database, store, capture(f"https://example.org/{i}", body, text=f"звіт {i}"), collector="t")
        shas.append(hashlib.sha256(body).hexdigest())
    return database, store, shas


def kinds(problems: list[Any]) -> list[tuple[str, str]]:
    return [(p.kind, p.subject) for p in problems]


def test_clean_store_verifies_and_is_logged(filled: tuple[Any, ObjectStore, list[str]]) -> None:
    db, store, _ = filled
    assert verify_store(db, store) == []
    with db.session(readonly=True) as session:
        events = [(e.event, e.subject) for e in iter_events(session) if e.event != "seal"]
    assert events[:3] == [("collect", "capture:1"), ("collect", "capture:2"), ("collect", "capture:3")]
    assert events[-1] == ("verify", "store")


def test_flipped_byte_missing_file_and_orphan(filled: tuple[Any, ObjectStore, list[str]]) -> None:
    db, store, shas = filled
    flipped = store.path_of(shas[0])
    data = bytearray(flipped.read_bytes())
    data[3] ^= 0x01
    os.chmod(flipped, 0o644)
    flipped.write_bytes(bytes(data))
    os.chmod(flipped, 0o444)
    store.path_of(shas[1]).unlink()
    orphan = store.put_bytes(b"not in the database")
    problems = verify_store(db, store)
    assert sorted(kinds(problems)) == sorted(
        [("altered", shas[0]), ("missing", shas[1]), ("orphaned", orphan.sha256)]
    )
    assert all("\n" not in str(p) and (p.subject in str(p)) for p in problems)
    with db.session(readonly=True) as session:
        last = list(iter_events(session, event="verify"))[-1]
    assert '"outcome":"problems"' in last.details and '"problems":3' in last.details


def test_writable_object_and_altered_text(filled: tuple[Any, ObjectStore, list[str]]) -> None:
    db, store, shas = filled
    os.chmod(store.path_of(shas[2]), 0o644)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE texts SET content = 'підмінено' WHERE content = 'звіт 0'"))
    assert sorted(p.kind for p in verify_store(db, store)) == ["text-altered", "writable"]


def test_verify_checks_the_custody_chain(filled: tuple[Any, ObjectStore, list[str]]) -> None:
    db, store, _ = filled
    with db.engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.execute(text("DROP TRIGGER custody_log_no_update"))
        else:
            connection.execute(text("DROP TRIGGER custody_log_append_only ON custody_log"))
        connection.execute(text("UPDATE custody_log SET actor = 'mallory' WHERE seq = 2"))
    assert kinds(verify_store(db, store)) == [("chain-broken", "custody_log seq 2")]


def test_crash_before_commit_then_rerun_verifies(database: Any, tmp_path: Path) -> None:
    """Objects written by a run that died before its commit are collected or adopted."""
    store = ObjectStore(tmp_path / "evidence")
    big = tmp_path / "doc.pdf"
    big.write_bytes(os.urandom(300_000))
    kept = capture("file:///doc.pdf", b"", path=big)
    lost = capture("https://example.org/changed", b"<p>v1 (never committed)</p>")

    class Killed(Exception):
        pass

    with pytest.raises(Killed):  # the process "dies" after the bytes, before the commit
        with store.batch() as batch:
            store_artefacts(batch, kept)
            store_artefacts(batch, lost)
            with database.session() as session:
                add_capture(session, kept, store_artefacts(batch, kept), collector="t")
                raise Killed
    (store.tmp_dir / ".tmp-999999-partial").write_bytes(b"half a fi")  # a kill mid-copy

    # the re-run: the page changed meanwhile, the file did not
    record_capture(database, store, kept, collector="t")  # adopts the orphan
    record_capture(database, store, capture("https://example.org/changed", b"<p>v2</p>"), collector="t")
    assert verify_store(database, store) == []
    assert list(store.tmp_dir.iterdir()) == []
    with database.session(readonly=True) as session:
        last = list(iter_events(session, event="verify"))[-1]
    assert '"removed_orphans":["' in last.details  # v1 page collected, not reported


def test_record_capture_marks_the_item_done_atomically(database: Any, tmp_path: Path) -> None:
    store = ObjectStore(tmp_path / "evidence")

    def fail(session: Any, result: Any) -> None:
        raise RuntimeError("extraction crashed")

    c = capture("https://example.org/x", b"<p>x</p>")
    with pytest.raises(RuntimeError):
        record_capture(database, store, c, collector="t", collection="run", item="x", within=fail)
    with database.session(readonly=True) as session:
        assert done_items(session, "run") == set()
    result = record_capture(database, store, c, collector="t", collection="run", item="x")
    with database.session(readonly=True) as session:
        assert done_items(session, "run") == {"x"}
        assert result.source_created
    assert verify_store(database, store) == []


@pytest.mark.parametrize("statement, expected", [
    ("UPDATE sources SET published = created WHERE id = 1", ("row-altered", "sources 1")),
    ("UPDATE captures SET collector = 'mallory' WHERE id = 2", ("row-altered", "captures 2")),
    ("DELETE FROM source_texts WHERE source_id = 3", ("row-deleted", "source_texts 3|")),
    ("DELETE FROM row_seals WHERE tbl = 'captures' AND key = '1'", ("row-unsealed", "captures 1")),
])
def test_rows_changed_behind_letopis_are_named(filled: tuple[Any, ObjectStore, list[str]], statement: str,
                                                expected: tuple[str, str]) -> None:
    db, store, _ = filled
    assert verify_store(db, store) == []
    with db.engine.begin() as connection:  # not a Letopis write session: nothing notes or seals the change
        connection.execute(text(statement))
    found = kinds(verify_store(db, store))
    assert any(kind == expected[0] and subject.startswith(expected[1]) for kind, subject in found), found


def test_a_later_write_does_not_seal_an_earlier_tampering(filled: tuple[Any, ObjectStore, list[str]]) -> None:
    db, store, _ = filled
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE sources SET title = 'forged' WHERE id = 1"))
    record_capture(db, store, capture("https://example.org/later", b"<p>later</p>", text="later"), collector="t")
    assert ("row-altered", "sources 1") in kinds(verify_store(db, store))
