"""Engine versions and reading flags (issue 12).

``engine`` on ``incidents``, ``incident_sources`` and ``statistics``: the
version of the extraction engine that made the row (package version and short
hashes of the gazetteer's data and the judge's weights;
:mod:`letopis.extract.version`). Rows stored before this revision have none,
so ``letopis reextract`` reads their sources again first.

``reading_flags``: where a new reading (``letopis reextract``) disagrees with
what a person decided (an edited field, a verified incident, a merge or a
split), the reading is not applied but flagged here for a person to take or
leave.

Revision ID: 0009_engine_versions
Revises: 0008_reliability
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from letopis.db.types import JSONType, UTCDateTime

revision: str = "0009_engine_versions"
down_revision: str | None = "0008_reliability"
branch_labels: str | None = None
depends_on: str | None = None

_TABLES = ("incidents", "incident_sources", "statistics")


def upgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("engine", sa.String(64)))
    op.create_table(
        "reading_flags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer()),
        sa.Column("statistic_id", sa.Integer()),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("kept", JSONType, nullable=True),
        sa.Column("proposed", JSONType, nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("engine", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("resolved_at", UTCDateTime()),
        sa.Column("resolved_by", sa.String(255)),
        sa.Column("resolution", sa.Text()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reading_flags")),
        sa.CheckConstraint("status IN ('open', 'applied', 'dismissed')", name="ck_reading_flags_status"),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name=op.f("fk_reading_flags_incident_id_incidents"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["statistic_id"], ["statistics.id"],
                                name=op.f("fk_reading_flags_statistic_id_statistics"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_reading_flags_source_id_sources")),
    )
    op.create_index(op.f("ix_reading_flags_incident_id"), "reading_flags", ["incident_id"])
    op.create_index(op.f("ix_reading_flags_status"), "reading_flags", ["status"])


def downgrade() -> None:
    op.drop_table("reading_flags")
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("engine")
