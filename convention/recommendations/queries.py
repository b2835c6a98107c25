"""Selects for recommendations: what a member may read, the overview, the detail page."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from convention.models import (
    Amendment,
    Briefing,
    Convention,
    Hearing,
    Membership,
    MinorityOpinion,
    Recommendation,
    RecommendationVersion,
    Support,
    WorkingGroup,
)
from convention.models.recommendations import recommendation_authors, working_group_members
from convention.rules.policy import Role
from convention.rules.recommendations import AmendmentState, RecommendationState


def readable(convention: Convention, member: Membership | None) -> sa.ColumnElement[bool]:
    """The condition a member may read: submitted once, or their group's and their own drafts."""
    in_convention = Recommendation.convention_id == convention.id
    if member is not None and member.role == Role.FACILITATOR:
        return in_convention
    if member is None:
        return sa.and_(in_convention, Recommendation.submitted_at.is_not(None))
    mine = sa.or_(
        Recommendation.group_id.in_(
            sa.select(working_group_members.c.group_id).where(
                working_group_members.c.membership_id == member.id
            )
        ),
        Recommendation.id.in_(
            sa.select(recommendation_authors.c.recommendation_id).where(
                recommendation_authors.c.membership_id == member.id
            )
        ),
    )
    return sa.and_(in_convention, sa.or_(Recommendation.submitted_at.is_not(None), mine))


def overview(
    convention: Convention,
    member: Membership | None,
    *,
    topic_id: int | None = None,
    group_id: int | None = None,
    state: RecommendationState | None = None,
) -> sa.Select:
    """The recommendations a member may read, filtered, by reference."""
    query = (
        sa.select(Recommendation)
        .options(joinedload(Recommendation.topic), joinedload(Recommendation.group))
        .where(readable(convention, member))
        .order_by(Recommendation.number)
    )
    if topic_id:
        query = query.where(Recommendation.topic_id == topic_id)
    if group_id:
        query = query.where(Recommendation.group_id == group_id)
    if state:
        query = query.where(Recommendation.state == state)
    return query


def state_counts(convention: Convention, member: Membership | None) -> sa.Select:
    """Count the readable recommendations in each state, in one query."""
    return (
        sa.select(Recommendation.state, sa.func.count())
        .where(readable(convention, member))
        .group_by(Recommendation.state)
    )


def support_counts(ids: list[int]) -> sa.Select:
    """Count the supports of each recommendation, in one query."""
    return (
        sa.select(Support.recommendation_id, sa.func.count())
        .where(Support.recommendation_id.in_(ids))
        .group_by(Support.recommendation_id)
    )


def open_amendment_counts(ids: list[int]) -> sa.Select:
    """Count the open amendments of each recommendation, in one query."""
    return (
        sa.select(Amendment.recommendation_id, sa.func.count())
        .where(Amendment.recommendation_id.in_(ids), Amendment.state == AmendmentState.OPEN)
        .group_by(Amendment.recommendation_id)
    )


def detail(recommendation_id: int, convention: Convention) -> sa.Select:
    """A recommendation with everything its page shows, loaded up front."""
    return (
        sa.select(Recommendation)
        .options(
            joinedload(Recommendation.topic),
            joinedload(Recommendation.group).selectinload(WorkingGroup.members),
            joinedload(Recommendation.created_by),
            selectinload(Recommendation.authors),
            selectinload(Recommendation.briefings),
            selectinload(Recommendation.hearings),
            selectinload(Recommendation.versions).joinedload(RecommendationVersion.author),
        )
        .where(
            Recommendation.id == recommendation_id, Recommendation.convention_id == convention.id
        )
    )


def amendments_of(recommendation: Recommendation) -> sa.Select:
    """A recommendation's amendments with their authors, the open ones first."""
    return (
        sa.select(Amendment)
        .options(joinedload(Amendment.author), joinedload(Amendment.decided_by))
        .where(Amendment.recommendation_id == recommendation.id)
        .order_by((Amendment.state != AmendmentState.OPEN), Amendment.created_at, Amendment.id)
    )


def supports_of(recommendation: Recommendation) -> sa.Select:
    """A recommendation's supports with their members, oldest first."""
    return (
        sa.select(Support)
        .options(joinedload(Support.member))
        .where(Support.recommendation_id == recommendation.id)
        .order_by(Support.created_at, Support.id)
    )


def opinions_of(recommendation: Recommendation) -> sa.Select:
    """A recommendation's minority opinions with their authors and co-signers."""
    return (
        sa.select(MinorityOpinion)
        .options(joinedload(MinorityOpinion.author), selectinload(MinorityOpinion.cosigners))
        .where(MinorityOpinion.recommendation_id == recommendation.id)
        .order_by(MinorityOpinion.created_at, MinorityOpinion.id)
    )


def evidence(
    model: type[Briefing] | type[Hearing], convention: Convention, ids: list[int] | None = None
) -> sa.Select:
    """The convention's briefings or hearings, in order; only those of `ids` when given."""
    query = sa.select(model).where(model.convention_id == convention.id).order_by(model.id)
    return query if ids is None else query.where(model.id.in_(ids))


def groups_of(convention: Convention) -> sa.Select:
    """The convention's working groups, by name."""
    return (
        sa.select(WorkingGroup)
        .where(WorkingGroup.convention_id == convention.id)
        .order_by(WorkingGroup.name)
    )
