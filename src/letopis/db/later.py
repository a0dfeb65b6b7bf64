"""Rows whose INSERT can wait until just before the transaction commits (:class:`Later`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from letopis.db.models import CaptureArtefact, DerivedText, IncidentSource, SourceText
from letopis.db.statements import insert_ignore_statement, mark_item_statement, table_of

__all__ = ["Later"]


class Later:
    """Rows whose INSERT can wait until just before the transaction commits.

    Rows nothing reads back while the transaction is open (a capture's
    artefacts, derived texts, custody entries, supporting-source links, the
    ingest bookkeeping) are collected here and written with one executemany
    per table by :meth:`flush`, in foreign-key order. :meth:`mark` and
    :meth:`rollback` drop what was added since a savepoint that rolled back.
    Flush before reading any of these tables, and before commit.
    """

    ORDER = ("texts", "source_texts", "capture_artefacts", "incident_sources", "custody_log", "ingest_items")

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in self.ORDER}

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows[table].append(row)

    def __len__(self) -> int:
        return sum(len(rows) for rows in self.rows.values())

    def mark(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.rows.items()}

    def rollback(self, mark: dict[str, int]) -> None:
        for name, rows in self.rows.items():
            del rows[mark[name]:]

    def flush(self, session: Session) -> None:
        connection = session.connection()
        for name in self.ORDER:
            rows = self.rows[name]
            if not rows:
                continue
            if name == "texts":
                unique = list({r["sha256"]: r for r in reversed(rows)}.values())
                connection.execute(insert_ignore_statement(session, DerivedText, ["sha256"]), unique)
            elif name == "source_texts":
                unique = list({(r["source_id"], r["text_sha256"]): r for r in rows}.values())
                connection.execute(insert_ignore_statement(session, SourceText, ["source_id", "text_sha256"]), unique)
            elif name == "ingest_items":  # the last state of an item wins
                unique = list({(r["collection"], r["item"]): r for r in rows}.values())
                connection.execute(mark_item_statement(session), unique)
            else:
                model = {"capture_artefacts": CaptureArtefact, "incident_sources": IncidentSource}.get(name)
                table = table_of(model) if model is not None else _custody_table()
                connection.execute(table.insert(), rows)
            rows.clear()


def _custody_table() -> Any:
    from letopis.db.models import CustodyEntry

    return CustodyEntry.__table__
