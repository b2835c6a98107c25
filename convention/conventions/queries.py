"""Selects for conventions and the dashboard."""

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload

from convention.clock import utcnow
from convention.models import AuditEvent, Convention, Invitation, Membership, User


def my_memberships(user: User) -> sa.Select:
    """The user's active memberships with their conventions, most recent first."""
    return (
        sa.select(Membership)
        .join(Membership.convention)
        .options(contains_eager(Membership.convention))
        .where(Membership.user_id == user.id, Membership.active.is_(True))
        .order_by(Membership.joined_at.desc())
    )


def public_conventions() -> sa.Select:
    """Conventions anyone may read, newest first."""
    return (
        sa.select(Convention)
        .where(Convention.is_public.is_(True))
        .order_by(Convention.created_at.desc())
    )


def pending_invitation_counts(convention_ids: list[int]) -> sa.Select:
    """Count the pending invitations of each convention, in one query."""
    return (
        sa.select(Invitation.convention_id, sa.func.count())
        .where(
            Invitation.convention_id.in_(convention_ids),
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > utcnow(),
        )
        .group_by(Invitation.convention_id)
    )


def member_counts(convention_ids: list[int]) -> sa.Select:
    """Count the active members of each convention, in one query."""
    return (
        sa.select(Membership.convention_id, sa.func.count())
        .where(Membership.convention_id.in_(convention_ids), Membership.active.is_(True))
        .group_by(Membership.convention_id)
    )


def audit_log(convention: Convention) -> sa.Select:
    """The convention's audit events with their actors, newest first."""
    return (
        sa.select(AuditEvent)
        .options(joinedload(AuditEvent.actor))
        .where(AuditEvent.convention_id == convention.id)
        .order_by(AuditEvent.seq.desc())
    )
