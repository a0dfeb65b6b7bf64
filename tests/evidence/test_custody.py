from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from letopis.evidence.custody import GENESIS_HASH, append_event, head, verify_log


def fill(db: Any, n: int = 5) -> None:
    with db.session() as session:
        for i in range(n):
            append_event(session, "collect", f"capture:{i}", "tester", {"n": i, "note": "Харків ё", "x": 0.1})


def test_chain_appends_and_verifies(database: Any) -> None:
    fill(database)
    with database.session(readonly=True) as session:
        assert verify_log(session) == []
        last = head(session)
        assert last is not None and last.seq == 5
    with database.session(readonly=True) as session:
        first = session.execute(text("SELECT prev_hash FROM custody_log WHERE seq = 1")).scalar()
        assert bytes(first) == bytes(32) and bytes(first).hex() == GENESIS_HASH  # stored as its 32 bytes (0018)


def test_unknown_event_refused(database: Any) -> None:
    with pytest.raises(ValueError):
        with database.session() as session:
            append_event(session, "tamper", "x", "y")


@pytest.mark.parametrize("statement", [
    "UPDATE custody_log SET actor = 'mallory' WHERE seq = 2",
    "DELETE FROM custody_log WHERE seq = 2",
])
def test_database_refuses_update_and_delete(database: Any, statement: str) -> None:
    fill(database)
    with pytest.raises(DBAPIError, match="append-only"):
        with database.engine.begin() as connection:
            connection.execute(text(statement))
    with database.session(readonly=True) as session:
        assert verify_log(session) == []


def _drop_triggers(connection: Any) -> None:
    if connection.dialect.name == "sqlite":
        connection.execute(text("DROP TRIGGER custody_log_no_update"))
        connection.execute(text("DROP TRIGGER custody_log_no_delete"))
    else:
        connection.execute(text("DROP TRIGGER custody_log_append_only ON custody_log"))


def test_verification_detects_an_edited_row(database: Any) -> None:
    fill(database)
    with database.engine.begin() as connection:  # an attacker with database access
        _drop_triggers(connection)
        connection.execute(text("UPDATE custody_log SET details = :d WHERE seq = 3"), {"d": '{"n":99}'})
    with database.session(readonly=True) as session:
        [problem] = verify_log(session)
    assert problem.kind == "chain-broken" and problem.subject == "custody_log seq 3"
    assert "edited" in problem.detail


def test_verification_detects_a_deleted_row(database: Any) -> None:
    fill(database)
    with database.engine.begin() as connection:
        _drop_triggers(connection)
        connection.execute(text("DELETE FROM custody_log WHERE seq = 2"))
    with database.session(readonly=True) as session:
        [problem] = verify_log(session)
    assert problem.subject == "custody_log seq 3" and "missing" in problem.detail


def test_verification_detects_a_rehashed_row(database: Any) -> None:
    """Recomputing the edited row's own hash still breaks the link to the next."""
    fill(database)
    with database.engine.begin() as connection:
        _drop_triggers(connection)
        connection.execute(text("UPDATE custody_log SET hash = :h WHERE seq = 2"), {"h": "f" * 64})
    with database.session(readonly=True) as session:
        [problem] = verify_log(session)
    assert problem.subject == "custody_log seq 2"


def test_concurrent_appends_keep_one_chain(database: Any) -> None:
    import threading

    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            for i in range(25):
                with database.session() as session:
                    append_event(session, "import", f"{name}:{i}", name)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(f"w{n}",)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with database.session(readonly=True) as session:
        assert verify_log(session) == []
        last = head(session)
        assert last is not None and last.seq == 75
