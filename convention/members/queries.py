"""Selects for the panel's pages, with their eager loading decided here."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from convention.models import Convention, Invitation, Membership, User


def members_of(convention: Convention) -> sa.Select:
    """Every membership of the convention with its user, active first, by name."""
    return (
        sa.select(Membership)
        .join(User)
        .options(joinedload(Membership.user))
        .where(Membership.convention_id == convention.id)
        .order_by(Membership.active.desc(), User.display_name, Membership.id)
    )


def invitations_of(convention: Convention) -> sa.Select:
    """Every invitation of the convention with who accepted it, newest first."""
    return (
        sa.select(Invitation)
        .options(joinedload(Invitation.accepted_by))
        .where(Invitation.convention_id == convention.id)
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
    )


def invitations_by_id(ids: list[int]) -> sa.Select:
    """The given invitations, loaded at once (after a commit expired them all)."""
    return sa.select(Invitation).where(Invitation.id.in_(ids))
