"""Privacy: erased accounts, consent to publish one's name, the convention's data controller.

Revision ID: 9a5f9d1032cb
Revises: a7d1c0de5e91
Create Date: 2026-12-01 23:10:46
"""

import sqlalchemy as sa
from alembic import op

from convention.models.base import UTCDateTime

revision = "9a5f9d1032cb"
down_revision = "a7d1c0de5e91"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("conventions", schema=None) as batch_op:
        batch_op.add_column(
            # The default stays: removing it would rebuild a table others point at, on SQLite.
            sa.Column("privacy_controller", sa.Text(), nullable=False, server_default="")
        )
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_consent_at", UTCDateTime(timezone=True)))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("erased_at", UTCDateTime(timezone=True)))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("erased_at")
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_column("name_consent_at")
    with op.batch_alter_table("conventions", schema=None) as batch_op:
        batch_op.drop_column("privacy_controller")
