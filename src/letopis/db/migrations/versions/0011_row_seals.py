"""Row seals: ``row_seals`` (one digest per row of the tables ``verify`` binds to the custody log),
the custody event ``seal`` and, on PostgreSQL, the triggers that note which rows a Letopis session
changed (SQLite uses temporary triggers on Letopis's own connections instead). See ``docs/verify.md``.

Revision ID: 0011_row_seals
Revises: 0010_api_keys
Create Date: 2026-12-02
"""

from __future__ import annotations

import importlib

import sqlalchemy as sa
from alembic import op

revision: str = "0011_row_seals"
down_revision: str | None = "0010_api_keys"
branch_labels: str | None = None
depends_on: str | None = None

_testimonies = importlib.import_module("letopis.db.migrations.versions.0002_testimonies")
OLD_EVENTS = _testimonies.NEW_EVENTS
NEW_EVENTS = OLD_EVENTS + ", 'seal'"

# kept here, not imported: a migration must not change when the code does
BOUND = {
    "blobs": ("sha256",), "sources": ("id",), "captures": ("id",), "capture_artefacts": ("id",),
    "texts": ("sha256",), "source_texts": ("source_id", "text_sha256"), "incidents": ("id",),
    "incident_sources": ("id",), "statistics": ("id",), "edits": ("id",), "merge_flags": ("id",),
    "incident_origins": ("id",), "source_profiles": ("id",), "source_profile_changes": ("id",),
    "testimonies": ("id",), "testimony_files": ("id",), "testimony_grants": ("id",),
}

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION letopis_note_row() RETURNS trigger AS $$
DECLARE
    k text;
    i integer;
    r jsonb;
BEGIN
    IF to_regclass('pg_temp.letopis_dirty') IS NULL THEN
        RETURN NULL;
    END IF;
    FOREACH r IN ARRAY (CASE TG_OP WHEN 'INSERT' THEN ARRAY[to_jsonb(NEW)]
                                   WHEN 'DELETE' THEN ARRAY[to_jsonb(OLD)]
                                   ELSE ARRAY[to_jsonb(NEW), to_jsonb(OLD)] END) LOOP
        k := NULL;
        FOR i IN 0 .. TG_NARGS - 1 LOOP
            k := CASE WHEN k IS NULL THEN r ->> TG_ARGV[i] ELSE k || '|' || (r ->> TG_ARGV[i]) END;
        END LOOP;
        EXECUTE 'INSERT INTO pg_temp.letopis_dirty (tbl, key) VALUES ($1, $2)' USING TG_TABLE_NAME, k;
    END LOOP;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    op.create_table(
        "row_seals",
        sa.Column("tbl", sa.String(64), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tbl", "key", name=op.f("pk_row_seals")),
    )
    _testimonies._custody_events(OLD_EVENTS, NEW_EVENTS)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        for table, keys in BOUND.items():
            arguments = ", ".join(f"'{k}'" for k in keys)
            op.execute(f"CREATE TRIGGER letopis_note_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                       f"FOR EACH ROW EXECUTE FUNCTION letopis_note_row({arguments})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in BOUND:
            op.execute(f"DROP TRIGGER IF EXISTS letopis_note_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS letopis_note_row()")
    sealed = op.get_bind().execute(sa.text("SELECT count(*) FROM custody_log WHERE event = 'seal'")).scalar()
    if sealed:  # the log is append-only: its seal entries stay, and so does the event they need
        raise RuntimeError(f"cannot downgrade below 0010: the custody log holds {sealed} seal entries")
    _testimonies._custody_events(NEW_EVENTS, OLD_EVENTS)
    op.drop_table("row_seals")
