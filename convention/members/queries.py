"""Selects for the panel's pages, with their eager loading decided here."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from convention.models import Convention, Invitation, Membership, User
from convention.rules.policy import Role


def members_of(convention: Convention, text: str = "", role: Role | None = None) -> sa.Select:
    """Memberships with their users, active first, by name; searched and filtered by role."""
    select = (
        sa.select(Membership)
        .join(User)
        .options(joinedload(Membership.user))
        .where(Membership.convention_id == convention.id)
        .order_by(Membership.active.desc(), User.display_name, Membership.id)
    )
    if text:
        select = select.where(
            sa.or_(
                User.stored_display_name.icontains(text, autoescape=True),
                Membership.pseudonym.icontains(text, autoescape=True),
            )
        )
    return select.where(Membership.role == role) if role else select


def invitations_of(convention: Convention) -> sa.Select:
    """Every invitation of the convention with who accepted it, newest first."""
    return (
        sa.select(Invitation)
        .options(joinedload(Invitation.accepted_by))
        .where(Invitation.convention_id == convention.id)
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
    )


def is_active_citizen(convention_id: int | sa.BindParameter[int]) -> sa.ColumnElement[bool]:
    """The convention's panel: its active citizen memberships."""
    return sa.and_(Membership.convention_id == convention_id, Membership.is_active_citizen)


def active_citizens(convention: Convention) -> sa.Select:
    """The active citizens, by pseudonym."""
    return (
        sa.select(Membership)
        .where(is_active_citizen(convention.id))
        .order_by(Membership.pseudonym, Membership.id)
    )
