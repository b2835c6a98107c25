"""Working groups and recommendations: versions, evidence, amendments, supports, minority views."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from convention.clock import utcnow
from convention.models.base import Base, enum_column
from convention.models.conventions import Membership
from convention.models.topics import Briefing, Hearing, Topic
from convention.rules.recommendations import (
    TRANSITIONS,
    AmendmentState,
    RecommendationState,
    may_comment,
    reference,
)

working_group_topics = sa.Table(
    "working_group_topics",
    Base.metadata,
    sa.Column("group_id", sa.ForeignKey("working_groups.id"), primary_key=True),
    sa.Column("topic_id", sa.ForeignKey("topics.id"), primary_key=True),
)
working_group_members = sa.Table(
    "working_group_members",
    Base.metadata,
    sa.Column("group_id", sa.ForeignKey("working_groups.id"), primary_key=True),
    sa.Column("membership_id", sa.ForeignKey("memberships.id"), primary_key=True, index=True),
)
recommendation_authors = sa.Table(
    "recommendation_authors",
    Base.metadata,
    sa.Column("recommendation_id", sa.ForeignKey("recommendations.id"), primary_key=True),
    sa.Column("membership_id", sa.ForeignKey("memberships.id"), primary_key=True),
)
recommendation_briefings = sa.Table(
    "recommendation_briefings",
    Base.metadata,
    sa.Column("recommendation_id", sa.ForeignKey("recommendations.id"), primary_key=True),
    sa.Column("briefing_id", sa.ForeignKey("briefings.id"), primary_key=True),
)
recommendation_hearings = sa.Table(
    "recommendation_hearings",
    Base.metadata,
    sa.Column("recommendation_id", sa.ForeignKey("recommendations.id"), primary_key=True),
    sa.Column("hearing_id", sa.ForeignKey("hearings.id"), primary_key=True),
)


class TransitionError(ValueError):
    """Raised when a recommendation is asked to make a move its state machine forbids."""


class MemberAttributes(Base):
    """What a facilitator records about a member to mix the working groups (age band, district)."""

    __tablename__ = "member_attributes"

    membership_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"), primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    attributes: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class WorkingGroup(Base):
    """An atelier: a few members drafting recommendations on one or more topics."""

    __tablename__ = "working_groups"
    __table_args__ = (sa.UniqueConstraint("convention_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    # The seed of the last draw that filled the group, shown so that anyone can redo it.
    draw_seed: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    topics: Mapped[list[Topic]] = relationship(
        secondary=working_group_topics, order_by=Topic.position
    )
    members: Mapped[list[Membership]] = relationship(
        secondary=working_group_members, order_by=Membership.pseudonym
    )


class Recommendation(Base):
    """A proposal of the panel, with a stable reference, moving through guarded states."""

    __tablename__ = "recommendations"
    __table_args__ = (
        sa.UniqueConstraint("convention_id", "number"),
        sa.CheckConstraint("number > 0", name="number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    number: Mapped[int]
    topic_id: Mapped[int] = mapped_column(sa.ForeignKey("topics.id"), index=True)
    group_id: Mapped[int | None] = mapped_column(sa.ForeignKey("working_groups.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"))
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    rationale: Mapped[str] = mapped_column(sa.Text, default="")
    impact: Mapped[str] = mapped_column(sa.Text, default="")
    state: Mapped[RecommendationState] = mapped_column(
        enum_column(RecommendationState, "recommendation_state"),
        default=RecommendationState.DRAFT,
    )
    # The version frozen as final: the one the panel votes on.
    final_version_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("recommendation_versions.id", use_alter=True, ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    state_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set once it leaves its group: from then on the whole panel reads it, even withdrawn.
    submitted_at: Mapped[datetime | None]

    topic: Mapped[Topic] = relationship()
    group: Mapped[WorkingGroup | None] = relationship()
    created_by: Mapped[Membership] = relationship()
    authors: Mapped[list[Membership]] = relationship(
        secondary=recommendation_authors, order_by=Membership.pseudonym
    )
    briefings: Mapped[list[Briefing]] = relationship(secondary=recommendation_briefings)
    hearings: Mapped[list[Hearing]] = relationship(secondary=recommendation_hearings)
    versions: Mapped[list["RecommendationVersion"]] = relationship(
        back_populates="recommendation",
        order_by="RecommendationVersion.number",
        foreign_keys="RecommendationVersion.recommendation_id",
    )

    @property
    def reference(self) -> str:
        """The stable reference shown everywhere: R-1, R-2..."""
        return reference(self.number)

    @property
    def accepts_comments(self) -> bool:
        """Tell whether the panel discusses it now: once submitted, until decided."""
        return may_comment(self.state)

    def move_to(self, target: RecommendationState) -> RecommendationState:
        """Change state along an allowed edge of the state machine; return the state left."""
        if (self.state, target) not in TRANSITIONS:
            raise TransitionError(f"{self.state} -> {target}")
        previous, self.state, self.state_changed_at = self.state, target, utcnow()
        if target == RecommendationState.SUBMITTED and self.submitted_at is None:
            self.submitted_at = self.state_changed_at
        return previous


class RecommendationVersion(Base):
    """One saved wording of a recommendation: who, when, why, and the amendment it came from."""

    __tablename__ = "recommendation_versions"
    __table_args__ = (sa.UniqueConstraint("recommendation_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(sa.ForeignKey("recommendations.id"))
    number: Mapped[int]
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"))
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    rationale: Mapped[str] = mapped_column(sa.Text, default="")
    impact: Mapped[str] = mapped_column(sa.Text, default="")
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    amendment_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("amendments.id", use_alter=True, ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    recommendation: Mapped[Recommendation] = relationship(
        back_populates="versions", foreign_keys=[recommendation_id]
    )
    author: Mapped[Membership] = relationship()
    amendment: Mapped["Amendment | None"] = relationship(foreign_keys=[amendment_id])


class Amendment(Base):
    """New wording proposed for a submitted recommendation, whole or one paragraph."""

    __tablename__ = "amendments"
    __table_args__ = (
        sa.CheckConstraint("paragraph IS NULL OR paragraph >= 0", name="paragraph_index"),
        sa.CheckConstraint("put_to_vote = false OR state = 'rejected'", name="vote_if_rejected"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    recommendation_id: Mapped[int] = mapped_column(sa.ForeignKey("recommendations.id"), index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"))
    # None: the whole text; otherwise the 0-based paragraph of the version it was written on.
    paragraph: Mapped[int | None]
    base_version_id: Mapped[int] = mapped_column(sa.ForeignKey("recommendation_versions.id"))
    base_text: Mapped[str] = mapped_column(sa.Text)
    new_text: Mapped[str] = mapped_column(sa.Text)
    justification: Mapped[str] = mapped_column(sa.Text)
    state: Mapped[AmendmentState] = mapped_column(
        enum_column(AmendmentState, "amendment_state"), default=AmendmentState.OPEN
    )
    decision_reason: Mapped[str] = mapped_column(sa.Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("memberships.id"))
    decided_at: Mapped[datetime | None]
    # Read by the voting issue: a rejected amendment the panel votes on all the same.
    put_to_vote: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    recommendation: Mapped[Recommendation] = relationship(foreign_keys=[recommendation_id])
    author: Mapped[Membership] = relationship(foreign_keys=[author_id])
    decided_by: Mapped[Membership | None] = relationship(foreign_keys=[decided_by_id])
    base_version: Mapped[RecommendationVersion] = relationship(foreign_keys=[base_version_id])

    @property
    def accepts_comments(self) -> bool:
        """Tell whether the amendment is discussed: undecided, on a text still discussed."""
        return self.state == AmendmentState.OPEN and self.recommendation.accepts_comments


class Support(Base):
    """A citizen's co-signature of a recommendation; once per member."""

    __tablename__ = "supports"
    __table_args__ = (sa.UniqueConstraint("recommendation_id", "membership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    recommendation_id: Mapped[int] = mapped_column(sa.ForeignKey("recommendations.id"))
    membership_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"), index=True)
    # The pseudonym is shown only if the member agrees; otherwise the support is only counted.
    show_pseudonym: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    member: Mapped[Membership] = relationship()


minority_signatures = sa.Table(
    "minority_signatures",
    Base.metadata,
    sa.Column("opinion_id", sa.ForeignKey("minority_opinions.id"), primary_key=True),
    sa.Column("membership_id", sa.ForeignKey("memberships.id"), primary_key=True),
)


class MinorityOpinion(Base):
    """A short dissent attached to a recommendation, co-signed by others; it goes in the report."""

    __tablename__ = "minority_opinions"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    recommendation_id: Mapped[int] = mapped_column(sa.ForeignKey("recommendations.id"), index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[Membership] = relationship()
    cosigners: Mapped[list[Membership]] = relationship(
        secondary=minority_signatures, order_by=Membership.pseudonym
    )
