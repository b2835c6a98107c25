"""Council answers keep their corrected versions.

Revision ID: b7e1c4d2a9f0
Revises: cc44fbcbc3c1
Create Date: 2026-12-01 09:00:00
"""

import sqlalchemy as sa
from alembic import op

import convention.models.base

revision = "b7e1c4d2a9f0"
down_revision = "cc44fbcbc3c1"
branch_labels = None
depends_on = None

DECISIONS = ("adopted", "adopted_with_changes", "rejected", "referred")


def upgrade():
    """Add the table of superseded answers; existing answers have no recorded history."""
    op.create_table(
        "council_response_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("convention_id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("debated_on", sa.Date(), nullable=False),
        sa.Column("votes_for", sa.Integer(), nullable=False),
        sa.Column("votes_against", sa.Integer(), nullable=False),
        sa.Column("votes_abstain", sa.Integer(), nullable=False),
        sa.Column(
            "decision",
            sa.Enum(
                *DECISIONS,
                name="council_decision",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("department", sa.String(length=200), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=False),
        sa.Column("answered_at", convention.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("replaced_at", convention.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("overdue_when_replaced", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "votes_for >= 0 AND votes_against >= 0 AND votes_abstain >= 0",
            name=op.f("ck_council_response_versions_votes_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["answered_by_id"],
            ["memberships.id"],
            name=op.f("fk_council_response_versions_answered_by_id_memberships"),
        ),
        sa.ForeignKeyConstraint(
            ["convention_id"],
            ["conventions.id"],
            name=op.f("fk_council_response_versions_convention_id_conventions"),
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["council_responses.id"],
            name=op.f("fk_council_response_versions_response_id_council_responses"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_response_versions")),
        sa.UniqueConstraint(
            "response_id", "number", name=op.f("uq_council_response_versions_response_id_number")
        ),
    )
    with op.batch_alter_table("council_response_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_council_response_versions_convention_id"),
            ["convention_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_council_response_versions_response_id"), ["response_id"], unique=False
        )


def downgrade():
    """Drop the history of corrected answers."""
    with op.batch_alter_table("council_response_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_response_versions_response_id"))
        batch_op.drop_index(batch_op.f("ix_council_response_versions_convention_id"))
    op.drop_table("council_response_versions")
