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
    assert raw is not None
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


# the SHA-256 keys and the columns referring to them; children before their parents
KEYED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("source_texts", ("text_sha256",)),
    ("incident_sources", ("text_sha256",)),
    ("statistics", ("text_sha256",)),
    ("capture_artefacts", ("sha256",)),
    ("testimony_files", ("blob_sha256",)),
    ("texts", ("sha256", "derived_from")),
    ("sources", ("original_sha256",)),
    ("blobs", ("sha256",)),
)
# (constraint, table, column, parent table): the foreign keys between those columns
KEYED_FOREIGN = (
    ("fk_source_texts_text_sha256_texts", "source_texts", "text_sha256", "texts"),
    ("fk_incident_sources_text_sha256_texts", "incident_sources", "text_sha256", "texts"),
    ("fk_statistics_text_sha256_texts", "statistics", "text_sha256", "texts"),
    ("fk_capture_artefacts_sha256_blobs", "capture_artefacts", "sha256", "blobs"),
    ("fk_testimony_files_blob_sha256_blobs", "testimony_files", "blob_sha256", "blobs"),
    ("fk_texts_derived_from_blobs", "texts", "derived_from", "blobs"),
    ("fk_sources_original_sha256_blobs", "sources", "original_sha256", "blobs"),
)

_PG_NOTE_ROW = r"""
CREATE OR REPLACE FUNCTION letopis_note_row() RETURNS trigger AS $$
DECLARE
    k text;
    v text;
    i integer;
    r jsonb;
BEGIN
    IF to_regclass('pg_temp.letopis_dirty') IS NULL THEN
        RETURN NULL;
    END IF;
    FOREACH r IN ARRAY (CASE TG_OP WHEN 'INSERT' THEN ARRAY[to_jsonb(NEW)]
                                   WHEN 'DELETE' THEN ARRAY[to_jsonb(OLD)]
                                   ELSE ARRAY[to_jsonb(NEW), to_jsonb(OLD)] END) LOOP
        k := NULL;
        FOR i IN 0 .. TG_NARGS - 1 LOOP
            v := r ->> TG_ARGV[i];
            {strip}
            k := CASE WHEN k IS NULL THEN v ELSE k || '|' || v END;
        END LOOP;
        EXECUTE 'INSERT INTO pg_temp.letopis_dirty (tbl, key) VALUES ($1, $2)' USING TG_TABLE_NAME, k;
    END LOOP;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""
# 0018: a bytea key column (to_jsonb gives it as a backslash, 'x' and the hex) is written as its hex alone
_PG_STRIP = r"IF left(v, 2) = '\x' THEN v := substr(v, 3); END IF;"


def _sqlite_rebuild_keyed(to_bytes: bool) -> None:
    """Rebuild the keyed tables with their digest columns' new type.

    The rows wait in temporary tables while the old tables are dropped
    (children first: dropping ``sources`` would otherwise cascade into
    ``source_texts``) and the new ones are made under their own names
    (parents first), so the deferred foreign-key checks see every child find
    its parent again by commit.
    """
    bind = op.get_bind()
    old_type, new_type = ("VARCHAR(64)", "BLOB") if to_bytes else ("BLOB", "VARCHAR(64)")
    convert = "letopis_digest_bytes" if to_bytes else "letopis_digest_hex"
    op.execute("PRAGMA defer_foreign_keys = ON")
    kept: list[tuple[str, tuple[str, ...], str, list[str], list[str]]] = []
    for table, columns in KEYED:
        ddl = bind.execute(sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"),
                           {"t": table}).scalar_one()
        for column in columns:
            before = f"\t{column} {old_type}"
            if before not in ddl:
                raise RuntimeError(f"{table}.{column} is not the expected column; refusing to rebuild")
            ddl = ddl.replace(before, f"\t{column} {new_type}")
        indexes = list(bind.execute(sa.text(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL"),
            {"t": table}).scalars())
        names = [row[1] for row in bind.execute(sa.text(f"PRAGMA main.table_info({table})"))]
        kept.append((table, columns, ddl, indexes, names))
        op.execute(f"CREATE TEMP TABLE letopis_keep_{table} AS SELECT * FROM main.{table}")
    for table, *_ in kept:  # children first
        op.execute(f"DROP TABLE main.{table}")
    for table, columns, ddl, indexes, names in reversed(kept):  # parents first
        op.execute(ddl)
        values = ", ".join(f'{convert}("{n}")' if n in columns else f'"{n}"' for n in names)
        quoted = ", ".join(f'"{n}"' for n in names)
        op.execute(f"INSERT INTO main.{table} ({quoted}) SELECT {values} FROM temp.letopis_keep_{table}")
        op.execute(f"DROP TABLE temp.letopis_keep_{table}")
        for index in indexes:
            op.execute(index)


def _pg_keyed(to_bytes: bool) -> None:
    for name, table, _column, _parent in KEYED_FOREIGN:
        op.drop_constraint(name, table, type_="foreignkey")
    for table, columns in KEYED:
        for column in columns:
            if to_bytes:
                op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE bytea "
                           f"USING {_PG_TO_BYTES.format(c=column)}")
            else:
                op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE varchar(64) "
                           f"USING {_PG_TO_HEX.format(c=column)}")
    for name, table, column, parent in KEYED_FOREIGN:
        op.create_foreign_key(name, table, parent, [column], ["sha256"])
    op.execute(_PG_NOTE_ROW.replace("{strip}", _PG_STRIP if to_bytes else ""))


def upgrade() -> None:
    op.drop_index("ix_texts_derived_from", table_name="texts")
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_functions()
        _sqlite_rebuild_custody(to_bytes=True)
        _sqlite_rebuild_seals(to_bytes=True)
        _sqlite_rebuild_keyed(to_bytes=True)
        return
    op.drop_constraint("uq_custody_log_hash", "custody_log", type_="unique")
    for table, column in (("custody_log", "prev_hash"), ("custody_log", "hash"), ("row_seals", "digest")):
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE bytea USING {_PG_TO_BYTES.format(c=column)}")
    _pg_keyed(to_bytes=True)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_functions()
        _sqlite_rebuild_keyed(to_bytes=False)
        _sqlite_rebuild_seals(to_bytes=False)
        _sqlite_rebuild_custody(to_bytes=False)
    else:
        _pg_keyed(to_bytes=False)
        for table, column in (("custody_log", "prev_hash"), ("custody_log", "hash"), ("row_seals", "digest")):
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE varchar(64) "
                       f"USING {_PG_TO_HEX.format(c=column)}")
        op.create_unique_constraint("uq_custody_log_hash", "custody_log", ["hash"])
    op.create_index("ix_texts_derived_from", "texts", ["derived_from"])
