"""Opening the database: URL or path → migrated :class:`Database`.

SQLite (the default) is a file in the data directory, opened with WAL,
foreign keys on, a busy timeout and ``synchronous=FULL``. Write sessions
start with ``BEGIN IMMEDIATE`` so that a transaction that reads and then
writes (the custody log's append) never fails half-way on a lock upgrade;
read sessions use a deferred ``BEGIN`` and do not block writers under WAL.
PostgreSQL is used when a ``postgresql+psycopg://`` URL is given.

With ``sqlcipher_key`` (32 raw bytes, from :mod:`letopis.crypto`) a SQLite
database is opened with SQLCipher (``sqlite+pysqlcipher``, the ``sqlcipher3``
driver): every page, of the file and of its WAL, is encrypted; temporary
tables stay in memory and deleted content is overwritten (``secure_delete``).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from letopis.errors import DatabaseKeyError

__all__ = [
    "Database", "open_database", "create_db_engine", "DEFAULT_FILENAME", "BUSY_TIMEOUT_MS", "DatabaseKeyError",
    "damage_of", "register_write_hooks", "WRITE_HOOKS",
]

logger = logging.getLogger(__name__)

DEFAULT_FILENAME = "letopis.sqlite3"
BUSY_TIMEOUT_MS = 30_000
_BEGIN_OPTION = "letopis_sqlite_begin"


def _to_url(target: str | Path | URL) -> URL:
    if isinstance(target, URL):
        return target
    if isinstance(target, str) and "://" in target:
        url = make_url(target)
        if url.drivername == "postgresql":  # plain postgresql:// means psycopg 3 here
            url = url.set(drivername="postgresql+psycopg")
        return url
    path = Path(target).expanduser()
    if path.is_dir():
        path = path / DEFAULT_FILENAME
    path.parent.mkdir(parents=True, exist_ok=True)
    return URL.create("sqlite+pysqlite", database=str(path.resolve()))


def _configure_sqlite(engine: Engine, *, encrypted: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let us (not the driver) decide where transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if encrypted:  # the key PRAGMA ran first (the pysqlcipher dialect's own connect hook)
                cursor.execute("PRAGMA cipher_log_level = NONE")  # a wrong key must not spill log lines on stderr
                cursor.execute("PRAGMA temp_store = MEMORY")
                cursor.execute("PRAGMA secure_delete = ON")
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def _sqlcipher_url(url: URL, key: bytes) -> URL:
    if len(key) != 32:
        raise ValueError("a SQLCipher key is 32 raw bytes")
    # The dialect runs  PRAGMA key="<password>";  x'<hex>' is SQLCipher's raw-key form (no KDF per connection).
    return url.set(drivername="sqlite+pysqlcipher", password=f"x'{key.hex()}'")


def _json_text(value: Any) -> str:
    """JSON columns on SQLite as UTF-8 text, not ``\\uXXXX`` escapes: a Cyrillic letter takes 2 bytes, not 6
    (a supporting source's ``record`` went from 1.6 KB to about 0.7). Read back the same either way, so rows
    written before read and seal as they did (seals hash the values, not the text)."""
    return json.dumps(value, ensure_ascii=False)


def create_db_engine(target: str | Path | URL, *, sqlcipher_key: bytes | None = None, **kwargs: Any) -> Engine:
    """An engine configured for Letopis (no migration)."""
    url = _to_url(target)
    if url.get_backend_name() == "sqlite":
        if sqlcipher_key is not None:
            url = _sqlcipher_url(url, sqlcipher_key)
            kwargs.setdefault("poolclass", QueuePool)  # the dialect's default is one connection per thread
            kwargs.setdefault("pool_use_lifo", True)  # reuse the warm connection: its page cache holds decrypted pages
        kwargs.setdefault("json_serializer", _json_text)
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine, encrypted=sqlcipher_key is not None)
        return engine
    if sqlcipher_key is not None:
        logger.debug("sqlcipher_key ignored for %s (fields are encrypted by the application)", url.get_backend_name())
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


# Hooks every write session runs, registered by the layers above (``letopis.evidence.seal`` registers the
# row seals when ``letopis.evidence`` is imported); shared lists, so a hook registered later applies too.
WRITE_HOOKS: dict[str, list[Any]] = {"on_begin": [], "before_commit": []}


def register_write_hooks(on_begin: Callable[[Connection], None], before_commit: Callable[[Session], None]) -> None:
    if on_begin not in WRITE_HOOKS["on_begin"]:
        WRITE_HOOKS["on_begin"].append(on_begin)
        WRITE_HOOKS["before_commit"].append(before_commit)


@dataclass
class Database:
    """An open, migrated database. Use :meth:`session` for every unit of work."""

    engine: Engine
    # run in every write session: ``on_begin`` when it starts its transaction, ``before_commit`` just before
    # commit (``letopis.evidence.seal`` notes changed rows and seals them to the custody log)
    on_begin: list[Callable[[Connection], None]] = field(default_factory=lambda: WRITE_HOOKS["on_begin"])
    before_commit: list[Callable[[Session], None]] = field(default_factory=lambda: WRITE_HOOKS["before_commit"])
    _write: sessionmaker[Session] = field(init=False, repr=False)
    _read: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        write_bind = self.engine
        if self.dialect == "sqlite":
            write_bind = self.engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
        self._write = sessionmaker(bind=write_bind, expire_on_commit=False)
        self._read = sessionmaker(bind=self.engine, expire_on_commit=False)
        event.listen(self._write, "after_begin", self._after_begin)

    def _after_begin(self, session: Session, _transaction: Any, connection: Connection) -> None:
        if session.info.get("letopis_began"):
            return
        session.info["letopis_began"] = True  # the hooks' own statements must not re-enter
        try:
            for hook in self.on_begin:
                hook(connection)
        finally:
            session.info["letopis_began"] = False

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> URL:
        return self.engine.url

    @contextmanager
    def session(self, *, readonly: bool = False) -> Iterator[Session]:
        """One transaction: committed on normal exit, rolled back on error.

        Everything that must be atomic (a source with its captures, texts,
        incidents, custody event and ingest bookkeeping) goes in one of these.
        Objects returned stay readable after the block (no expiry on commit).
        """
        factory = self._read if readonly else self._write
        with factory() as session:
            try:
                yield session
            except BaseException:
                session.rollback()
                raise
            if readonly:
                session.expunge_all()  # keep loaded objects readable, then end the read
                session.rollback()
            else:
                try:
                    for hook in self.before_commit:
                        hook(session)
                except BaseException:
                    session.rollback()
                    raise
                session.commit()

    def dispose(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.dispose()


_DAMAGE_SQLITE = ("malformed", "file is not a database", "disk i/o error", "database corrupt")
_DAMAGE_PG = ("XX001", "XX002")  # data_corrupted, index_corrupted


def damage_of(error: BaseException) -> str | None:
    """One line naming the damage when ``error`` says the database's files are damaged, else None."""
    orig = getattr(error, "orig", None) or error
    message = str(orig).splitlines()[0] if str(orig) else type(orig).__name__
    if isinstance(orig, sqlite3.DatabaseError) or type(orig).__module__.startswith("sqlcipher"):
        if any(marker in message.lower() for marker in _DAMAGE_SQLITE):
            return message
        return None
    if getattr(orig, "sqlstate", None) in _DAMAGE_PG:
        return message
    return None


def _check_key(engine: Engine) -> None:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT count(*) FROM sqlite_master"))
    except DatabaseError:
        engine.dispose()
        raise DatabaseKeyError(
            "the database does not open with this key "
            "(wrong key, or a plain database where an encrypted one was expected)"
        ) from None


def open_database(
    target: str | Path | URL, *, migrate: bool = True, sqlcipher_key: bytes | None = None, **engine_kwargs: Any
) -> Database:
    """Open (and by default create or upgrade) the database.

    ``target`` is a SQLAlchemy URL (``postgresql+psycopg://…``, ``sqlite:///…``),
    a path to a SQLite file, or a data directory (then ``letopis.sqlite3`` in it).
    ``sqlcipher_key`` (32 bytes) opens or creates a SQLite database encrypted
    with SQLCipher; it is ignored for PostgreSQL.
    """
    engine = create_db_engine(target, sqlcipher_key=sqlcipher_key, **engine_kwargs)
    if sqlcipher_key is not None and engine.dialect.name == "sqlite":
        _check_key(engine)
    if migrate:
        from letopis.db.migrate import upgrade

        upgrade(engine)
    logger.debug("opened database %s", engine.url.render_as_string(hide_password=True))
    return Database(engine)
