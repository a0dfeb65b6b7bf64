"""Running the Alembic migrations shipped in :mod:`letopis.db.migrations`.

No ``alembic.ini``: the configuration is built here. Developers add a
revision with::

    python -m letopis.db.migrate revision -m "what changed"
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

__all__ = ["alembic_config", "upgrade", "downgrade", "current_revision", "head_revision"]

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", str(MIGRATIONS_DIR / "versions"))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (default: the newest)."""
    before = current_revision(engine)
    if engine.dialect.name == "sqlite":
        # Take the write lock up front so concurrent openers queue, not fail.
        engine = engine.execution_options(letopis_sqlite_begin="IMMEDIATE")
    command.upgrade(alembic_config(engine), revision)
    after = current_revision(engine)
    if before != after:
        logger.info("database schema upgraded %s -> %s", before, after)


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _main(argv: list[str]) -> int:  # pragma: no cover - developer tool
    if len(argv) >= 1 and argv[0] == "revision":
        message = argv[argv.index("-m") + 1] if "-m" in argv else "change"
        command.revision(alembic_config(), message=message)
        return 0
    logger.error("usage: python -m letopis.db.migrate revision -m MESSAGE")
    return 2


if __name__ == "__main__":  # pragma: no cover
    logging.basicConfig(level=logging.INFO)
    sys.exit(_main(sys.argv[1:]))
