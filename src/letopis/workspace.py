"""Opening a data directory: its database and its evidence store, together.

Every command that touches stored data opens them here, so that the choice
between SQLite in the data directory and PostgreSQL by URL is made once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from letopis.config import Config
from letopis.db import Database, open_database
from letopis.evidence import ObjectStore

MARKER = "letopis.toml"


class NotInitialised(ValueError):
    pass


@dataclass
class Workspace:
    config: Config
    db: Database
    store: ObjectStore

    def close(self) -> None:
        self.db.dispose()


def init_workspace(config: Config) -> tuple[Workspace, bool]:
    """Create the data directory, database and evidence folder; (workspace, created?)."""
    existed = is_workspace(config.data)
    config.data.mkdir(parents=True, exist_ok=True)
    (config.data / "evidence").mkdir(exist_ok=True)
    marker = config.data / MARKER
    if not marker.exists():
        marker.write_text("# Letopis data directory settings (see docs/configuration.md)\n",
                          encoding="utf-8")
    return _open(config), not existed


def open_workspace(config: Config) -> Workspace:
    if not is_workspace(config.data):
        raise NotInitialised(f"no Letopis data directory at {config.data} (run `letopis init` first, "
                             "or point --data / LETOPIS_DATA at one)")
    return _open(config)


def is_workspace(data: Path) -> bool:
    return (data / MARKER).is_file() and (data / "evidence").is_dir()


def _open(config: Config) -> Workspace:
    target: str | Path = config.database_url or config.data
    return Workspace(config=config, db=open_database(target), store=ObjectStore.in_data_dir(config.data))
