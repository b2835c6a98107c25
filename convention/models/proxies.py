"""Proxies: a mandate from an absent member to a present one, for one ballot or one session."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from convention.clock import utcnow
from convention.models.ballots import Ballot
from convention.models.base import Base, enum_column
from convention.models.conventions import Membership
from convention.models.meetings import ConventionSession
from convention.rules.proxies import MandateSource

# One active mandate per giver and ballot, and per giver and session.
_ACTIVE = sa.text("revoked_at IS NULL AND lapsed_at IS NULL")


class ProxyMandate(Base):
    """A member's proxy: given in the app, recorded from a paper form, or migrated."""

    __tablename__ = "proxy_mandates"
    __table_args__ = (
        sa.CheckConstraint("(ballot_id IS NULL) <> (session_id IS NULL)", name="one_scope"),
        sa.CheckConstraint("holder_id IS NOT NULL OR source = 'legacy'", name="holder_named"),
        sa.CheckConstraint("holder_id IS NULL OR holder_id <> giver_id", name="not_to_self"),
        sa.CheckConstraint("source <> 'paper' OR entered_by_id IS NOT NULL", name="entered_by"),
        sa.Index(
            "uq_proxy_mandates_giver_ballot",
            "giver_id",
            "ballot_id",
            unique=True,
            sqlite_where=_ACTIVE,
            postgresql_where=_ACTIVE,
        ),
        sa.Index(
            "uq_proxy_mandates_giver_session",
            "giver_id",
            "session_id",
            unique=True,
            sqlite_where=_ACTIVE,
            postgresql_where=_ACTIVE,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    giver_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"))
    # None only for proxy votes cast by a facilitator before mandates existed, holder unknown.
    holder_id: Mapped[int | None] = mapped_column(sa.ForeignKey("memberships.id"), index=True)
    ballot_id: Mapped[int | None] = mapped_column(sa.ForeignKey("ballots.id"), index=True)
    session_id: Mapped[int | None] = mapped_column(sa.ForeignKey("convention_sessions.id"))
    source: Mapped[MandateSource] = mapped_column(
        enum_column(MandateSource, "mandate_source"), default=MandateSource.APP
    )
    # The facilitator who recorded a paper form (or, for legacy rows, cast the vote).
    entered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("memberships.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    # Set when the giver voted in person before the holder used the mandate.
    lapsed_at: Mapped[datetime | None]

    giver: Mapped[Membership] = relationship(foreign_keys=[giver_id])
    holder: Mapped[Membership | None] = relationship(foreign_keys=[holder_id])
    entered_by: Mapped[Membership | None] = relationship(foreign_keys=[entered_by_id])
    session: Mapped[ConventionSession | None] = relationship()
    ballot: Mapped[Ballot | None] = relationship()
