"""Accounts of the web app: ``users`` (name, role, argon2 password hash, optional TOTP secret).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from letopis.db.types import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("totp_key_id", sa.Integer()),
        sa.Column("totp_secret", sa.LargeBinary()),
        sa.Column("totp_step", sa.Integer()),
        sa.Column("session_epoch", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
        sa.ForeignKeyConstraint(
            ["totp_key_id"], ["data_keys.id"], name=op.f("fk_users_totp_key_id_data_keys"), ondelete="SET NULL"
        ),
        sa.CheckConstraint("role IN ('viewer', 'editor', 'admin')", name=op.f("ck_users_role")),
    )


def downgrade() -> None:
    op.drop_table("users")
