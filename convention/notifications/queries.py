"""Selects for a person's notifications."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from convention.models import Notification, User


def latest(user: User, limit: int) -> sa.Select:
    """The user's most recent notifications with their conventions, newest first."""
    return (
        sa.select(Notification)
        .options(joinedload(Notification.convention))
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    )


def unread_count(user: User) -> sa.Select:
    """Count the user's unread notifications."""
    return sa.select(sa.func.count()).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
