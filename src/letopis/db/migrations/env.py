"""Alembic environment: run against the engine handed in by letopis.db.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from letopis.db.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if not isinstance(engine, Engine):
        raise RuntimeError("run migrations through letopis.db.migrate.upgrade(engine)")
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                # Concurrent openers of a fresh database migrate one at a time.
                connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7262370011)")
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():  # pragma: no cover
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
