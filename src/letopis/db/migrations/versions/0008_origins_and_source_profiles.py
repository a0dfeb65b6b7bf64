"""Reliability of sources: ``incident_origins`` (each supporting source an origin or a copy of one),
``source_profiles`` (a site or channel: name, kind, country, language, stance, Admiralty grade) and
``source_profile_changes`` (who changed a profile, when, and why).

Origins of incidents stored before this revision are computed by ``letopis origins recompute``.

Revision ID: 0008_reliability
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from letopis.db.types import JSONType, UTCDateTime

revision: str = "0008_reliability"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "incident_origins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("origin_source_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("similarity", sa.Float()),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("computed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_origins")),
        sa.UniqueConstraint("incident_id", "source_id", name="uq_incident_origins_pair"),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"],
                                name=op.f("fk_incident_origins_incident_id_incidents"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_incident_origins_source_id_sources")),
        sa.ForeignKeyConstraint(["origin_source_id"], ["sources.id"],
                                name=op.f("fk_incident_origins_origin_source_id_sources")),
    )
    op.create_index("ix_incident_origins_origin_kind", "incident_origins", ["incident_id", "kind"])
    op.create_index(op.f("ix_incident_origins_source_id"), "incident_origins", ["source_id"])
    op.create_table(
        "source_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("name", sa.Text()),
        sa.Column("kind", sa.String(16)),
        sa.Column("country", sa.String(2)),
        sa.Column("language", sa.String(16)),
        sa.Column("stance", sa.String(32), nullable=False),
        sa.Column("reliability", sa.String(1)),
        sa.Column("credibility", sa.String(1)),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_profiles")),
        sa.UniqueConstraint("host", name=op.f("uq_source_profiles_host")),
    )
    op.create_table(
        "source_profile_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("old", JSONType, nullable=True),
        sa.Column("new", JSONType, nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_profile_changes")),
        sa.ForeignKeyConstraint(["profile_id"], ["source_profiles.id"],
                                name=op.f("fk_source_profile_changes_profile_id_source_profiles"),
                                ondelete="CASCADE"),
    )
    op.create_index(op.f("ix_source_profile_changes_profile_id"), "source_profile_changes", ["profile_id"])


def downgrade() -> None:
    op.drop_table("source_profile_changes")
    op.drop_table("source_profiles")
    op.drop_index("ix_incident_origins_origin_kind", table_name="incident_origins")
    op.drop_table("incident_origins")
