"""Opening a data directory: its database and evidence store, plain or encrypted.

Every command that touches stored data opens them here, so that the choices
(SQLite in the data directory or PostgreSQL by URL; plain or encrypted with a
passphrase) are made once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from letopis.config import Config
from letopis.crypto import MasterKey
from letopis.crypto.store import OpenStore, init_store, open_store
from letopis.db import Database
from letopis.errors import NotInitialised
from letopis.evidence import ObjectStore

MARKER = "letopis.toml"


@dataclass
class Workspace:
    config: Config
    opened: OpenStore

    @property
    def db(self) -> Database:
        return self.opened.db

    @property
    def store(self) -> ObjectStore:
        return self.opened.objects

    @property
    def master(self) -> MasterKey | None:
        return self.opened.master

    def close(self) -> None:
        self.opened.close()


def init_workspace(config: Config, *, encrypt: bool = False,
                   passphrase: str | None = None) -> tuple[Workspace, bool, str | None]:
    """Create the data directory, database and evidence folder.

    Returns (workspace, created?, recovery key to print once or None).
    """
    existed = is_workspace(config.data)
    if existed and not encrypt:
        return open_workspace(config, passphrase=passphrase), False, None
    result = init_store(config.data, encrypt=encrypt, passphrase=passphrase,
                        database_url=config.database_url)
    marker = config.data / MARKER
    if not marker.exists():
        marker.write_text("# Letopis data directory settings (see docs/configuration.md)\n",
                          encoding="utf-8")
    return Workspace(config, result.store), True, result.recovery_key


def open_workspace(config: Config, *, passphrase: str | None = None,
                   master: MasterKey | None = None) -> Workspace:
    if not is_workspace(config.data):
        raise NotInitialised(f"no Letopis data directory at {config.data} (run `letopis init` first, "
                             "or point --data / LETOPIS_DATA at one)")
    return Workspace(config, open_store(config, passphrase=passphrase, master=master))


def is_workspace(data: Path) -> bool:
    return (data / MARKER).is_file() and (data / "evidence").is_dir()
