"""mail claims and failures; one selection per convention and numbered slots per instance.

Revision ID: f1a7c0e5b2d3
Revises: a7c3e91d5b20
Create Date: 2026-12-01 09:30:00

"""

from alembic import op
import sqlalchemy as sa

import convention.models.base


revision = "f1a7c0e5b2d3"
down_revision = "a7c3e91d5b20"
branch_labels = None
depends_on = None

ACTIVE = "status IN ('queued', 'running')"


def upgrade():
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "claimed_at", convention.models.base.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column("failed_at", convention.models.base.UTCDateTime(timezone=True), nullable=True)
        )
    # A message that failed before this version keeps its error and is not retried.
    op.execute(
        "UPDATE outbox_messages SET failed_at = created_at, claimed_at = created_at "
        "WHERE sent_at IS NULL AND error IS NOT NULL"
    )
    with op.batch_alter_table("selection_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("slot", sa.Integer(), nullable=True))
    _settle_active_runs()
    with op.batch_alter_table("selection_runs", schema=None) as batch_op:
        batch_op.create_index(
            "uq_selection_runs_active_convention",
            ["convention_id"],
            unique=True,
            sqlite_where=sa.text(ACTIVE),
            postgresql_where=sa.text(ACTIVE),
        )
        batch_op.create_index(
            "uq_selection_runs_active_slot",
            ["slot"],
            unique=True,
            sqlite_where=sa.text(ACTIVE),
            postgresql_where=sa.text(ACTIVE),
        )


def _settle_active_runs():
    """Keep the newest active run per convention, fail older ones, and number the kept ones."""
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(f"SELECT id, convention_id FROM selection_runs WHERE {ACTIVE} ORDER BY id DESC")
    ).all()
    kept = {}
    for run_id, convention_id in rows:
        if convention_id in kept:
            conn.execute(
                sa.text(
                    "UPDATE selection_runs SET status = 'failed', "
                    "error = 'Stopped: one computation at a time per convention.' WHERE id = :id"
                ),
                {"id": run_id},
            )
        else:
            kept[convention_id] = run_id
    for slot, run_id in enumerate(sorted(kept.values()), start=1):
        conn.execute(
            sa.text("UPDATE selection_runs SET slot = :slot WHERE id = :id"),
            {"slot": slot, "id": run_id},
        )


def downgrade():
    with op.batch_alter_table("selection_runs", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_selection_runs_active_slot",
            sqlite_where=sa.text(ACTIVE),
            postgresql_where=sa.text(ACTIVE),
        )
        batch_op.drop_index(
            "uq_selection_runs_active_convention",
            sqlite_where=sa.text(ACTIVE),
            postgresql_where=sa.text(ACTIVE),
        )
        batch_op.drop_column("slot")
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_column("failed_at")
        batch_op.drop_column("claimed_at")
