"""An invitation file's job records when it claimed the file: a claim long unfinished lost its worker.

Revision ID: 9bc47dafabae
Revises: cd266992dec6
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa

import convention.models.base


# revision identifiers, used by Alembic.
revision = '9bc47dafabae'
down_revision = 'cd266992dec6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('invitation_imports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('started_at', convention.models.base.UTCDateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('invitation_imports', schema=None) as batch_op:
        batch_op.drop_column('started_at')
