"""The demo's story keeps the rules a member's request meets: each action in a phase allowing it."""

import sqlalchemy as sa

from convention.extensions import db
from convention.models import Convention, Membership
from convention.rules.policy import Action, Role, allows


class RuleBroken(RuntimeError):
    """Raised when the demo would do what the rules refuse a member in the current phase."""


def allowed(member: Membership, action: Action) -> Membership:
    """Return `member` once the policy lets their role take `action` in the current phase."""
    phase = member.convention.phase
    if not allows(member.role, phase, action):
        raise RuleBroken(f"a {member.role} may not {action} in {phase}")
    return member


def first(convention: Convention, role: Role) -> Membership:
    """Return the convention's first active member with `role`."""
    return members(convention, role)[0]


def members(convention: Convention, role: Role) -> list[Membership]:
    """Return the convention's active members with `role`, in the order they joined."""
    return list(
        db.session.scalars(
            sa.select(Membership)
            .where(
                Membership.convention_id == convention.id,
                Membership.role == role,
                Membership.active.is_(True),
            )
            .order_by(Membership.id)
        )
    )
