"""Statements the repository modules share: inserts that ignore or update on conflict, on either backend.

Helpers only (no rows of any subject of their own): the INSERT … ON CONFLICT
forms SQLite and PostgreSQL both understand, cached per dialect for
executemany, and small conversions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, cast

from sqlalchemy import CursorResult, Table, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from letopis.db.models import IngestItem

__all__ = ["insert_ignore", "insert_ignore_statement", "mark_item_statement", "table_of", "inserted_id", "iso_date"]


def insert_ignore(session: Session, model: type[Any], values: Mapping[str, Any], keys: Sequence[str]) -> None:
    """INSERT … ON CONFLICT (keys) DO NOTHING on either backend."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(model).values(**values).on_conflict_do_nothing(index_elements=list(keys))
    session.execute(statement)


_STATEMENTS: dict[tuple[str, str], Any] = {}


def table_of(model: type[Any]) -> Table:
    """A mapped class's table (``__table__`` is typed as a plain FromClause)."""
    return cast(Table, model.__table__)


def inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the row a single-row INSERT made."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def insert_ignore_statement(session: Session, model: type[Any], keys: Sequence[str]) -> Any:
    """A cached ``INSERT … ON CONFLICT (keys) DO NOTHING`` for executemany on either backend."""
    dialect = session.get_bind().dialect.name
    cache_key = (dialect, f"ignore:{model.__tablename__}:{','.join(keys)}")
    statement = _STATEMENTS.get(cache_key)
    if statement is None:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = insert(model.__table__).on_conflict_do_nothing(index_elements=list(keys))
        _STATEMENTS[cache_key] = statement
    return statement


def mark_item_statement(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    cache_key = (dialect, "mark_item")
    statement = _STATEMENTS.get(cache_key)
    if statement is None:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        base = insert(table_of(IngestItem))
        table = IngestItem.__table__.c
        statement = base.on_conflict_do_update(
            index_elements=["collection", "item"],
            set_={
                "state": base.excluded.state,
                "source_id": func.coalesce(base.excluded.source_id, table.source_id),
                "detail": base.excluded.detail,
                "updated_at": base.excluded.updated_at,
            },
        )
        _STATEMENTS[cache_key] = statement
    return statement


def iso_date(value: str | date | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()
