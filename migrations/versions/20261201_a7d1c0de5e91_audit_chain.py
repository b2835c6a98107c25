"""Audit chain: each event hashed with its predecessor, one locked head per chain.

Revision ID: a7d1c0de5e91
Revises: 5e55105ab1e5
Create Date: 2026-12-01 09:30:00

Existing events are chained in the order they were recorded (time, then id), per convention.
"""

import sqlalchemy as sa
from alembic import op

from convention.models.base import UTCDateTime
from convention.rules.audit_chain import Link, chain_name, genesis, link_hash

revision = "a7d1c0de5e91"
down_revision = "5e55105ab1e5"
branch_labels = None
depends_on = None


def upgrade():
    heads = op.create_table(
        "audit_heads",
        sa.Column("chain", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("chain", name=op.f("pk_audit_heads")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("actor_role", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))

    _chain_existing(heads)

    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_audit_events_prev_hash"), ["prev_hash"])
        batch_op.create_unique_constraint(batch_op.f("uq_audit_events_hash"), ["hash"])


def _chain_existing(heads: sa.Table) -> None:
    """Hash the events already recorded, in order, and store each chain's head."""
    events = sa.table(
        "audit_events",
        sa.column("id", sa.Integer),
        sa.column("convention_id", sa.Integer),
        sa.column("action", sa.String),
        sa.column("target", sa.String),
        sa.column("details", sa.JSON),
        sa.column("created_at", UTCDateTime()),
        sa.column("seq", sa.Integer),
        sa.column("prev_hash", sa.String),
        sa.column("hash", sa.String),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(
            events.c.id,
            events.c.convention_id,
            events.c.action,
            events.c.target,
            events.c.details,
            events.c.created_at,
        ).order_by(events.c.created_at, events.c.id)
    ).all()
    state: dict[str, tuple[int, str]] = {}
    for row in rows:
        chain = chain_name(row.convention_id)
        seq, prev = state.get(chain, (0, genesis(chain)))
        link = Link(chain, seq + 1, row.action, row.target, row.details or {}, None, row.created_at)
        digest = link_hash(prev, link)
        bind.execute(
            events.update()
            .where(events.c.id == row.id)
            .values(seq=seq + 1, prev_hash=prev, hash=digest, details=row.details or {})
        )
        state[chain] = (seq + 1, digest)
    if state:
        op.bulk_insert(
            heads, [{"chain": c, "seq": s, "hash": h} for c, (s, h) in sorted(state.items())]
        )


def downgrade():
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_events_hash"), type_="unique")
        batch_op.drop_constraint(batch_op.f("uq_audit_events_prev_hash"), type_="unique")
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("seq")
        batch_op.drop_column("actor_role")
    op.drop_table("audit_heads")
