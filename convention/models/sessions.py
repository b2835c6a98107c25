"""Sign-ins recorded on the server, so that a copied cookie dies with the session it names."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from convention.clock import utcnow
from convention.models.base import Base
from convention.models.users import User


class UserSession(Base):
    """One signed-in device of one account; its cookie carries a token whose hash is kept here."""

    __tablename__ = "user_sessions"
    __table_args__ = (sa.Index("ix_user_sessions_user_open", "user_id", "revoked_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    # Only a hash: a database leak must not hand out working cookies.
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Updated at most every few minutes: enough to recognise a device, not to track anyone.
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    device: Mapped[str] = mapped_column(sa.String(80), default="")
    remember: Mapped[bool] = mapped_column(default=False)
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
