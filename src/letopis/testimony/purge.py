"""After a withdrawal: leave no old copy of the destroyed keys in the database engine's own files.

SQLite (SQLCipher, ``secure_delete`` on): the WAL is checkpointed and
truncated, so no old frame holds a deleted page.

PostgreSQL keeps history in two places. The tables: a deleted row stays in
its page until vacuumed, so each table that held a key or ciphertext is
rewritten (``VACUUM FULL``, which writes only the live rows to new files
and truncates the old ones). The write-ahead log: the row's insertion is a
record in a segment of ``pg_wal`` until a checkpoint makes the segment
unneeded; the current segment is closed (``pg_switch_wal()``) and a
``CHECKPOINT`` run, after which the server removes every older segment —
*unless* it recycles them (``wal_recycle = on``, the default: the file is
renamed for reuse and keeps its bytes until overwritten), archives them
(``archive_mode``), or keeps them for a replication slot or
``wal_keep_size``. Letopis changes no server setting; it reads them and
returns one line for each that keeps the old log, for the user to act on
(docs/encryption.md). ``pg_switch_wal()`` and ``CHECKPOINT`` need a
superuser (or ``pg_checkpoint`` and a grant on ``pg_switch_wal``); without
them that too is a line.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, Engine, text

__all__ = ["purge_old_pages", "PG_TABLES"]

logger = logging.getLogger(__name__)

PG_TABLES = ("data_keys", "witnesses", "testimonies", "testimony_files", "incident_sources")


def purge_old_pages(engine: Engine) -> tuple[str, ...]:
    """Purge what the engine keeps of deleted rows; returns what may still hold them (one line each)."""
    residue: list[str] = []
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            if engine.dialect.name == "sqlite":
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            elif engine.dialect.name == "postgresql":
                for table in PG_TABLES:
                    connection.execute(text(f"VACUUM FULL {table}"))
                residue.extend(_cycle_wal(connection))
                residue.extend(_keepers(connection))
    except Exception as error:  # noqa: BLE001 - the keys are deleted either way; this only tidies
        logger.info("after withdrawal, compacting the database failed: %s", error)
        residue.append(f"compacting the database failed ({type(error).__name__}): old pages may hold the keys")
    return tuple(residue)  # the caller says them (the CLI: one warning line each)


def _cycle_wal(connection: Connection) -> list[str]:
    """Close the current log segment and checkpoint, so the segments that logged the keys are no longer needed."""
    try:
        connection.execute(text("SELECT pg_switch_wal()"))
        connection.execute(text("CHECKPOINT"))
    except Exception as error:  # noqa: BLE001 - usually a missing privilege
        reason = str(getattr(error, "orig", error)).splitlines()[0]
        return [f"the server's write-ahead log was not cycled ({reason}): its segments hold the keys until the "
                "server checkpoints and removes them; an administrator can run SELECT pg_switch_wal(); CHECKPOINT;"]
    return []


def _keepers(connection: Connection) -> list[str]:
    """Server settings under which old log segments outlive the checkpoint."""
    def setting(name: str) -> str:
        return str(connection.execute(text("SELECT current_setting(:name)"), {"name": name}).scalar())

    found = []
    if setting("wal_recycle") == "on":
        found.append("wal_recycle is on: old log segments are renamed for reuse and keep the keys until "
                     "overwritten; set wal_recycle = off (docs/encryption.md)")
    if setting("archive_mode") != "off":
        found.append(f"archive_mode is {setting('archive_mode')}: the archived log segments hold the keys; "
                     "delete the archive's segments from before this withdrawal")
    if setting("wal_keep_size") not in ("0", "0MB"):
        found.append(f"wal_keep_size is {setting('wal_keep_size')}: that much old log is kept")
    slots = connection.execute(text("SELECT count(*) FROM pg_replication_slots")).scalar() or 0
    if slots:
        found.append(f"{slots} replication slot(s) keep the log their consumers have not read, and a standby "
                     "has its own copy")
    return found
