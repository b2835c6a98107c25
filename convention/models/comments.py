"""Comments on topics, recommendations and amendments, their history and flags."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from convention.clock import utcnow
from convention.models.base import Base, enum_column
from convention.models.conventions import Membership
from convention.models.recommendations import Amendment, Recommendation
from convention.models.topics import Topic
from convention.rules.comments import MAX_DEPTH, FlagOutcome, FlagReason, Stance


class Comment(Base):
    """A member's contribution; deleted ones stay as tombstones so that replies keep their place."""

    __tablename__ = "comments"
    __table_args__ = (
        # Exactly one target per comment: a topic, a recommendation or an amendment.
        sa.CheckConstraint(
            "(CASE WHEN topic_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN recommendation_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN amendment_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_target",
        ),
        sa.CheckConstraint(f"depth >= 0 AND depth <= {MAX_DEPTH}", name="depth_range"),
        sa.CheckConstraint("(parent_id IS NULL) = (depth = 0)", name="root_has_no_parent"),
        sa.Index("ix_comments_topic_roots", "topic_id", "parent_id", "created_at"),
        sa.Index("ix_comments_recommendation_roots", "recommendation_id", "parent_id"),
        sa.Index("ix_comments_amendment_roots", "amendment_id", "parent_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    topic_id: Mapped[int | None] = mapped_column(sa.ForeignKey("topics.id"))
    recommendation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("recommendations.id"))
    amendment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("amendments.id"))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comments.id"))
    root_id: Mapped[int | None] = mapped_column(sa.ForeignKey("comments.id"), index=True)
    depth: Mapped[int] = mapped_column(default=0)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"), index=True)
    stance: Mapped[Stance] = mapped_column(enum_column(Stance, "stance"), default=Stance.REMARK)
    body: Mapped[str] = mapped_column(sa.Text)
    # The body as sanitised HTML, written with it: pages never render Markdown per reader.
    body_html: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
    hidden_at: Mapped[datetime | None]
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    hidden_reason: Mapped[str | None] = mapped_column(sa.String(500))

    topic: Mapped[Topic | None] = relationship()
    recommendation: Mapped[Recommendation | None] = relationship()
    amendment: Mapped[Amendment | None] = relationship()
    author: Mapped[Membership] = relationship()
    parent: Mapped["Comment | None"] = relationship(remote_side=[id], foreign_keys=[parent_id])
    revisions: Mapped[list["CommentRevision"]] = relationship(
        back_populates="comment",
        order_by="CommentRevision.created_at.desc()",
        cascade="all, delete-orphan",
    )

    @property
    def removed(self) -> bool:
        """Tell whether the comment no longer shows its text: deleted or hidden."""
        return self.deleted_at is not None or self.hidden_at is not None

    @property
    def target(self) -> Topic | Recommendation | Amendment | None:
        """What the comment is about."""
        return self.topic or self.recommendation or self.amendment


class CommentRevision(Base):
    """A comment's earlier text, kept at each edit so that readers see what changed."""

    __tablename__ = "comment_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(sa.ForeignKey("comments.id"), index=True)
    stance: Mapped[Stance] = mapped_column(enum_column(Stance, "stance"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    comment: Mapped[Comment] = relationship(back_populates="revisions")


class Flag(Base):
    """A member's report that a comment breaks the charter; one per member and comment."""

    __tablename__ = "flags"
    __table_args__ = (sa.UniqueConstraint("comment_id", "flagged_by_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    comment_id: Mapped[int] = mapped_column(sa.ForeignKey("comments.id"), index=True)
    flagged_by_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"))
    reason: Mapped[FlagReason] = mapped_column(enum_column(FlagReason, "flag_reason"))
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    outcome: Mapped[FlagOutcome | None] = mapped_column(enum_column(FlagOutcome, "flag_outcome"))

    comment: Mapped[Comment] = relationship()
    flagged_by: Mapped[Membership] = relationship()
