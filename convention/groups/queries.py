"""What the working-group pages read."""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from convention.models import Convention, Membership, Recommendation, WorkingGroup
from convention.rules.policy import Role


def groups_of(convention: Convention) -> sa.Select:
    """The convention's groups with their topics and members, by name."""
    return (
        sa.select(WorkingGroup)
        .options(selectinload(WorkingGroup.topics), selectinload(WorkingGroup.members))
        .where(WorkingGroup.convention_id == convention.id)
        .order_by(WorkingGroup.name)
    )


def recommendations_of(group: WorkingGroup, drafts: bool) -> sa.Select:
    """The group's recommendations, its unsubmitted drafts only when `drafts`."""
    query = sa.select(Recommendation).where(Recommendation.group_id == group.id)
    if not drafts:
        query = query.where(Recommendation.submitted_at.is_not(None))
    return query.order_by(Recommendation.number)


def candidates(convention: Convention) -> sa.Select:
    """The members who may sit in a group (active citizens and facilitators), by pseudonym."""
    return (
        sa.select(Membership)
        .where(
            Membership.convention_id == convention.id,
            Membership.active.is_(True),
            Membership.role.in_([Role.CITIZEN, Role.FACILITATOR]),
        )
        .order_by(Membership.pseudonym)
    )
