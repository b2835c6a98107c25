"""What the administrators' pages read."""

import sqlalchemy as sa

from convention.models import Convention, OutboxMessage


def conventions() -> sa.Select:
    """Every convention, the newest first."""
    return sa.select(Convention).order_by(Convention.created_at.desc())


def latest_outbox(limit: int) -> sa.Select:
    """The latest messages the platform wrote, the newest first."""
    return sa.select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
