"""What an adversary with the files does: opens the database behind Letopis's back and edits it."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.tamper.conftest import PASSPHRASE, Store


@contextmanager
def database(store: Store) -> Iterator[Any]:
    """A plain DB-API connection to the store's SQLite file (SQLCipher with the key when encrypted)."""
    path = store.data / "letopis.sqlite3"
    if store.encrypted:
        import sqlcipher3  # type: ignore[import-untyped]

        from letopis.crypto.keys import unlock
        from letopis.crypto.store import sqlcipher_key

        connection = sqlcipher3.connect(str(path))
        connection.execute(f"PRAGMA key = \"x'{sqlcipher_key(unlock(store.data, PASSPHRASE)).hex()}'\"")
    else:
        connection = sqlite3.connect(str(path))
    connection.row_factory = None
    try:
        yield connection
        connection.commit()
    finally:
        connection.close()


def execute(store: Store, *statements: str) -> None:
    with database(store) as connection:
        for statement in statements:
            connection.execute(statement)


def unguard_log(connection: Any) -> None:
    """Drop the custody log's append-only triggers, as an adversary would."""
    names = [r[0] for r in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'custody_log'")]
    for name in names:
        connection.execute(f'DROP TRIGGER "{name}"')


def copy_row(connection: Any, table: str, where: str, changes: dict[str, Any]) -> None:
    cursor = connection.execute(f"SELECT * FROM {table} WHERE {where} LIMIT 1")
    columns = [d[0] for d in cursor.description]
    row = dict(zip(columns, cursor.fetchone(), strict=True))
    row.update(changes)
    marks = ", ".join("?" for _ in row)
    connection.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({marks})", list(row.values()))


def scalar(connection: Any, query: str) -> Any:
    return connection.execute(query).fetchone()[0]


def rewrite_tail(store: Store, count: int, change: dict[str, Any]) -> None:
    """Change the details of the last ``count`` entries and recompute every hash from there (a valid chain)."""
    from letopis.db.types import parse_utc
    from letopis.evidence.custody import canonical_json, entry_hash

    with database(store) as connection:
        unguard_log(connection)
        newest = scalar(connection, "SELECT max(seq) FROM custody_log")
        first = newest - count + 1
        prev = scalar(connection, f"SELECT hash FROM custody_log WHERE seq = {first - 1}")
        rows = connection.execute(
            f"SELECT seq, at, event, subject, actor, details FROM custody_log WHERE seq >= {first} ORDER BY seq")
        for seq, at, event, subject, actor, details in list(rows):
            value = {**json.loads(details), **change}
            digest = entry_hash(prev, seq=seq, at=parse_utc(at), event=event, subject=subject, actor=actor,
                                details=value)
            connection.execute("UPDATE custody_log SET details = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                               (canonical_json(value), prev, digest, seq))
            prev = digest


def objects(store: Store) -> list[Path]:
    return sorted(p for p in (store.data / "evidence" / "objects").rglob("*") if p.is_file())


def flip_byte(path: Path, at: int = 0) -> None:
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    os.chmod(path, 0o444)


def put_plain_object(store: Store, data: bytes) -> str:
    """Store bytes as a plain store would (name = SHA-256), read-only."""
    sha = hashlib.sha256(data).hexdigest()
    path = store.data / "evidence" / "objects" / sha[:2] / sha[2:4] / sha
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.chmod(path, 0o444)
    return sha


def corrupt_page(store: Store, name: str) -> None:
    """Overwrite the root page of table or index ``name`` in the SQLite file with garbage."""
    path = store.data / "letopis.sqlite3"
    with sqlite3.connect(str(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = scalar(connection, "PRAGMA page_size")
        root = scalar(connection, f"SELECT rootpage FROM sqlite_master WHERE name = '{name}'")
    connection.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(bytes([0xA5]) * page_size)
