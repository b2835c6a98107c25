"""The convention's sessions ("séances"): their agenda and who attended."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from convention.clock import utcnow
from convention.models.base import Base, enum_column
from convention.models.conventions import Membership
from convention.models.topics import Topic
from convention.rules.meetings import AttendanceStatus


class ConventionSession(Base):
    """A meeting of the panel; never called Session, which SQLAlchemy and Flask already use."""

    __tablename__ = "convention_sessions"
    __table_args__ = (sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    location: Mapped[str] = mapped_column(sa.String(300), default="")
    online_url: Mapped[str | None] = mapped_column(sa.String(500))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    cancelled_at: Mapped[datetime | None]
    sequence: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    agenda: Mapped[list["AgendaItem"]] = relationship(
        back_populates="session", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )


class AgendaItem(Base):
    """One point of a session's agenda, possibly about a topic."""

    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("convention_sessions.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(sa.String(200))
    minutes: Mapped[int | None]
    topic_id: Mapped[int | None] = mapped_column(sa.ForeignKey("topics.id"))

    session: Mapped[ConventionSession] = relationship(back_populates="agenda")
    topic: Mapped[Topic | None] = relationship()


class Apology(Base):
    """A member's word, before a session, that they cannot come; one per member and session."""

    __tablename__ = "session_apologies"
    __table_args__ = (sa.UniqueConstraint("session_id", "membership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("convention_sessions.id"), index=True)
    membership_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    membership: Mapped[Membership] = relationship()


class Attendance(Base):
    """Whether one member came to one session; recorded by a facilitator."""

    __tablename__ = "attendances"
    __table_args__ = (sa.UniqueConstraint("session_id", "membership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("convention_sessions.id"), index=True)
    membership_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"), index=True)
    status: Mapped[AttendanceStatus] = mapped_column(
        enum_column(AttendanceStatus, "attendance_status")
    )
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    membership: Mapped[Membership] = relationship()
