"""Reasons of a person's decisions: ``edits.reason`` (why a field was changed)
and ``merge_flags.resolution`` (why a flagged pair was merged or kept apart).

Both nullable: edits made by a process (a merge marking an incident rejected)
and flags resolved before this revision have none.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("edits") as batch:
        batch.add_column(sa.Column("reason", sa.Text(), nullable=True))
    with op.batch_alter_table("merge_flags") as batch:
        batch.add_column(sa.Column("resolution", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("merge_flags") as batch:
        batch.drop_column("resolution")
    with op.batch_alter_table("edits") as batch:
        batch.drop_column("reason")
