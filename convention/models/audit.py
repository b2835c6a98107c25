"""The audit log: append-only, one row per decisive action."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from convention.models.base import Base, utcnow
from convention.models.users import User


class AuditEvent(Base):
    """Who did what to which object, when; never updated nor deleted."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int | None] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(sa.String(64))
    target: Mapped[str] = mapped_column(sa.String(128))
    details: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    actor: Mapped[User | None] = relationship()


class AuditIsAppendOnly(RuntimeError):
    """Raised when code tries to change or delete an audit event."""


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_change(mapper: Any, connection: Any, target: AuditEvent) -> None:
    """Keep the audit log append-only at the ORM level."""
    raise AuditIsAppendOnly(f"audit event {target.id} cannot be changed")
