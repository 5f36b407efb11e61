"""Clear the secret hints: older versions kept each integration secret's last 4 characters in clear.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 10:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.text("update integration_secrets set hint = '' where hint <> ''"))


def downgrade() -> None:
    """Nothing to restore: the cleared characters are gone on purpose."""
