"""Compact storage (issue 12): digests stored as their 32 bytes, an index no query reads dropped.

* ``custody_log.hash`` and ``prev_hash`` and ``row_seals.digest`` hold the
  SHA-256's 32 bytes instead of its 64 hex digits (``letopis.db.types.Digest``
  gives the hex back to Python, so every hash the chain and the seals compute
  is unchanged and every stored entry verifies as before).
* ``custody_log``'s unique index on ``hash`` is dropped: nothing looks an
  entry up by its hash (a receipt names the sequence number), and the chain,
  recomputed by ``verify``, is what proves each hash.
* ``ix_texts_derived_from`` is dropped: no query filters texts by the blob
  they were derived from.

A value that is not 64 lowercase hex digits (a row someone edited by hand)
is copied as it is, so ``verify`` still reports it. On SQLite the two tables
are rebuilt (the custody log's append-only triggers with it); on PostgreSQL
the columns change type in place.

Revision ID: 0018_compact_storage
Revises: 0017_machine_translations
Create Date: 2026-12-03
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0018_compact_storage"
down_revision: str | None = "0017_machine_translations"
branch_labels: str | None = None
depends_on: str | None = None

# kept here, not imported: a migration must not change when the code does
SQLITE_CUSTODY_TRIGGERS = (
    "CREATE TRIGGER custody_log_no_update BEFORE UPDATE ON custody_log "
    "BEGIN SELECT RAISE(ABORT, 'custody_log is append-only: UPDATE refused'); END",
    "CREATE TRIGGER custody_log_no_delete BEFORE DELETE ON custody_log "
    "BEGIN SELECT RAISE(ABORT, 'custody_log is append-only: DELETE refused'); END",
)
_HEX = re.compile(r"^[0-9a-f]{64}$")
_PG_TO_BYTES = "CASE WHEN {c} ~ '^[0-9a-f]{{64}}$' THEN decode({c}, 'hex') ELSE convert_to({c}, 'UTF8') END"
_PG_TO_HEX = "encode({c}, 'hex')"


def _to_bytes(value: Any) -> Any:
    if isinstance(value, str) and _HEX.match(value):
        return bytes.fromhex(value)
    return value


def _to_hex(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.hex()
    return value


def _sqlite_functions() -> None:
    raw = op.get_bind().connection.driver_connection
    raw.create_function("letopis_digest_bytes", 1, _to_bytes, deterministic=True)
    raw.create_function("letopis_digest_hex", 1, _to_hex, deterministic=True)


def _sqlite_rebuild_custody(to_bytes: bool) -> None:
    bind = op.get_bind()
    ddl = bind.execute(sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'custody_log'")
                       ).scalar_one()
    old_type, new_type = ("VARCHAR(64)", "BLOB") if to_bytes else ("BLOB", "VARCHAR(64)")
    rebuilt = re.sub(r'^CREATE TABLE\s+"?custody_log"?', "CREATE TABLE custody_log_rebuild", ddl, count=1)
    for column in ("prev_hash", "hash"):
        before = f"\t{column} {old_type} NOT NULL"
        if before not in rebuilt:
            raise RuntimeError(f"custody_log's {column} column is not the expected one; refusing to rebuild")
        rebuilt = rebuilt.replace(before, f"\t{column} {new_type} NOT NULL")
    unique = "\tCONSTRAINT uq_custody_log_hash UNIQUE (hash), \n"
    if to_bytes:
        rebuilt = rebuilt.replace(unique, "")
    else:
        rebuilt = rebuilt.replace("\tCONSTRAINT pk_custody_log PRIMARY KEY (seq), \n",
                                  "\tCONSTRAINT pk_custody_log PRIMARY KEY (seq), \n" + unique)
    convert = "letopis_digest_bytes" if to_bytes else "letopis_digest_hex"
    op.execute(rebuilt)
    op.execute("INSERT INTO custody_log_rebuild (seq, at, event, subject, actor, details, prev_hash, hash) "
               f"SELECT seq, at, event, subject, actor, details, {convert}(prev_hash), {convert}(hash) "
               "FROM custody_log ORDER BY seq")
    op.execute("DROP TABLE custody_log")  # DROP TABLE fires no trigger; the triggers go with the table
    op.execute("ALTER TABLE custody_log_rebuild RENAME TO custody_log")
    for statement in SQLITE_CUSTODY_TRIGGERS:
        op.execute(statement)


def _sqlite_rebuild_seals(to_bytes: bool) -> None:
    digest_type = "BLOB" if to_bytes else "VARCHAR(64)"
    convert = "letopis_digest_bytes" if to_bytes else "letopis_digest_hex"
    op.execute(
        f"CREATE TABLE row_seals_new (tbl VARCHAR(64) NOT NULL, key TEXT NOT NULL, digest {digest_type} NOT NULL, "
        "seq INTEGER NOT NULL, CONSTRAINT pk_row_seals PRIMARY KEY (tbl, key)) WITHOUT ROWID"
    )
    op.execute(f"INSERT INTO row_seals_new (tbl, key, digest, seq) SELECT tbl, key, {convert}(digest), seq "
               "FROM row_seals ORDER BY tbl, key")
    op.execute("DROP TABLE row_seals")
    op.execute("ALTER TABLE row_seals_new RENAME TO row_seals")


def upgrade() -> None:
    op.drop_index("ix_texts_derived_from", table_name="texts")
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_functions()
        _sqlite_rebuild_custody(to_bytes=True)
        _sqlite_rebuild_seals(to_bytes=True)
        return
    op.drop_constraint("uq_custody_log_hash", "custody_log", type_="unique")
    for table, column in (("custody_log", "prev_hash"), ("custody_log", "hash"), ("row_seals", "digest")):
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE bytea USING {_PG_TO_BYTES.format(c=column)}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_functions()
        _sqlite_rebuild_seals(to_bytes=False)
        _sqlite_rebuild_custody(to_bytes=False)
    else:
        for table, column in (("custody_log", "prev_hash"), ("custody_log", "hash"), ("row_seals", "digest")):
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE varchar(64) "
                       f"USING {_PG_TO_HEX.format(c=column)}")
        op.create_unique_constraint("uq_custody_log_hash", "custody_log", ["hash"])
    op.create_index("ix_texts_derived_from", "texts", ["derived_from"])
