"""An index to find a source by its content, whatever way it came in.

``add_capture`` looks a capture's original up by its SHA-256 before making
a source, so the same bytes ingested from a file and from a URL are one
source (captured twice), not two sources of one incident. Existing
duplicates are left as they are; new captures join the oldest.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index("ix_sources_original_sha256", "sources", ["original_sha256"])


def downgrade() -> None:
    op.drop_index("ix_sources_original_sha256", table_name="sources")
