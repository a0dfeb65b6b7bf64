"""The ingest's bookkeeping: which items of a collection are done, and which were started and never finished.

An item is marked ``done`` in the transaction that writes it, so a re-run
skips exactly the committed ones (``docs/storage.md``).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from letopis.db.later import Later
from letopis.db.models import IngestItem
from letopis.db.statements import mark_item_statement
from letopis.db.types import utc_now

__all__ = ["done_items", "done_among", "unfinished_items", "mark_item"]


def done_items(session: Session, collection: str) -> set[str]:
    """Items of ``collection`` whose writes committed (skip them on a re-run)."""
    return set(
        session.scalars(select(IngestItem.item).where(IngestItem.collection == collection, IngestItem.state == "done"))
    )


def unfinished_items(session: Session, collection: str) -> set[str]:
    """Items marked ``started`` or ``failed`` but never ``done`` (redo them)."""
    return set(
        session.scalars(
            select(IngestItem.item).where(IngestItem.collection == collection, IngestItem.state != "done")
        )
    )


def done_among(session: Session, collection: str, items: Sequence[str]) -> set[str]:
    """Which of ``items`` are done (one query per 500; no set of the whole collection in memory)."""
    found: set[str] = set()
    unique = list(dict.fromkeys(items))
    table = IngestItem.__table__.c
    connection = session.connection()
    for i in range(0, len(unique), 500):
        chunk = unique[i : i + 500]
        found.update(
            connection.execute(
                select(table.item).where(table.collection == collection, table.item.in_(chunk), table.state == "done")
            ).scalars()
        )
    return found


def mark_item(
    session: Session,
    collection: str,
    item: str,
    state: str,
    *,
    source_id: int | None = None,
    detail: str | None = None,
    later: Later | None = None,
) -> None:
    """Upsert the state of one item (one statement, or none with ``later``).

    Mark ``done`` inside the item's own transaction.
    """
    row = {"collection": collection, "item": item, "state": state, "source_id": source_id, "detail": detail,
           "updated_at": utc_now()}
    if later is not None:
        later.add("ingest_items", row)
        return
    session.flush()
    session.connection().execute(mark_item_statement(session), row)
