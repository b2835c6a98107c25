"""invitation imports: large invitation files, invited by a job.

Revision ID: 6dd3a741b16e
Revises: 1a09ce082b32
Create Date: 2026-12-02 03:01:29

"""

from alembic import op
import sqlalchemy as sa

import convention.models.base


revision = "6dd3a741b16e"
down_revision = "1a09ce082b32"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "invitation_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("convention_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", convention.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "queued",
                "running",
                "done",
                "failed",
                name="import_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.Column("by_email", sa.Integer(), nullable=False),
        sa.Column("letter_ids", sa.JSON(), nullable=False),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.Column("finished_at", convention.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["convention_id"],
            ["conventions.id"],
            name=op.f("fk_invitation_imports_convention_id_conventions"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_invitation_imports_created_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation_imports")),
    )
    with op.batch_alter_table("invitation_imports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invitation_imports_convention_id"), ["convention_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("invitation_imports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitation_imports_convention_id"))

    op.drop_table("invitation_imports")
