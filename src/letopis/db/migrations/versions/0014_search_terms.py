"""SQLite: ``incident_search_terms``, every word of the search documents, so a prefix is asked as its words.

FTS5 gathers all postings of a prefix query's words before it reads the
first match (10-80 ms for a common word at a million incidents); the words a
prefix begins, asked by name, are read lazily and a page stops early. The
table holds the words of the documents' ``body`` column, taken from the index
itself (``fts5vocab``); ``letopis.db.search_terms`` keeps it as documents are
written. PostgreSQL: nothing (its GIN index reads prefixes itself).

Revision ID: 0014_search_terms
Revises: 0013_information_grades
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision: str = "0014_search_terms"
down_revision: str | None = "0013_information_grades"
branch_labels: str | None = None
depends_on: str | None = None

# kept here, not imported: a migration must not change when the code does (letopis.db.search_terms has the same)
SQLITE_TERMS = "CREATE TABLE incident_search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(SQLITE_TERMS)
    op.execute("CREATE VIRTUAL TABLE temp.incident_search_vocab USING fts5vocab(main, incident_search, col)")
    op.execute("INSERT INTO incident_search_terms (term) "
               "SELECT DISTINCT term FROM temp.incident_search_vocab WHERE col = 'body'")
    op.execute("DROP TABLE temp.incident_search_vocab")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE incident_search_terms")
