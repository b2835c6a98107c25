"""What the privacy pages read."""

import sqlalchemy as sa

from convention.models import Convention, Membership, User
from convention.rules.policy import Role


def named_members(convention: Convention) -> sa.Select:
    """The names of the panel's members who agreed to be named, alphabetically."""
    return (
        sa.select(User.display_name)
        .join(Membership, Membership.user_id == User.id)
        .where(
            Membership.convention_id == convention.id,
            Membership.role == Role.CITIZEN,
            Membership.name_consent_at.is_not(None),
        )
        .order_by(User.display_name)
    )
