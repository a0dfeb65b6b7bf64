"""``incidents.sensitivity``: what care an incident needs before it is shown or shared.

A JSON list of marks (``personal_data``: names, faces or contacts of private
people are visible in it or its sources; ``graphic``: violent or distressing
content), empty for an incident nobody has marked. Set by a person with a
reason, like any edit (edit history and custody log).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    json = sa.JSON().with_variant(JSONB(), "postgresql")
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(sa.Column("sensitivity", json, nullable=False, server_default=sa.text("'[]'")))


def downgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.drop_column("sensitivity")
