"""Conventions count the changes their kept page parts show, so every server sees them at once.

Revision ID: cd266992dec6
Revises: 1e67b512df21
Create Date: 2026-12-02 13:01:06.646373

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'cd266992dec6'
down_revision = '1e67b512df21'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_version', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('conventions', schema=None) as batch_op:
        batch_op.drop_column('content_version')
