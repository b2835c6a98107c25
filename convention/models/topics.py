"""Topics and what informs them: briefings with their files, hearings, information requests."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from convention.clock import utcnow
from convention.models.base import Base
from convention.models.conventions import Membership


class Topic(Base):
    """A question the panel works on, open or closed for contributions."""

    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.String(500), default="")
    body: Mapped[str] = mapped_column(sa.Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    is_open: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    briefings: Mapped[list["Briefing"]] = relationship(
        back_populates="topic", order_by="Briefing.created_at"
    )

    @property
    def accepts_comments(self) -> bool:
        """Tell whether the topic takes contributions: while the facilitators keep it open."""
        return self.is_open


class Briefing(Base):
    """A note that informs a topic: text, sources, a link, files."""

    __tablename__ = "briefings"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    topic_id: Mapped[int] = mapped_column(sa.ForeignKey("topics.id"), index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"))
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    sources: Mapped[str] = mapped_column(sa.Text, default="")
    link_url: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    topic: Mapped[Topic] = relationship(back_populates="briefings")
    author: Mapped[Membership] = relationship()
    files: Mapped[list["BriefingFile"]] = relationship(
        back_populates="briefing", order_by="BriefingFile.id"
    )


class BriefingFile(Base):
    """An uploaded document, stored under a random name, its type read from its content."""

    __tablename__ = "briefing_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    briefing_id: Mapped[int] = mapped_column(sa.ForeignKey("briefings.id"), index=True)
    original_name: Mapped[str] = mapped_column(sa.String(200))
    stored_name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    content_type: Mapped[str] = mapped_column(sa.String(120))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    briefing: Mapped[Briefing] = relationship(back_populates="files")


class Hearing(Base):
    """An expert heard by the panel on a topic, with declared interests and a summary."""

    __tablename__ = "hearings"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    topic_id: Mapped[int] = mapped_column(sa.ForeignKey("topics.id"), index=True)
    session_id: Mapped[int | None] = mapped_column(sa.ForeignKey("convention_sessions.id"))
    expert_name: Mapped[str] = mapped_column(sa.String(120))
    affiliation: Mapped[str] = mapped_column(sa.String(200), default="")
    interests: Mapped[str] = mapped_column(sa.Text, default="")
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    held_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class InformationRequest(Base):
    """A member's question to the experts on a topic, and its answer once given."""

    __tablename__ = "information_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    topic_id: Mapped[int] = mapped_column(sa.ForeignKey("topics.id"), index=True)
    asked_by_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"))
    question: Mapped[str] = mapped_column(sa.Text)
    answer: Mapped[str | None] = mapped_column(sa.Text)
    answered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("memberships.id"))
    answered_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    topic: Mapped[Topic] = relationship()
    asked_by: Mapped[Membership] = relationship(foreign_keys=[asked_by_id])
    answered_by: Mapped[Membership | None] = relationship(foreign_keys=[answered_by_id])
