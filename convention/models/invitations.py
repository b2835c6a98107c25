"""Invitations: the only way into a convention."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from convention.clock import utcnow
from convention.models.base import Base, enum_column
from convention.models.conventions import Convention
from convention.models.users import User
from convention.rules.invitations import InvitationState, invitation_state
from convention.rules.policy import Role


class Invitation(Base):
    """A single-use invitation, reachable by an emailed link or a code printed on a letter."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    name: Mapped[str] = mapped_column(sa.String(120))
    # Only hashes are kept: a database leak must not let anyone join in a member's place.
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    accepted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    invited_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    sent_count: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    convention: Mapped[Convention] = relationship()
    accepted_by: Mapped[User | None] = relationship(foreign_keys=[accepted_by_id])
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])

    def state(self, now: datetime | None = None) -> InvitationState:
        """Return where the invitation stands now."""
        return invitation_state(
            accepted_at=self.accepted_at,
            revoked_at=self.revoked_at,
            expires_at=self.expires_at,
            now=now or utcnow(),
        )
