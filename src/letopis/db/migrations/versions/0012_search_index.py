"""Indexes in the order incident lists are read, one per common filter, for stores of a million incidents.

``search_incidents`` pages by ``date_start DESC NULLS LAST, id DESC`` and
leaves merged incidents out. Each index here holds only the incidents not
merged into another (a partial index, ``WHERE merged_into IS NULL``) in that
order, led by the column of one filter (none, ``event_type``, ``admin1``), and
ends with the columns the other filters test (``date_end``, …), so a page is a
walk down one index that stops after a page, and a capped count reads the
index alone, not the table. The date-range filter also bounds ``date_start``
from below (a span is at most 366 days long), which makes it a range of the
index. Not declared on the model: the spellings differ by dialect (see
``tests/db/test_migrations.py``).

SQLite: the full-text table is rebuilt so that each document's rowid is its
incident's place in that order — ``(day number of date_start) << 32 | id``,
0 for the day when undated — and a second column ``facets`` holds the
incident's type, region, status, the months its date touches and whether it
is merged, as words no typed query can match (see ``letopis.db.fts.facets``).
FTS5 reads matches in rowid order, so a search reads its newest page first
and stops, and applies the filters itself; ``incident_search_keys`` maps an
incident to its document's rowid. The documents are carried over as they are
(about a minute per million incidents).

Revision ID: 0012_search_index
Revises: 0011_row_seals
Create Date: 2026-12-02
"""

from __future__ import annotations

from datetime import date
from typing import Any

from alembic import op
from sqlalchemy import text

revision: str = "0012_search_index"
down_revision: str | None = "0011_row_seals"
branch_labels: str | None = None
depends_on: str | None = None

# name: (leading columns, trailing columns) around the newest-first order
INDEXES = {
    "ix_incidents_newest_live": ((), ("date_end", "event_type", "admin1", "status")),
    "ix_incidents_newest_type": (("event_type",), ("date_end", "admin1", "status")),
    "ix_incidents_newest_admin1": (("admin1",), ("date_end", "event_type", "status")),
}


# kept here, not imported: a migration must not change when the code does (letopis.db.fts has the same)
SQLITE_FTS = "CREATE VIRTUAL TABLE incident_search USING fts5({columns}, tokenize = 'unicode61 remove_diacritics 0')"
SQLITE_KEYS = "CREATE TABLE incident_search_keys (incident_id INTEGER PRIMARY KEY, key INTEGER NOT NULL)"
ID_BITS = 32
BATCH = 5000


def _day_number(value: str | None) -> int:
    try:
        return date.fromisoformat(value).toordinal() if value else 0
    except ValueError:
        return 0


def _months(date_start: str | None, date_end: str | None) -> list[str]:
    if not date_start or not date_end:
        return []
    try:
        year, month = int(date_start[:4]), int(date_start[5:7])
        last = (int(date_end[:4]), int(date_end[5:7]))
    except ValueError:
        return []
    months: list[str] = []
    while (year, month) <= last and len(months) < 24:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _facets(r: Any) -> str:
    months = [("m", m) for m in _months(r.date_start, r.date_end)]
    values = [("t", r.event_type), ("r", r.admin1), ("s", r.status), *months]
    words = ["\ue000" + kind + value.encode("utf-8").hex() for kind, value in values if value]
    if r.merged_into is None:
        words.append("\ue000live")
    return " ".join(words)


def _copy(connection: Any, select_sql: str, insert_sql: str, row: Any) -> None:
    """Every row of ``select_sql``, turned by ``row`` into the parameters of ``insert_sql``, a batch at a time."""
    last = -1
    while True:
        rows = connection.execute(text(select_sql), {"after": last, "batch": BATCH}).all()
        if not rows:
            return
        connection.execute(text(insert_sql), [row(r) for r in rows])
        last = rows[-1][0]


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    order = "date_start DESC NULLS LAST, id DESC" if postgresql else "date_start DESC, id DESC"
    for name, (leading, trailing) in INDEXES.items():
        columns = ", ".join([*leading, order, *trailing])
        op.execute(f"CREATE INDEX {name} ON incidents ({columns}) WHERE merged_into IS NULL")
    if not postgresql:
        _upgrade_sqlite()


def _upgrade_sqlite() -> None:
    connection = op.get_bind()
    op.execute("ALTER TABLE incident_search RENAME TO incident_search_old")
    op.execute(SQLITE_FTS.format(columns="body, facets"))
    op.execute(SQLITE_KEYS)

    def keyed(r: Any) -> dict[str, Any]:
        return {"id": r.id, "key": (_day_number(r.date_start) << ID_BITS) | r.id, "body": r.body,
                "facets": _facets(r)}

    _copy(connection,
          "SELECT o.rowid AS id, o.body, i.date_start, i.date_end, i.event_type, i.admin1, i.status, i.merged_into "
          "FROM incident_search_old o "
          "JOIN incidents i ON i.id = o.rowid WHERE o.rowid > :after ORDER BY o.rowid LIMIT :batch",
          "INSERT INTO incident_search (rowid, body, facets) VALUES (:key, :body, :facets);", keyed)
    op.execute("INSERT INTO incident_search_keys (incident_id, key) "
               "SELECT rowid & 4294967295, rowid FROM incident_search")
    op.execute("DROP TABLE incident_search_old")


def downgrade() -> None:
    for name in INDEXES:
        op.execute(f"DROP INDEX {name}")
    if op.get_bind().dialect.name == "postgresql":
        return
    op.execute("ALTER TABLE incident_search RENAME TO incident_search_new")
    op.execute(SQLITE_FTS.format(columns="body"))
    op.execute("INSERT INTO incident_search (rowid, body) SELECT rowid & 4294967295, body FROM incident_search_new")
    op.execute("DROP TABLE incident_search_new")
    op.execute("DROP TABLE incident_search_keys")
