"""Ballots: items, the electorate, who took part, the votes apart from the voters, receipts."""

from datetime import datetime
from enum import StrEnum
from fractions import Fraction
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from convention.clock import utcnow
from convention.models.base import Base, enum_column
from convention.models.conventions import Membership
from convention.models.recommendations import Amendment, Recommendation
from convention.rules.record import RuleTerms, rule_terms
from convention.rules.tally import Choice, Majority, Method, Rule


class BallotState(StrEnum):
    """Where a ballot stands, derived from its times when read."""

    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"


class ItemKind(StrEnum):
    """What an item puts to the vote."""

    RECOMMENDATION = "recommendation"
    AMENDMENT = "amendment"
    QUESTION = "question"


class Channel(StrEnum):
    """How a member took part: online, ticked on paper by a facilitator, or by proxy."""

    ONLINE = "online"
    PAPER = "paper"
    PROXY = "proxy"


class Ballot(Base):
    """A scrutin: one or more items, a decision rule frozen at opening, a tally frozen at close."""

    __tablename__ = "ballots"
    __table_args__ = (
        sa.CheckConstraint(
            "threshold_num > 0 AND threshold_num <= threshold_den", name="threshold"
        ),
        sa.CheckConstraint("quorum_percent BETWEEN 0 AND 100", name="quorum_percent"),
        sa.CheckConstraint(
            "closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at", name="times"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    method: Mapped[Method] = mapped_column(
        enum_column(Method, "ballot_method"), default=Method.APPROVAL
    )
    majority: Mapped[Majority] = mapped_column(
        enum_column(Majority, "ballot_majority"), default=Majority.EXPRESSED
    )
    threshold_num: Mapped[int] = mapped_column(default=1)
    threshold_den: Mapped[int] = mapped_column(default=2)
    abstentions_expressed: Mapped[bool] = mapped_column(default=False)
    quorum_percent: Mapped[int] = mapped_column(default=0)
    secret: Mapped[bool] = mapped_column(default=True)
    # Planned times; without them a facilitator opens and closes by hand (opened_at, closed_at).
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Frozen at opening (the first read after it); settled (tallied, box shuffled) at closing.
    eligible: Mapped[int | None]
    frozen_at: Mapped[datetime | None]
    tallied_at: Mapped[datetime | None]
    # When `tick` destroyed the old row versions left by shuffling the secret box.
    purged_at: Mapped[datetime | None]
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    items: Mapped[list["BallotItem"]] = relationship(
        back_populates="ballot", order_by="BallotItem.position"
    )
    created_by: Mapped[Membership] = relationship()

    def state_at(self, now: datetime) -> BallotState:
        """Derive the state from the times: nothing runs in the background."""
        closed = self.closed_at or (self.closes_at if self.opened_at or self.opens_at else None)
        if closed is not None and closed <= now:
            return BallotState.CLOSED
        opened = self.opened_at or self.opens_at
        if opened is not None and opened <= now:
            return BallotState.OPEN
        return BallotState.SCHEDULED

    @classmethod
    def open_at(cls, now: datetime) -> sa.ColumnElement[bool]:
        """Select the ballots open at `now`: the SQL twin of `state_at`, for lists of many."""
        opened = sa.func.coalesce(cls.opened_at, cls.opens_at)
        closed = sa.func.coalesce(cls.closed_at, cls.closes_at)
        return sa.and_(opened <= now, sa.or_(closed.is_(None), closed > now))

    @property
    def state(self) -> BallotState:
        """The state now."""
        return self.state_at(utcnow())

    @property
    def is_open(self) -> bool:
        """Tell whether the ballot takes votes now."""
        return self.state == BallotState.OPEN

    @property
    def threshold(self) -> Fraction:
        """The share of votes for needed."""
        return Fraction(self.threshold_num, self.threshold_den)

    @property
    def rule(self) -> Rule:
        """The decision rule as the tally reads it."""
        return Rule(
            majority=self.majority,
            threshold=self.threshold,
            abstentions_expressed=self.abstentions_expressed,
            quorum=Fraction(self.quorum_percent, 100),
        )

    @property
    def terms(self) -> RuleTerms:
        """The decision rule as pages word it."""
        return rule_terms(self.rule, self.method)


class BallotItem(Base):
    """One question of a ballot: a final recommendation, an amendment, or a free question."""

    __tablename__ = "ballot_items"
    __table_args__ = (
        sa.UniqueConstraint("ballot_id", "position"),
        sa.CheckConstraint(
            "(kind = 'recommendation' AND recommendation_id IS NOT NULL AND amendment_id IS NULL)"
            " OR (kind = 'amendment' AND amendment_id IS NOT NULL AND recommendation_id IS NULL)"
            " OR (kind = 'question' AND recommendation_id IS NULL AND amendment_id IS NULL)",
            name="one_subject",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(sa.ForeignKey("ballots.id"), index=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    position: Mapped[int]
    kind: Mapped[ItemKind] = mapped_column(enum_column(ItemKind, "ballot_item_kind"))
    # Empty for an amendment: its title is said in the reader's language (see `title`).
    stored_title: Mapped[str] = mapped_column("title", sa.String(200), default="")
    question: Mapped[str] = mapped_column(sa.Text, default="")
    recommendation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("recommendations.id"))
    amendment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("amendments.id"))
    # The wording voted on, recorded when the ballot opens.
    version_id: Mapped[int | None] = mapped_column(sa.ForeignKey("recommendation_versions.id"))
    # The frozen tally of this item (counts, rule, outcome), written once at close.
    result: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)

    ballot: Mapped[Ballot] = relationship(back_populates="items")
    recommendation: Mapped[Recommendation | None] = relationship()
    amendment: Mapped[Amendment | None] = relationship()

    @property
    def title(self) -> str:
        """Name the item: an amendment in the reader's language, anything else as written."""
        if self.amendment is None:
            return self.stored_title
        return gettext(
            "Amendment %(number)s to %(reference)s",
            number=self.amendment.id,
            reference=self.amendment.recommendation.reference,
        )


class BallotParticipation(Base):
    """Who has voted on an item, stored apart from what was voted; one per member and item."""

    __tablename__ = "ballot_participations"
    __table_args__ = (sa.UniqueConstraint("item_id", "membership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(sa.ForeignKey("ballots.id"), index=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("ballot_items.id"))
    membership_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"), index=True)
    channel: Mapped[Channel] = mapped_column(
        enum_column(Channel, "ballot_channel"), default=Channel.ONLINE
    )
    # The proxy this participation used, when the channel is proxy (None for legacy rows).
    mandate_id: Mapped[int | None] = mapped_column(sa.ForeignKey("proxy_mandates.id"), index=True)
    # Deliberately no timestamp: with one, times could be matched against the votes.

    member: Mapped[Membership] = relationship()


class BallotElector(Base):
    """A member of a ballot's electorate: the active citizens at the moment it opened."""

    __tablename__ = "ballot_electors"
    __table_args__ = (sa.UniqueConstraint("ballot_id", "membership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(sa.ForeignKey("ballots.id"), index=True)
    membership_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"), index=True)

    member: Mapped[Membership] = relationship()


class Vote(Base):
    """What was voted on one item; a random key, no time; the member only in roll-call ballots."""

    __tablename__ = "votes"
    __table_args__ = (
        sa.UniqueConstraint("item_id", "membership_id"),
        sa.CheckConstraint("(choice IS NULL) <> (grade IS NULL)", name="choice_or_grade"),
        sa.CheckConstraint("grade IS NULL OR grade BETWEEN 0 AND 6", name="grade_range"),
    )

    key: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    ballot_id: Mapped[int] = mapped_column(sa.ForeignKey("ballots.id"), index=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("ballot_items.id"), index=True)
    choice: Mapped[Choice | None] = mapped_column(enum_column(Choice, "vote_choice"))
    grade: Mapped[int | None]
    # Set in roll-call ballots only; a secret vote never names its member.
    membership_id: Mapped[int | None] = mapped_column(sa.ForeignKey("memberships.id"))

    member: Mapped[Membership | None] = relationship()


class Receipt(Base):
    """The fingerprint of a secret ballot's receipt code: the code itself is never stored."""

    __tablename__ = "ballot_receipts"

    fingerprint: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    ballot_id: Mapped[int] = mapped_column(sa.ForeignKey("ballots.id"), index=True)
