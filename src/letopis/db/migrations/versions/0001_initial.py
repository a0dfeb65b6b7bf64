"""Initial schema: evidence, sources, texts, incidents, statistics, custody log.

Revision ID: 0001
Revises:
Create Date: 2025-11-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from letopis.db.types import JSONType, UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

SHA = sa.String(64)
STATUS_CHECK = "status IN ('candidate', 'verified', 'rejected')"

SQLITE_CUSTODY_TRIGGERS = (
    "CREATE TRIGGER custody_log_no_update BEFORE UPDATE ON custody_log "
    "BEGIN SELECT RAISE(ABORT, 'custody_log is append-only: UPDATE refused'); END",
    "CREATE TRIGGER custody_log_no_delete BEFORE DELETE ON custody_log "
    "BEGIN SELECT RAISE(ABORT, 'custody_log is append-only: DELETE refused'); END",
)
# Full-text index (frozen copy of letopis.db.fts DDL at this revision).
SQLITE_FTS = (
    "CREATE VIRTUAL TABLE incident_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 0')",
)
POSTGRESQL_FTS = (
    "CREATE TABLE incident_search ("
    " incident_id INTEGER PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,"
    " body TEXT NOT NULL,"
    " tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, body)) STORED)",
    "CREATE INDEX ix_incident_search_tsv ON incident_search USING GIN (tsv)",
)
POSTGRESQL_CUSTODY_TRIGGERS = (
    "CREATE FUNCTION letopis_custody_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'custody_log is append-only: % refused', TG_OP "
    "USING ERRCODE = 'insufficient_privilege'; END $$",
    "CREATE TRIGGER custody_log_append_only BEFORE UPDATE OR DELETE ON custody_log "
    "FOR EACH ROW EXECUTE FUNCTION letopis_custody_log_append_only()",
    "CREATE TRIGGER custody_log_no_truncate BEFORE TRUNCATE ON custody_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION letopis_custody_log_append_only()",
)


def _timestamps(*names: str, nullable: bool = False) -> list[sa.Column[object]]:
    return [sa.Column(name, UTCDateTime(), nullable=nullable) for name in names]


def _location() -> list[sa.Column[object]]:
    return [
        sa.Column("location_name", sa.Text()),
        sa.Column("admin1", sa.String(255)),
        sa.Column("country", sa.String(2)),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("geo_precision", sa.Integer()),
    ]


def _dates() -> list[sa.Column[object]]:
    return [
        sa.Column("date", sa.String(10)),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("date_start", sa.String(10)),
        sa.Column("date_end", sa.String(10)),
    ]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name

    op.create_table(
        "blobs",
        sa.Column("sha256", SHA, nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(255), nullable=False),
        *_timestamps("created"),
        sa.PrimaryKeyConstraint("sha256", name="pk_blobs"),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("locator", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("original_sha256", SHA, nullable=False),
        *_timestamps("published", nullable=True),
        sa.Column("title", sa.Text()),
        sa.Column("language", sa.String(16)),
        *_timestamps("created"),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.ForeignKeyConstraint(["original_sha256"], ["blobs.sha256"], name="fk_sources_original_sha256_blobs"),
        sa.UniqueConstraint("locator", "original_sha256", name="uq_sources_locator_original"),
    )
    op.create_table(
        "captures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_kind", sa.String(64), nullable=False),
        sa.Column("locator", sa.Text(), nullable=False),
        sa.Column("final_url", sa.Text()),
        *_timestamps("started_at", "finished_at"),
        sa.Column("collector", sa.String(255), nullable=False),
        sa.Column("tool", sa.Text(), nullable=False),
        sa.Column("method", sa.String(255), nullable=False),
        sa.Column("parent_id", sa.Integer()),
        sa.Column("source_id", sa.Integer()),
        *_timestamps("published", nullable=True),
        sa.Column("title", sa.Text()),
        sa.Column("metadata", JSONType, nullable=False),
        sa.Column("error", sa.Text()),
        sa.PrimaryKeyConstraint("id", name="pk_captures"),
        sa.ForeignKeyConstraint(["parent_id"], ["captures.id"], name="fk_captures_parent_id_captures"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_captures_source_id_sources"),
    )
    op.create_index("ix_captures_locator", "captures", ["locator"])
    op.create_index("ix_captures_parent_id", "captures", ["parent_id"])
    op.create_index("ix_captures_source_id", "captures", ["source_id"])
    op.create_table(
        "capture_artefacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("capture_id", sa.Integer(), nullable=False),
        sa.Column("sha256", SHA, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("name", sa.Text()),
        sa.PrimaryKeyConstraint("id", name="pk_capture_artefacts"),
        sa.ForeignKeyConstraint(
            ["capture_id"], ["captures.id"], name="fk_capture_artefacts_capture_id_captures", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["sha256"], ["blobs.sha256"], name="fk_capture_artefacts_sha256_blobs"),
        sa.CheckConstraint("role IN ('original', 'warc', 'media', 'text')", name="ck_capture_artefacts_role"),
    )
    op.create_index("ix_capture_artefacts_capture_id", "capture_artefacts", ["capture_id"])
    op.create_index("ix_capture_artefacts_sha256", "capture_artefacts", ["sha256"])
    op.create_table(
        "texts",
        sa.Column("sha256", SHA, nullable=False),
        sa.Column("derived_from", SHA, nullable=False),
        sa.Column("method", sa.String(255), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        *_timestamps("created"),
        sa.PrimaryKeyConstraint("sha256", name="pk_texts"),
        sa.ForeignKeyConstraint(["derived_from"], ["blobs.sha256"], name="fk_texts_derived_from_blobs"),
    )
    op.create_index("ix_texts_derived_from", "texts", ["derived_from"])
    op.create_table(
        "source_texts",
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("text_sha256", SHA, nullable=False),
        sa.PrimaryKeyConstraint("source_id", "text_sha256", name="pk_source_texts"),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name="fk_source_texts_source_id_sources", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["text_sha256"], ["texts.sha256"], name="fk_source_texts_text_sha256_texts"),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        *_dates(),
        sa.Column("event_type", sa.String(64), nullable=False),
        *_location(),
        sa.Column("fatalities", sa.Integer()),
        sa.Column("injured", sa.Integer()),
        sa.Column("detained", sa.Integer()),
        sa.Column("actors", JSONType, nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float()),
        sa.Column("merged_into", sa.Integer()),
        *_timestamps("created_at", "updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
        sa.ForeignKeyConstraint(["merged_into"], ["incidents.id"], name="fk_incidents_merged_into_incidents"),
        sa.CheckConstraint(STATUS_CHECK, name="ck_incidents_status"),
    )
    op.create_index("ix_incidents_admin1", "incidents", ["admin1"])
    op.create_index("ix_incidents_date_start", "incidents", ["date_start"])
    op.create_index("ix_incidents_status_type", "incidents", ["status", "event_type"])
    op.create_table(
        "incident_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("text_sha256", SHA),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer()),
        sa.Column("end", sa.Integer()),
        sa.Column("language", sa.String(16)),
        sa.Column("record", JSONType, nullable=False),
        sa.Column("merge_reason", sa.Text()),
        *_timestamps("added_at"),
        sa.PrimaryKeyConstraint("id", name="pk_incident_sources"),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name="fk_incident_sources_incident_id_incidents", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_incident_sources_source_id_sources"),
        sa.ForeignKeyConstraint(["text_sha256"], ["texts.sha256"], name="fk_incident_sources_text_sha256_texts"),
        sa.UniqueConstraint("incident_id", "source_id", name="uq_incident_sources_pair"),
    )
    op.create_index("ix_incident_sources_source_id", "incident_sources", ["source_id"])
    op.create_table(
        "statistics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("metric", sa.String(64), nullable=False),
        sa.Column("value", sa.Integer()),
        sa.Column("period", sa.String(32)),
        *_dates(),
        *_location(),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float()),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("text_sha256", SHA),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer()),
        sa.Column("end", sa.Integer()),
        sa.Column("language", sa.String(16)),
        sa.Column("record", JSONType, nullable=False),
        *_timestamps("created_at", "updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_statistics"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_statistics_source_id_sources"),
        sa.ForeignKeyConstraint(["text_sha256"], ["texts.sha256"], name="fk_statistics_text_sha256_texts"),
        sa.CheckConstraint(STATUS_CHECK, name="ck_statistics_status"),
    )
    op.create_index("ix_statistics_metric", "statistics", ["metric"])
    op.create_index("ix_statistics_source_id", "statistics", ["source_id"])
    op.create_table(
        "edits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        *_timestamps("at"),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("old", JSONType),
        sa.Column("new", JSONType),
        sa.PrimaryKeyConstraint("id", name="pk_edits"),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name="fk_edits_incident_id_incidents", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_edits_incident_id", "edits", ["incident_id"])
    op.create_table(
        "merge_flags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_a", sa.Integer(), nullable=False),
        sa.Column("incident_b", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        *_timestamps("created_at"),
        *_timestamps("resolved_at", nullable=True),
        sa.Column("resolved_by", sa.String(255)),
        sa.PrimaryKeyConstraint("id", name="pk_merge_flags"),
        sa.ForeignKeyConstraint(
            ["incident_a"], ["incidents.id"], name="fk_merge_flags_incident_a_incidents", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["incident_b"], ["incidents.id"], name="fk_merge_flags_incident_b_incidents", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("incident_a", "incident_b", name="uq_merge_flags_pair"),
        sa.CheckConstraint("status IN ('open', 'merged', 'dismissed')", name="ck_merge_flags_status"),
        sa.CheckConstraint("incident_a < incident_b", name="ck_merge_flags_ordered"),
    )
    op.create_index("ix_merge_flags_status", "merge_flags", ["status"])
    op.create_table(
        "custody_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        *_timestamps("at"),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", SHA, nullable=False),
        sa.Column("hash", SHA, nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_custody_log"),
        sa.UniqueConstraint("hash", name="uq_custody_log_hash"),
        sa.CheckConstraint(
            "event IN ('collect', 'import', 'derive', 'edit', 'merge', 'split', 'export', 'verify')",
            name="ck_custody_log_event",
        ),
    )
    op.create_table(
        "ingest_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("collection", sa.Text(), nullable=False),
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("source_id", sa.Integer()),
        sa.Column("detail", sa.Text()),
        *_timestamps("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_items"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_ingest_items_source_id_sources"),
        sa.UniqueConstraint("collection", "item", name="uq_ingest_items_collection_item"),
        sa.CheckConstraint("state IN ('started', 'done', 'failed')", name="ck_ingest_items_state"),
    )

    statements: tuple[str, ...]
    if dialect == "sqlite":
        statements = SQLITE_CUSTODY_TRIGGERS + SQLITE_FTS
    elif dialect == "postgresql":
        statements = POSTGRESQL_CUSTODY_TRIGGERS + POSTGRESQL_FTS
    else:  # pragma: no cover
        raise NotImplementedError(f"unsupported database: {dialect}")
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS incident_search")
        op.execute("DROP TRIGGER IF EXISTS custody_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS custody_log_no_delete")
    else:
        op.execute("DROP TABLE IF EXISTS incident_search")
    for table in (
        "ingest_items", "custody_log", "merge_flags", "edits", "statistics", "incident_sources",
        "incidents", "source_texts", "texts", "capture_artefacts", "captures", "sources", "blobs",
    ):
        op.drop_table(table)
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS letopis_custody_log_append_only()")
