"""Record decisive actions in the audit log, inside the caller's transaction."""

from typing import Any

from convention.extensions import db
from convention.models import AuditEvent, Convention, User


def record(
    actor: User | None,
    action: str,
    target: object,
    *,
    convention: Convention | None = None,
    **details: Any,
) -> AuditEvent:
    """Add an audit event for `action` on `target`; the caller's commit makes it durable."""
    event = AuditEvent(
        actor_id=actor.id if actor else None,
        convention_id=convention.id if convention else None,
        action=action,
        target=_describe(target),
        details=details,
    )
    db.session.add(event)
    return event


def _describe(target: object) -> str:
    """Name a target as `table:id`, or keep a string as given."""
    if isinstance(target, str):
        return target
    return f"{target.__tablename__}:{target.id}"  # type: ignore[attr-defined]
