"""A withdrawn testimony leaves nothing in the PostgreSQL server's files that its passphrase could open (issue 13).

A throwaway server of its own (``tests/postgres_server.py``) whose data directory the test reads: every file
in it — tables, indexes, TOAST, the free-space and visibility maps, ``pg_wal`` — is searched for the
testimony's wrapped keys and its ciphertext, which are there before the withdrawal and must be gone after it.
The server is set as docs/encryption.md asks (``wal_recycle = off``; no archive, slot or ``wal_keep_size``);
with the default ``wal_recycle = on`` the withdrawal names what keeps the old log.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from letopis.crypto.store import OpenStore
from letopis.db.models import DataKey, Testimony as _Testimony
from letopis.testimony import WitnessIdentity, add_testimony, withdraw
from tests.crypto.support import make_encrypted

ACCOUNT = "Мене затримали 3 березня біля школи в Бахмуті, тримали два дні в підвалі комендатури. " * 40
WITNESS = WitnessIdentity("Taras Svidok", "+380 50 111 22 33", "lives with his mother")


@pytest.fixture(params=["wal_recycle = off", ""], ids=["as-documented", "server-defaults"])
def server(request: pytest.FixtureRequest) -> Iterator[object]:
    from tests.postgres_server import ServerUnavailable, start_private_server

    try:
        started = start_private_server("full_page_writes = on\n" + request.param + "\n")
    except ServerUnavailable as error:
        pytest.skip(f"a PostgreSQL server of the test's own: {error}")
    try:
        yield started
    finally:
        started.stop()


def _found(root: Path, needles: dict[str, bytes]) -> dict[str, list[str]]:
    """Which needles are in which files under ``root`` (its every file, read whole)."""
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        for name, needle in needles.items():
            if needle in data:
                found.setdefault(name, []).append(str(path.relative_to(root)))
    return found


def _store(server: object, tmp_path: Path) -> OpenStore:
    import psycopg

    base = Path(server.base)  # type: ignore[attr-defined]
    with psycopg.connect(host=str(base), port=server.port, user="postgres", dbname="postgres",  # type: ignore[attr-defined]
                         autocommit=True) as connection:
        connection.execute("CREATE DATABASE letopis TEMPLATE template0 ENCODING 'UTF8'")
    url = f"postgresql+psycopg://postgres@:{server.port}/letopis?host={base}"  # type: ignore[attr-defined]
    store, _ = make_encrypted(tmp_path / "data", url)
    return store


def test_withdrawal_leaves_no_key_or_ciphertext_in_the_data_directory(server: object, tmp_path: Path) -> None:
    store = _store(server, tmp_path)
    try:
        text_file = tmp_path / "interview.txt"
        text_file.write_text(ACCOUNT, encoding="utf-8")
        testimony = add_testimony(store, [text_file], consent="restricted", recorded_by="olena", witness=WITNESS)
        with store.db.session(readonly=True) as session:
            row = session.get(_Testimony, testimony.id)
            assert row is not None and row.content is not None
            ciphertext = bytes(row.content)
            needles = {f"wrapped key {i}": bytes(k.wrapped) for i, k in enumerate(session.scalars(select(DataKey)))}
        needles["ciphertext"] = ciphertext[40:72]  # 32 bytes from inside: no header any other row shares
        with store.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("CHECKPOINT")  # every page and log record on disk: the search must find them
        data = Path(server.data)  # type: ignore[attr-defined]
        before = _found(data, needles)
        assert set(before) == set(needles), before  # the search sees them (heap, TOAST and pg_wal)
        assert any(path.startswith("pg_wal") for paths in before.values() for path in paths)

        result = withdraw(store, testimony.id, actor="olena")
        after = _found(data, needles)
    finally:
        store.close()
    if "wal_recycle = off" in server.settings:  # type: ignore[attr-defined]
        assert after == {}, after
        assert result.residue == ()
    else:  # recycled log segments keep their bytes until overwritten: the withdrawal says so
        assert any("wal_recycle" in line for line in result.residue), result.residue
