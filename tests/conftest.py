"""Database fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL: ``LETOPIS_TEST_POSTGRES_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``) names an admin
connection; each test gets a fresh, uniquely named database created there
and dropped afterwards. When the server cannot be reached the PostgreSQL
tests fail under ``CI=true`` and are skipped otherwise.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def _psycopg_kwargs(url: Any) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "host": url.host or "127.0.0.1",
        "port": url.port or 5432,
        "user": url.username or "postgres",
        "dbname": url.database or "postgres",
        "connect_timeout": 5,
    }
    if url.password:
        kwargs["password"] = url.password
    return kwargs


@pytest.fixture(scope="session")
def postgres_admin_url() -> Any:
    """The admin URL, checked reachable once per session."""
    from sqlalchemy.engine import make_url

    raw = os.environ.get("LETOPIS_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    url = make_url(raw)
    try:
        import psycopg

        with psycopg.connect(**_psycopg_kwargs(url)) as connection:
            connection.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure means "no server"
        message = (
            f"PostgreSQL test server unreachable at {url.render_as_string(hide_password=True)}: {error}. "
            "Start it or set LETOPIS_TEST_POSTGRES_URL."
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database: SQLite in tmp_path, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite+pysqlite:///{tmp_path / 'letopis.sqlite3'}"
        return

    import psycopg
    from psycopg import sql

    admin = request.getfixturevalue("postgres_admin_url")
    name = f"letopis_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(**_psycopg_kwargs(admin), autocommit=True) as connection:
        connection.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(sql.Identifier(name))
        )
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(**_psycopg_kwargs(admin), autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def database(database_url: str) -> Iterator[Any]:
    """An open, migrated :class:`letopis.db.Database` on each backend."""
    from letopis.db import open_database

    db = open_database(database_url)
    try:
        yield db
    finally:
        db.dispose()
