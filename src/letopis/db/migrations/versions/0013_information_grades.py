"""Information grades: ``incident_grades`` (one row per incident: the Admiralty code's digit 1-6 derived from
its corroboration, and why), kept so lists can be filtered on it.

Grades of incidents stored before this revision are computed by ``letopis origins recompute``.

Revision ID: 0013_information_grades
Revises: 0011_row_seals
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from letopis.db.types import UTCDateTime

revision: str = "0013_information_grades"
down_revision: str | None = "0012_search_index"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "incident_grades",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("grade", sa.String(1), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("computed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("incident_id", name=op.f("pk_incident_grades")),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"],
                                name=op.f("fk_incident_grades_incident_id_incidents"), ondelete="CASCADE"),
    )
    op.create_index(op.f("ix_incident_grades_grade"), "incident_grades", ["grade"])


def downgrade() -> None:
    op.drop_index(op.f("ix_incident_grades_grade"), table_name="incident_grades")
    op.drop_table("incident_grades")
