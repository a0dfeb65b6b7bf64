"""Sealing the rows a person relies on to the custody log (see ``docs/verify.md``).

Every row of a *bound* table (:data:`BOUND_TABLES`: evidence, captures,
sources and their dates, texts, incidents, quotes, edits, status and merge
decisions, origins, profiles, testimonies) has a digest: SHA-256 of the
canonical JSON of its columns. The state of all of them is one
*accumulator*: the sum, modulo 2**2048, of SHAKE-256(table, key, digest)
expanded to 2048 bits, one term per row (an incremental multiset hash,
"AdHash"; 2048 bits keep Wagner's generalised-birthday attack far out of
reach). Adding, changing or removing a row changes the sum by that row's
terms only, so a write pays for the rows it touched, not for the tables.

How a write is sealed: triggers note the key of each row a write session
inserts, updates or deletes in a per-connection temporary table
(SQLite: TEMP triggers, which exist only on Letopis's own connections;
PostgreSQL: triggers that write only when the session made that temporary
table). Just before commit :func:`seal_transaction` re-reads those rows,
updates ``row_seals`` (table, key, digest, seq) and appends one ``seal``
custody event holding the new accumulator and row count. A change made
by anything else is noted nowhere, so it is never folded into a seal:
:func:`check_seals` recomputes every digest and finds it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, select, text
from sqlalchemy.orm import Session

from letopis.db.engine import register_write_hooks
from letopis.db.models import Base, CustodyEntry, RowSeal
from letopis.db.statements import table_of
from letopis.db.types import Digest, format_utc
from letopis.evidence.problems import Problem

__all__ = [
    "BOUND_TABLES", "SKIPPED_COLUMNS", "install_tracking", "seal_transaction", "check_seals", "row_digest",
    "Accumulator", "last_seal",
]

logger = logging.getLogger(__name__)

BOUND_TABLES: tuple[str, ...] = (
    "blobs", "sources", "captures", "capture_artefacts", "texts", "source_texts",
    "incidents", "incident_sources", "statistics", "edits", "merge_flags", "incident_origins",
    "source_profiles", "source_profile_changes", "testimonies", "testimony_files", "testimony_grants",
)
# a derived text's content is bound through its key: verify checks that the content hashes to it
SKIPPED_COLUMNS: Mapping[str, frozenset[str]] = {"texts": frozenset({"content"})}

_BITS = 2048
_MODULUS = 1 << _BITS
_CHUNK = 400
_DIRTY = "letopis_dirty"


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _key_columns(name: str) -> list[str]:
    return [c.name for c in _table(name).primary_key.columns]


def _key_sql(name: str, prefix: str = "", dialect: str = "sqlite") -> str:
    """SQL for a row's key as :func:`_key_of` writes it (a digest column as its hex, as Python sees it)."""
    parts = []
    for column in _table(name).primary_key.columns:
        ref = f"{prefix}{column.name}"
        if isinstance(column.type, Digest):
            parts.append(f"lower(hex({ref}))" if dialect == "sqlite" else f"encode({ref}, 'hex')")
        else:
            parts.append(f"CAST({ref} AS TEXT)")
    return " || '|' || ".join(parts)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_utc(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    raise TypeError(f"cannot seal a {type(value).__name__}")


def row_digest(name: str, row: Mapping[Any, Any]) -> str:
    skipped = SKIPPED_COLUMNS.get(name, frozenset())
    values = {k: v for k, v in row.items() if k not in skipped}
    blob = json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _key_of(name: str, row: Mapping[Any, Any]) -> str:
    return "|".join(str(row[c]) for c in _key_columns(name))


def _term(name: str, key: str, digest: str) -> int:
    return int.from_bytes(hashlib.shake_256(f"{name}\0{key}\0{digest}".encode()).digest(_BITS // 8), "big")


@dataclass
class Accumulator:
    value: int = 0
    rows: int = 0

    def add(self, name: str, key: str, digest: str) -> None:
        self.value = (self.value + _term(name, key, digest)) % _MODULUS
        self.rows += 1

    def remove(self, name: str, key: str, digest: str) -> None:
        self.value = (self.value - _term(name, key, digest)) % _MODULUS
        self.rows -= 1

    @property
    def root(self) -> str:
        return hashlib.sha256(self.value.to_bytes(_BITS // 8, "big")).hexdigest()

    def details(self, changed: int) -> dict[str, Any]:
        return {"acc": format(self.value, f"0{_BITS // 4}x"), "root": self.root, "rows": self.rows,
                "changed": changed}


# --------------------------------------------------------------- tracking


def _sqlite_ddl() -> Iterator[str]:
    yield f"CREATE TEMP TABLE IF NOT EXISTS {_DIRTY} (tbl TEXT NOT NULL, key TEXT NOT NULL)"
    for name in BOUND_TABLES:
        new, old = _key_sql(name, "NEW."), _key_sql(name, "OLD.")
        note = f"INSERT INTO {_DIRTY} VALUES ('{name}', "
        yield (f"CREATE TEMP TRIGGER IF NOT EXISTS {_DIRTY}_{name}_i AFTER INSERT ON main.{name} "
               f"BEGIN {note}{new}); END")
        yield (f"CREATE TEMP TRIGGER IF NOT EXISTS {_DIRTY}_{name}_u AFTER UPDATE ON main.{name} "
               f"BEGIN {note}{new}); {note}{old}); END")
        yield (f"CREATE TEMP TRIGGER IF NOT EXISTS {_DIRTY}_{name}_d AFTER DELETE ON main.{name} "
               f"BEGIN {note}{old}); END")


def install_tracking(connection: Connection) -> None:
    """Make this write session's connection note the rows it changes (cheap when already done)."""
    if connection.dialect.name == "sqlite":
        found = connection.exec_driver_sql(
            f"SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE '{_DIRTY}_%'").scalar()
        if found != 3 * len(BOUND_TABLES):
            for statement in _sqlite_ddl():
                connection.exec_driver_sql(statement)
        connection.exec_driver_sql(f"DELETE FROM temp.{_DIRTY}")
    else:
        connection.exec_driver_sql(
            f"CREATE TEMP TABLE IF NOT EXISTS {_DIRTY} (tbl TEXT NOT NULL, key TEXT NOT NULL) ON COMMIT DELETE ROWS")
        connection.exec_driver_sql(f"DELETE FROM pg_temp.{_DIRTY}")


def _dirty(session: Session) -> dict[str, set[str]]:
    schema = "temp" if session.get_bind().dialect.name == "sqlite" else "pg_temp"
    found: dict[str, set[str]] = {}
    for name, key in session.execute(text(f"SELECT DISTINCT tbl, key FROM {schema}.{_DIRTY}")):
        found.setdefault(name, set()).add(key)
    return found


# --------------------------------------------------------------- sealing


def last_seal(session: Session) -> CustodyEntry | None:
    return session.scalar(
        select(CustodyEntry).where(CustodyEntry.event == "seal").order_by(CustodyEntry.seq.desc()).limit(1))


def _accumulator_of(entry: CustodyEntry | None) -> Accumulator | None:
    if entry is None:
        return None
    details = json.loads(entry.details)
    return Accumulator(int(details["acc"], 16), int(details["rows"]))


def _current_rows(session: Session, name: str, keys: Sequence[str]) -> dict[str, str]:
    dialect = session.get_bind().dialect.name
    condition = text(f"({_key_sql(name, dialect=dialect)}) IN :keys").bindparams(bindparam("keys", expanding=True))
    statement = select(_table(name)).where(condition)
    found: dict[str, str] = {}
    for i in range(0, len(keys), _CHUNK):
        for row in session.execute(statement, {"keys": list(keys[i : i + _CHUNK])}).mappings():
            found[_key_of(name, row)] = row_digest(name, row)
    return found


def _sealed_rows(session: Session, name: str, keys: Sequence[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for i in range(0, len(keys), _CHUNK):
        chunk = keys[i : i + _CHUNK]
        statement = select(RowSeal.key, RowSeal.digest).where(RowSeal.tbl == name, RowSeal.key.in_(chunk))
        found.update({k: d for k, d in session.execute(statement)})
    return found


def _all_rows(session: Session, name: str) -> Iterator[tuple[str, str]]:
    statement = select(_table(name)).execution_options(yield_per=500)
    for row in session.execute(statement).mappings():
        yield _key_of(name, row), row_digest(name, row)


def _write_seals(session: Session, name: str, sealed: Sequence[str], rows: Mapping[str, str], seq: int) -> None:
    """The seals of ``name``: those of the ``sealed`` keys (the rows that had one) dropped, ``rows`` written."""
    keys = sorted(sealed)  # a new row has no seal to drop
    for i in range(0, len(keys), _CHUNK):
        session.execute(delete(RowSeal).where(RowSeal.tbl == name, RowSeal.key.in_(keys[i : i + _CHUNK])))
    values = [{"tbl": name, "key": k, "digest": d, "seq": seq} for k, d in rows.items()]
    for i in range(0, len(values), _CHUNK * 5):
        session.execute(table_of(RowSeal).insert(), values[i : i + _CHUNK * 5])


def seal_transaction(session: Session) -> None:
    """Fold the rows this transaction changed into a ``seal`` custody event (none when it changed none)."""
    from letopis.evidence.custody import append_event, lock_log

    session.flush()
    dirty = _dirty(session)
    if not dirty:
        return
    lock_log(session)
    previous = last_seal(session)
    acc = _accumulator_of(previous)
    if acc is None:  # the first seal of this database: every row as it is now
        dirty = {name: {k for k, _ in _all_rows(session, name)} | set(dirty.get(name, ())) for name in BOUND_TABLES}
        acc = Accumulator()
        session.execute(delete(RowSeal))
    seq = _next_seq(session)
    changed = 0
    for name in sorted(dirty):
        keys = sorted(dirty[name])
        now, before = _current_rows(session, name, keys), _sealed_rows(session, name, keys)
        for key, digest in before.items():
            acc.remove(name, key, digest)
        for key, digest in now.items():
            acc.add(name, key, digest)
        changed += sum(1 for k in keys if now.get(k) != before.get(k))
        _write_seals(session, name, list(before), now, seq)
    session.execute(text(f"DELETE FROM {'temp' if session.get_bind().dialect.name == 'sqlite' else 'pg_temp'}"
                         f".{_DIRTY}"))
    entry = append_event(session, "seal", "state", "letopis", acc.details(changed))
    if entry.seq != seq:
        raise RuntimeError("custody log moved while sealing")


def _next_seq(session: Session) -> int:
    newest = session.scalar(select(CustodyEntry.seq).order_by(CustodyEntry.seq.desc()).limit(1))
    return 1 if newest is None else newest + 1


# --------------------------------------------------------------- checking


def check_seals(session: Session) -> list[Problem]:
    """Every bound row against its seal, and the seals against the newest ``seal`` custody event."""
    entry = last_seal(session)
    expected = _accumulator_of(entry)
    problems: list[Problem] = []
    acc = Accumulator()
    for name in BOUND_TABLES:
        sealed = {k: (d, s) for k, d, s in session.execute(
            select(RowSeal.key, RowSeal.digest, RowSeal.seq).where(RowSeal.tbl == name))}
        for key, (digest, _seq) in sealed.items():
            acc.add(name, key, digest)
        for key, digest in _all_rows(session, name):
            seal = sealed.pop(key, None)
            if seal is None:
                problems.append(Problem("row-unsealed", f"{name} {key}", "row added outside Letopis (no seal)"))
            elif seal[0] != digest:
                problems.append(Problem("row-altered", f"{name} {key}",
                                        f"row differs from the state sealed at custody seq {seal[1]}"))
        for key in sorted(sealed):
            problems.append(Problem("row-deleted", f"{name} {key}",
                                    f"row sealed at custody seq {sealed[key][1]} is gone"))
    stray = session.scalar(select(RowSeal.tbl).where(RowSeal.tbl.not_in(BOUND_TABLES)).limit(1))
    if stray is not None:
        problems.append(Problem("seals-altered", "row_seals", f"seals of an unknown table {stray!r}"))
    if expected is None:
        if acc.rows:
            problems.append(Problem("seals-altered", "row_seals", "rows are sealed but the log holds no seal"))
    elif (acc.value, acc.rows) != (expected.value, expected.rows):
        assert entry is not None
        problems.append(Problem(
            "seals-altered", "row_seals",
            f"the row seals ({acc.rows} rows) do not sum to the seal of custody seq {entry.seq} "
            f"({expected.rows} rows): rows and their seals were changed together"))
    return problems



register_write_hooks(install_tracking, seal_transaction)
