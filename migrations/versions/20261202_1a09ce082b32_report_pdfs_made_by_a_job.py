"""report PDFs made by a job: when they were ready, or why they could not be made.

Revision ID: 1a09ce082b32
Revises: 11a1508f2795
Create Date: 2026-12-02 02:49:25

"""

from alembic import op
import sqlalchemy as sa

import convention.models.base


revision = "1a09ce082b32"
down_revision = "11a1508f2795"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("report_versions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "pdfs_ready_at", convention.models.base.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.add_column(sa.Column("pdfs_error", sa.Text(), nullable=True))
    # Versions published before were rendered with their PDFs, in the same transaction.
    op.execute("UPDATE report_versions SET pdfs_ready_at = published_at")


def downgrade():
    with op.batch_alter_table("report_versions", schema=None) as batch_op:
        batch_op.drop_column("pdfs_error")
        batch_op.drop_column("pdfs_ready_at")
