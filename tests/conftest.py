"""Database fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL: by default the session starts its own throwaway server
(:mod:`tests.postgres_server`: ``initdb`` in a temporary directory, a private
Unix socket, stopped and removed at the end) and changes no system
configuration; only the server binaries must be installed (Debian package
``postgresql``). ``LETOPIS_TEST_POSTGRES_URL`` instead names an admin
connection to an existing server. Either way each test gets a fresh, uniquely
named database, dropped afterwards. When no server can be had, the PostgreSQL
tests fail under ``CI=true`` and are skipped, with the reason, otherwise.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest

POSTGRES_URL_ENV = "LETOPIS_TEST_POSTGRES_URL"


def _psycopg_kwargs(url: Any) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "host": url.query.get("host") or url.host or "127.0.0.1",
        "port": url.port or 5432,
        "user": url.username or "postgres",
        "dbname": url.database or "postgres",
        "connect_timeout": 5,
    }
    if url.password:
        kwargs["password"] = url.password
    return kwargs


def _no_server(message: str) -> NoReturn:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[Any]:
    """The admin URL: of a private server started for this session, or ``LETOPIS_TEST_POSTGRES_URL``."""
    from sqlalchemy.engine import make_url

    from tests.postgres_server import ServerUnavailable, start_private_server

    server = None
    raw = os.environ.get(POSTGRES_URL_ENV)
    if not raw:
        try:
            server = start_private_server()
        except ServerUnavailable as error:
            _no_server(f"PostgreSQL tests need a server: {error}")
        raw = server.url
    url = make_url(raw)
    try:
        try:
            import psycopg

            with psycopg.connect(**_psycopg_kwargs(url)) as connection:
                connection.execute("SELECT 1")
        except Exception as error:  # noqa: BLE001 - any failure means "no server"
            _no_server(
                f"PostgreSQL test server unreachable at {url.render_as_string(hide_password=True)}: {error}. "
                f"Start it, or unset {POSTGRES_URL_ENV} to let the tests start their own."
            )
        yield url
    finally:
        if server is not None:
            server.stop()


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
