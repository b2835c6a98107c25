"""Notifications: what happened that concerns one person, shown until they read it."""

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from convention.clock import utcnow
from convention.models.base import Base, enum_column
from convention.models.conventions import Convention


class NotificationKind(StrEnum):
    """What a notification tells."""

    REPLY = "reply"
    ANSWER = "answer"
    HIDDEN = "hidden"
    RESTORED = "restored"
    SESSION = "session"
    QUESTION = "question"
    COUNCIL = "council"
    BALLOT = "ballot"
    REPORT = "report"
    AMENDMENT = "amendment"
    AMENDMENT_DECIDED = "amendment_decided"
    UPDATE = "update"
    PHASE = "phase"
    FLAG = "flag"


class Delivery(StrEnum):
    """How a person wants to be emailed about one kind of notification."""

    IMMEDIATE = "immediate"
    DIGEST = "digest"
    OFF = "off"


class Notification(Base):
    """One piece of news for one person; its words are rendered in the reader's language."""

    __tablename__ = "notifications"
    __table_args__ = (sa.Index("ix_notifications_user_unread", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    kind: Mapped[NotificationKind] = mapped_column(enum_column(NotificationKind, "kind"))
    # Names and titles to fill the sentence with, and the local path it leads to.
    details: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    path: Mapped[str] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    read_at: Mapped[datetime | None]
    # Waiting for the person's daily digest email; cleared once the digest is queued.
    in_digest: Mapped[bool] = mapped_column(default=False)

    convention: Mapped[Convention] = relationship()


class NotificationPreference(Base):
    """A person's choice of email for one kind of notification; without a row, sent at once."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), primary_key=True)
    kind: Mapped[NotificationKind] = mapped_column(
        enum_column(NotificationKind, "kind"), primary_key=True
    )
    delivery: Mapped[Delivery] = mapped_column(enum_column(Delivery, "delivery"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
