"""Place the demo's past in the past: services act now, the demo's story happened before.

Only times move: counts, outcomes and states were written by the services. The audit log is
append-only and keeps the true time of seeding.
"""

from datetime import datetime, timedelta

import sqlalchemy as sa

from convention.extensions import db
from convention.models import Ballot, Comment, Notification, NotificationKind
from convention.models.base import Base


def backdate(ballot: Ballot, opened: datetime, closed: datetime | None = None) -> None:
    """Move a ballot's times to when the demo says it ran."""
    ballot.created_at = opened - timedelta(hours=1)
    ballot.opened_at = ballot.frozen_at = opened
    if closed is not None:
        ballot.closed_at = ballot.tallied_at = closed
    db.session.flush()


def place(row: Base, when: datetime, *fields: str) -> None:
    """Move a row's `created_at`, or the `fields` named, to when the demo says it happened."""
    for field in fields or ("created_at",):
        setattr(row, field, when)
    db.session.flush()


def notified_at(comment: Comment, kind: NotificationKind, when: datetime) -> None:
    """Move the notifications of `kind` that point at a comment to the time of what they tell."""
    db.session.execute(
        sa.update(Notification)
        .where(Notification.kind == kind, Notification.path.endswith(f"#c{comment.id}"))
        .values(created_at=when)
    )
