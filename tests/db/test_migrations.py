from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from letopis.db import open_database
from letopis.db.migrate import current_revision, downgrade, head_revision, upgrade
from letopis.db.models import Base

TABLES = {
    "blobs", "captures", "capture_artefacts", "sources", "texts", "source_texts", "incidents",
    "incident_sources", "statistics", "edits", "merge_flags", "custody_log", "ingest_items", "users",
}


def _schema_diff(db: Any) -> list[Any]:
    def include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        # the search table, the newest-first and the overview indexes are dialect-specific DDL in the migrations
        return not (name or "").startswith("incident_search") and not (
            type_ == "index" and (name or "").startswith(("ix_incident_search", "ix_incidents_newest",
                                                         "ix_incidents_points", "ix_incidents_periods"))
        )

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_object": include})
        return list(compare_metadata(context, Base.metadata))


def test_migrations_create_the_schema(database: Any) -> None:
    names = set(inspect(database.engine).get_table_names())
    assert TABLES <= names
    assert "incident_search" in names
    assert current_revision(database.engine) == head_revision()


def test_migrated_schema_matches_the_models(database: Any) -> None:
    assert _schema_diff(database) == []


def test_open_twice_is_idempotent(database_url: str) -> None:
    first = open_database(database_url)
    first.dispose()
    second = open_database(database_url)
    assert current_revision(second.engine) == head_revision()
    second.dispose()


def test_downgrade_and_upgrade_again(database: Any) -> None:
    downgrade(database.engine, "base")
    assert not TABLES & set(inspect(database.engine).get_table_names())
    upgrade(database.engine)
    assert TABLES <= set(inspect(database.engine).get_table_names())


def test_sqlite_pragmas(tmp_path: Any) -> None:
    db = open_database(tmp_path)  # a data directory: letopis.sqlite3 inside
    assert (tmp_path / "letopis.sqlite3").exists()
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        busy_timeout = connection.execute(text("PRAGMA busy_timeout")).scalar()
        assert busy_timeout is not None and busy_timeout >= 1000
    db.dispose()


def test_row_seals_move_to_a_table_without_rowid_and_back(tmp_path: Any) -> None:
    """0015 (SQLite): the seals are kept, in the key's b-tree alone; downgrading restores the rowid table."""
    db = open_database(tmp_path)
    try:
        downgrade(db.engine, "0014_search_terms")
        rows = [("blobs", "ab" * 32, "cd" * 32, 7), ("sources", "1", "ef" * 32, 8)]
        with db.engine.begin() as connection:
            for row in rows:
                connection.execute(text("INSERT INTO row_seals (tbl, key, digest, seq) VALUES (:t, :k, :d, :s)"),
                                   dict(zip("tkds", row, strict=True)))

        def shape() -> tuple[str, list[str], list[tuple[Any, ...]]]:
            with db.engine.connect() as connection:
                sql = connection.execute(text("SELECT sql FROM sqlite_master WHERE name = 'row_seals'")).scalar_one()
                indexes = list(connection.execute(text(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'row_seals'")).scalars())
                kept = [tuple(r) for r in connection.execute(text("SELECT * FROM row_seals ORDER BY tbl"))]
            return sql, indexes, kept

        sql, indexes, kept = shape()
        assert "WITHOUT ROWID" not in sql and indexes == ["sqlite_autoindex_row_seals_1"] and kept == rows
        upgrade(db.engine, "0015_row_seals_without_rowid")
        sql, indexes, kept = shape()
        assert "WITHOUT ROWID" in sql and indexes == [] and kept == rows
        downgrade(db.engine, "0014_search_terms")
        sql, indexes, kept = shape()
        assert "WITHOUT ROWID" not in sql and kept == rows
    finally:
        db.dispose()
