"""The outbox: every message the platform sends, kept so that an administrator can read it."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from convention.clock import utcnow
from convention.models.base import Base


class OutboxMessage(Base):
    """An email, queued when written and marked sent once delivered."""

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(200))
    # What anyone may read: links and codes in it are masked.
    body: Mapped[str] = mapped_column(sa.Text)
    # The body as the recipient must get it, kept only while it waits to be sent, then erased.
    secret_body: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Set, and committed, just before sending: a claimed message is never sent again.
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(sa.Text)
