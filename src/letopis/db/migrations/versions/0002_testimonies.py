"""Testimonies (consent, encrypted content, witness identity apart), data keys,
role grants; custody events ``withdraw`` and ``grant``.

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-24
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

from letopis.db.types import UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

SHA = sa.String(64)
OLD_EVENTS = "'collect', 'import', 'derive', 'edit', 'merge', 'split', 'export', 'verify'"
NEW_EVENTS = OLD_EVENTS + ", 'withdraw', 'grant'"

SQLITE_CUSTODY_TRIGGERS = (
    "CREATE TRIGGER custody_log_no_update BEFORE UPDATE ON custody_log "
    "BEGIN SELECT RAISE(ABORT, 'custody_log is append-only: UPDATE refused'); END",
    "CREATE TRIGGER custody_log_no_delete BEFORE DELETE ON custody_log "
    "BEGIN SELECT RAISE(ABORT, 'custody_log is append-only: DELETE refused'); END",
)


def _custody_events(old: str, new: str) -> None:
    """Widen (or narrow) the custody log's event CHECK; rows and triggers are kept."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        name = bind.execute(
            sa.text(
                "SELECT conname FROM pg_constraint WHERE conrelid = 'custody_log'::regclass "
                "AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%verify%'"
            )
        ).scalar_one()
        op.execute(f'ALTER TABLE custody_log DROP CONSTRAINT "{name}"')
        op.execute(f'ALTER TABLE custody_log ADD CONSTRAINT "{name}" CHECK (event IN ({new}))')
        return
    # SQLite cannot alter a CHECK: rebuild the table from its own DDL (DROP TABLE fires no trigger).
    query = sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'custody_log'")
    ddl = bind.execute(query).scalar_one()
    if f"IN ({old})" not in ddl:
        raise RuntimeError("custody_log's event constraint is not the expected one; refusing to rebuild")
    rebuilt = re.sub(r'^CREATE TABLE\s+"?custody_log"?', "CREATE TABLE custody_log_rebuild", ddl, count=1)
    op.execute(rebuilt.replace(f"IN ({old})", f"IN ({new})"))
    op.execute("INSERT INTO custody_log_rebuild SELECT * FROM custody_log")
    op.execute("DROP TABLE custody_log")
    op.execute("ALTER TABLE custody_log_rebuild RENAME TO custody_log")
    for statement in SQLITE_CUSTODY_TRIGGERS:
        op.execute(statement)


def upgrade() -> None:
    op.create_table(
        "data_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(32), nullable=False),
        sa.Column("wrapped", sa.LargeBinary(), nullable=False),
        sa.Column("created", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_keys")),
    )
    op.create_table(
        "testimonies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("consent", sa.String(16), nullable=False),
        sa.Column("consent_until", sa.String(10)),
        sa.Column("pseudonym", sa.String(255), nullable=False),
        sa.Column("recorded_by", sa.String(255), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("sha256", SHA, nullable=False),
        sa.Column("key_id", sa.Integer()),
        sa.Column("content", sa.LargeBinary()),
        sa.Column("source_id", sa.Integer()),
        sa.Column("created", UTCDateTime(), nullable=False),
        sa.Column("withdrawn_at", UTCDateTime()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_testimonies")),
        sa.ForeignKeyConstraint(
            ["key_id"], ["data_keys.id"], name=op.f("fk_testimonies_key_id_data_keys"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_testimonies_source_id_sources")),
        sa.CheckConstraint("consent IN ('public', 'internal', 'restricted')", name=op.f("ck_testimonies_consent")),
        sa.CheckConstraint("status IN ('active', 'withdrawn')", name=op.f("ck_testimonies_status")),
    )
    op.create_index("ix_testimonies_source_id", "testimonies", ["source_id"])
    op.create_table(
        "testimony_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("testimony_id", sa.Integer(), nullable=False),
        sa.Column("blob_sha256", SHA, nullable=False),
        sa.Column("plain_sha256", SHA, nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(255), nullable=False),
        sa.Column("name", sa.LargeBinary()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_testimony_files")),
        sa.ForeignKeyConstraint(
            ["testimony_id"], ["testimonies.id"], name=op.f("fk_testimony_files_testimony_id_testimonies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["blob_sha256"], ["blobs.sha256"], name=op.f("fk_testimony_files_blob_sha256_blobs")),
    )
    op.create_index("ix_testimony_files_testimony_id", "testimony_files", ["testimony_id"])
    op.create_table(
        "witnesses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("testimony_id", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.Integer()),
        sa.Column("identity", sa.LargeBinary()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_witnesses")),
        sa.ForeignKeyConstraint(
            ["testimony_id"], ["testimonies.id"], name=op.f("fk_witnesses_testimony_id_testimonies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["key_id"], ["data_keys.id"], name=op.f("fk_witnesses_key_id_data_keys"), ondelete="SET NULL"
        ),
        sa.UniqueConstraint("testimony_id", name=op.f("uq_witnesses_testimony_id")),
    )
    op.create_table(
        "testimony_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("testimony_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(64), nullable=False),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("granted_by", sa.String(255), nullable=False),
        sa.Column("granted_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_testimony_grants")),
        sa.ForeignKeyConstraint(
            ["testimony_id"], ["testimonies.id"], name=op.f("fk_testimony_grants_testimony_id_testimonies"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("testimony_id", "role", "scope", name=op.f("uq_testimony_grants_triple")),
        sa.CheckConstraint("scope IN ('content', 'identity')", name=op.f("ck_testimony_grants_scope")),
    )
    _custody_events(OLD_EVENTS, NEW_EVENTS)


def downgrade() -> None:
    _custody_events(NEW_EVENTS, OLD_EVENTS)
    for table in ("testimony_grants", "witnesses", "testimony_files", "testimonies", "data_keys"):
        op.drop_table(table)
