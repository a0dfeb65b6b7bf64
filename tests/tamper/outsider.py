"""What an adversary with the files does: opens the database behind Letopis's back and edits it.

On PostgreSQL the adversary has the database's rights (a superuser, or the
owner of the tables): a psycopg connection with ``session_replication_role =
replica``, so no trigger fires and no foreign key is checked, as a plain
``sqlite3`` connection checks none on SQLite; the pages it damages are the
server's own files.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.evidence.on_disk import packed_records, stored_files
from tests.tamper.conftest import PASSPHRASE, Store


def database_url(store: Store) -> str | None:
    """The store's PostgreSQL URL, None on SQLite."""
    return store.env.get("LETOPIS_DATABASE_URL")


def _pg_connect(url: str, **kwargs: Any) -> Any:
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return psycopg.connect(host=str(parsed.query.get("host") or parsed.host or "127.0.0.1"),
                           port=parsed.port or 5432, user=parsed.username or "postgres", password=parsed.password,
                           dbname=parsed.database, **kwargs)


def is_postgres(connection: Any) -> bool:
    return type(connection).__module__.startswith("psycopg")


@contextmanager
def database(store: Store) -> Iterator[Any]:
    """A plain DB-API connection to the store's database: SQLite file (SQLCipher with the key when encrypted),
    or PostgreSQL with triggers and foreign keys off."""
    url = database_url(store)
    if url is not None:
        connection = _pg_connect(url)
        try:
            connection.execute("SET session_replication_role = replica")
            yield connection
            connection.commit()
        finally:
            connection.close()
        return
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
    if is_postgres(connection):
        names = [r[0] for r in connection.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'custody_log'::regclass AND NOT tgisinternal")]
        for name in names:
            connection.execute(f'DROP TRIGGER "{name}" ON custody_log')
        return
    names = [r[0] for r in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'custody_log'")]
    for name in names:
        connection.execute(f'DROP TRIGGER "{name}"')


def like(stored: Any, hex_digest: str) -> Any:
    """A SHA-256 in the form its column holds, as the stored value shows it: 32 bytes (0018) or hex text."""
    return bytes.fromhex(hex_digest) if isinstance(stored, bytes | memoryview) else hex_digest


def copy_row(connection: Any, table: str, where: str, changes: dict[str, Any], params: tuple[Any, ...] = ()
             ) -> None:
    cursor = connection.execute(f"SELECT * FROM {table} WHERE {where} LIMIT 1", params)
    columns = [d[0] for d in cursor.description]
    row = dict(zip(columns, cursor.fetchone(), strict=True))
    row.update(changes)
    values = list(row.values())
    if is_postgres(connection):
        from psycopg.types.json import Jsonb

        json_columns = {d.name for d in cursor.description if d.type_code in (114, 3802)}  # json, jsonb
        values = [Jsonb(v) if name in json_columns else v for name, v in row.items()]
    marks = ", ".join(_mark(connection) for _ in row)
    names = ", ".join(f'"{name}"' for name in row)  # quoted: a column may be a keyword ("end")
    connection.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", values)


def mark(connection: Any) -> str:
    return _mark(connection)


def _mark(connection: Any) -> str:
    return "%s" if is_postgres(connection) else "?"


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
        stored = scalar(connection, f"SELECT hash FROM custody_log WHERE seq = {first - 1}")
        prev = stored if isinstance(stored, str) else bytes(stored).hex()  # 32 bytes since 0018
        rows = connection.execute(
            f"SELECT seq, at, event, subject, actor, details FROM custody_log WHERE seq >= {first} ORDER BY seq")
        mark = _mark(connection)
        for seq, at, event, subject, actor, details in list(rows):
            value = {**json.loads(details), **change}
            digest = entry_hash(prev, seq=seq, at=at if isinstance(at, datetime) else parse_utc(at), event=event,
                                subject=subject, actor=actor, details=value)
            connection.execute(f"UPDATE custody_log SET details = {mark}, prev_hash = {mark}, hash = {mark} "
                               f"WHERE seq = {mark}",
                               (canonical_json(value), bytes.fromhex(prev), bytes.fromhex(digest), seq))
            prev = digest


def objects(store: Store) -> list[Path]:
    """The files holding evidence: loose objects and packs."""
    return stored_files(store.data / "evidence")


def flip_first_object(store: Store) -> None:
    """Flip a byte in the middle of the first packed object (or of the first loose file when none is packed)."""
    records = packed_records(store.data / "evidence")
    if records:
        pack, offset, length = records[0]
        flip_byte(pack, offset + length // 2)
    else:
        flip_byte(objects(store)[0])


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
    """Overwrite the root page of table or index ``name`` in the SQLite file with garbage (PostgreSQL: a page of
    the relation's file in the server's data directory; see :func:`_corrupt_pg_page`)."""
    url = database_url(store)
    if url is not None:
        _corrupt_pg_page(url, name)
        return
    path = store.data / "letopis.sqlite3"
    with sqlite3.connect(str(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = scalar(connection, "PRAGMA page_size")
        root = scalar(connection, f"SELECT rootpage FROM sqlite_master WHERE name = '{name}'")
    connection.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(bytes([0xA5]) * page_size)


def _corrupt_pg_page(url: str, name: str) -> None:
    """Overwrite a page of relation ``name`` in its file: block 1 of an index (its root, under the metapage),
    block 0 of a table. The store's database was just made from the template by copying files
    (``STRATEGY FILE_COPY``) and not read since, so the page is not in the server's buffers: the next read of it
    comes from the damaged file."""
    with _pg_connect(url, autocommit=True) as connection:
        base = connection.execute("SHOW data_directory").fetchone()[0]
        relative = connection.execute("SELECT pg_relation_filepath(%s::regclass)", (name,)).fetchone()[0]
        kind = connection.execute("SELECT relkind FROM pg_class WHERE oid = %s::regclass", (name,)).fetchone()[0]
        page_size = int(connection.execute("SHOW block_size").fetchone()[0])
    block = 1 if kind == "i" else 0
    with open(Path(base) / relative, "r+b") as handle:
        handle.seek(block * page_size)
        handle.write(bytes([0xA5]) * page_size)
        handle.flush()
        os.fsync(handle.fileno())
