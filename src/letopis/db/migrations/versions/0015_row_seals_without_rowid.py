"""Row seals without a rowid on SQLite: ``row_seals`` is kept in its primary key's b-tree alone.

A rowid table with a composite primary key keeps every (tbl, key) twice: in
the table and in its automatic unique index (at 20,000 ingested messages
19 MB of table and 8.5 MB of index, issue 12). ``WITHOUT ROWID`` keeps the
rows in the key's order once. Same columns, same key, same contents;
PostgreSQL is unchanged.

Revision ID: 0015_row_seals_without_rowid
Revises: 0014_search_terms
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision: str = "0015_row_seals_without_rowid"
down_revision: str | None = "0014_search_terms"
branch_labels: str | None = None
depends_on: str | None = None


def _rebuild(without_rowid: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    suffix = " WITHOUT ROWID" if without_rowid else ""
    op.execute(
        "CREATE TABLE row_seals_new (tbl VARCHAR(64) NOT NULL, key TEXT NOT NULL, digest VARCHAR(64) NOT NULL, "
        f"seq INTEGER NOT NULL, CONSTRAINT pk_row_seals PRIMARY KEY (tbl, key)){suffix}"
    )
    op.execute("INSERT INTO row_seals_new (tbl, key, digest, seq) SELECT tbl, key, digest, seq FROM row_seals")
    op.execute("DROP TABLE row_seals")
    op.execute("ALTER TABLE row_seals_new RENAME TO row_seals")


def upgrade() -> None:
    _rebuild(without_rowid=True)


def downgrade() -> None:
    _rebuild(without_rowid=False)
