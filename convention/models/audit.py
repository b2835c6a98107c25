"""The audit log: append-only, one row per decisive action."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from convention.clock import utcnow
from convention.models.base import Base
from convention.models.users import User

# Personal fields sit outside the hash chain, so erasing them leaves the chain intact.
PERSONAL_FIELDS = frozenset({"actor_id"})


class AuditEvent(Base):
    """Who did what to which object, when; chained by hash, never changed but for erasure."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int | None] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(sa.String(64))
    target: Mapped[str] = mapped_column(sa.String(128))
    details: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # The role the actor held then: part of the record, unlike who they are.
    actor_role: Mapped[str | None] = mapped_column(sa.String(16))
    seq: Mapped[int]
    # Unique: a hash can precede only one event, so the database itself refuses a fork.
    prev_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    hash: Mapped[str] = mapped_column(sa.String(64), unique=True)

    actor: Mapped[User | None] = relationship()


class AuditHead(Base):
    """The last link of one chain; writers lock this row so parallel requests cannot fork it."""

    __tablename__ = "audit_heads"

    chain: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(default=0)
    hash: Mapped[str] = mapped_column(sa.String(64))


class AuditIsAppendOnly(RuntimeError):
    """Raised when code tries to change or delete an audit event."""


@event.listens_for(AuditEvent, "before_update")
def _refuse_change(mapper: Any, connection: Any, target: AuditEvent) -> None:
    """Keep the audit log append-only at the ORM level; only personal fields may be erased."""
    changed = {attr.key for attr in sa.inspect(target).attrs if attr.history.has_changes()}
    if not changed <= PERSONAL_FIELDS:
        raise AuditIsAppendOnly(f"audit event {target.id} cannot be changed")


@event.listens_for(AuditEvent, "before_delete")
def _refuse_delete(mapper: Any, connection: Any, target: AuditEvent) -> None:
    """Never delete an audit event: the chain would break, as it should."""
    raise AuditIsAppendOnly(f"audit event {target.id} cannot be deleted")
