"""Opening a data directory: plain, or encrypted with the keys of its keyring.

The one entry point for commands and the ingest orchestration::

    with open_store(config) as opened:        # asks for the passphrase if needed
        record_capture(opened.db, opened.objects, capture, collector=...)

For an encrypted data directory the database is SQLCipher (SQLite) with a
raw key derived from the master key, or PostgreSQL (then only the
testimony fields are encrypted, by the application), and the evidence store
uses :class:`EncryptedCodec` and :class:`KeyedNaming`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Protocol

from letopis.crypto.codec import EncryptedCodec, KeyedNaming
from letopis.crypto.keys import (
    KdfParams,
    create_keyring_with_master,
    is_encrypted,
    passphrase_from_env_or_prompt,
    unlock,
)
from letopis.crypto.primitives import SUBKEY_SQLCIPHER, MasterKey
from letopis.db import Database, open_database
from letopis.db.engine import DEFAULT_FILENAME, DatabaseKeyError
from letopis.errors import AlreadyInitialised, KeyringDamaged, NotEncrypted
from letopis.evidence.store import ObjectStore

__all__ = ["OpenStore", "InitResult", "open_store", "init_store", "unlock_data_dir", "sqlcipher_key"]

logger = logging.getLogger(__name__)

_SQLITE_MAGIC = b"SQLite format 3\x00"


class ConfigLike(Protocol):
    @property
    def data(self) -> Path: ...
    @property
    def database_url(self) -> str | None: ...


@dataclass
class OpenStore:
    """An open data directory: the database, the evidence store and (when encrypted) the master key."""

    data_dir: Path
    db: Database
    objects: ObjectStore
    master: MasterKey | None

    @property
    def encrypted(self) -> bool:
        return self.master is not None

    def close(self) -> None:
        self.objects.close()
        self.db.dispose()

    def __enter__(self) -> OpenStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


@dataclass(frozen=True)
class InitResult:
    store: OpenStore
    recovery_key: str | None  # print once; never stored by Letopis


def sqlcipher_key(master: MasterKey) -> bytes:
    return master.derive(SUBKEY_SQLCIPHER)


def _target(data_dir: Path, database_url: str | None) -> str | Path:
    return database_url or data_dir


def _sqlite_file(data_dir: Path, database_url: str | None) -> Path | None:
    return None if database_url else data_dir / DEFAULT_FILENAME


def _open(data_dir: Path, database_url: str | None, master: MasterKey | None, migrate: bool) -> OpenStore:
    data_dir.mkdir(parents=True, exist_ok=True)  # a missing directory would be taken for a SQLite file name
    if master is None:
        sqlite = _sqlite_file(data_dir, database_url)
        if sqlite is not None and sqlite.is_file() and sqlite.stat().st_size >= 16:
            with open(sqlite, "rb") as handle:
                if handle.read(16) != _SQLITE_MAGIC:
                    raise KeyringDamaged(
                        f"{sqlite} is encrypted but {data_dir}/keyring.json is missing: restore it from a backup"
                    )
        db = open_database(_target(data_dir, database_url), migrate=migrate)
        return OpenStore(data_dir, db, ObjectStore.in_data_dir(data_dir), None)
    try:
        db = open_database(_target(data_dir, database_url), migrate=migrate, sqlcipher_key=sqlcipher_key(master))
    except DatabaseKeyError:
        raise KeyringDamaged(
            f"the database in {data_dir} does not open with this keyring's key "
            "(a plain database, or another store's keyring)"
        ) from None
    objects = ObjectStore.in_data_dir(data_dir, naming=KeyedNaming(master), codec=EncryptedCodec(master))
    return OpenStore(data_dir, db, objects, master)


def unlock_data_dir(data_dir: Path | str, passphrase: str | None = None) -> MasterKey:
    """The master key of an encrypted data directory (passphrase from the argument,
    ``$LETOPIS_PASSPHRASE`` or the terminal)."""
    data_dir = Path(data_dir)
    if not is_encrypted(data_dir):
        raise NotEncrypted(f"{data_dir} is not an encrypted store")
    return unlock(data_dir, passphrase if passphrase is not None else passphrase_from_env_or_prompt())


def open_store(
    config: ConfigLike | Path | str,
    *,
    passphrase: str | None = None,
    master: MasterKey | None = None,
    database_url: str | None = None,
    migrate: bool = True,
) -> OpenStore:
    """Open a data directory (a :class:`~letopis.config.Config` or a path).

    Plain directory: plain database and store. Encrypted directory (has
    ``keyring.json``): unlocked with ``master``, else ``passphrase``, else
    ``$LETOPIS_PASSPHRASE`` or a prompt; raises :class:`WrongPassphrase`,
    :class:`NoPassphrase` (all :class:`CryptoError`, one line, exit 2).
    """
    if isinstance(config, (str, Path)):
        data_dir = Path(config).expanduser()
    else:
        data_dir = Path(config.data).expanduser()
        database_url = database_url or config.database_url
    if is_encrypted(data_dir) and master is None:
        master = unlock_data_dir(data_dir, passphrase)
    elif master is not None and not is_encrypted(data_dir):
        raise NotEncrypted(f"{data_dir} is not an encrypted store")
    return _open(data_dir, database_url, master, migrate)


def init_store(
    data_dir: Path | str,
    *,
    encrypt: bool,
    passphrase: str | None = None,
    database_url: str | None = None,
    kdf: KdfParams | None = None,
) -> InitResult:
    """Create a data directory; with ``encrypt`` also its keyring (returns the recovery key, to print once).

    Refuses to encrypt a directory that already holds a plain store (no
    in-place conversion yet) or to re-initialise an encrypted one.
    """
    data_dir = Path(data_dir).expanduser()
    if is_encrypted(data_dir):
        raise AlreadyInitialised(f"{data_dir} is already an encrypted store")
    if not encrypt:
        return InitResult(_open(data_dir, database_url, None, True), None)
    sqlite = _sqlite_file(data_dir, database_url)
    evidence = data_dir / "evidence"
    if (sqlite is not None and sqlite.exists()) or any(
        folder.is_dir() and any(folder.iterdir()) for folder in (evidence / "objects", evidence / "packs")
    ):
        raise AlreadyInitialised(
            f"{data_dir} already holds an unencrypted store; encrypt a new data directory and ingest again"
        )
    if passphrase is None:
        passphrase = passphrase_from_env_or_prompt(confirm=True, prompt="New passphrase: ")
    data_dir.mkdir(parents=True, exist_ok=True)
    _keyring, master, recovery = create_keyring_with_master(data_dir, passphrase, kdf=kdf)
    store = _open(data_dir, database_url, master, True)
    logger.info("initialised encrypted store in %s", data_dir)
    return InitResult(store, recovery)
