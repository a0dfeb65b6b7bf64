"""Machine translations kept across runs: ``machine_translations``, one row per (backend, model, source
language, target language, SHA-256 of the redacted text), written once.

Revision ID: 0017_machine_translations
Revises: 0016_overview_indexes
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from letopis.db.types import UTCDateTime

revision: str = "0017_machine_translations"
down_revision: str | None = "0016_overview_indexes"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "machine_translations",
        sa.Column("backend", sa.String(32), nullable=False),
        sa.Column("model", sa.String(255), nullable=False),
        sa.Column("source_lang", sa.String(16), nullable=False),
        sa.Column("target_lang", sa.String(16), nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=False),
        sa.Column("translation", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("backend", "model", "source_lang", "target_lang", "text_sha256",
                                name=op.f("pk_machine_translations")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("machine_translations")
