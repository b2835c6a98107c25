"""Selects for the to-do: each covers every convention at once, so their number never grows."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from convention.models import (
    Amendment,
    Attendance,
    Ballot,
    BallotElector,
    BallotParticipation,
    ConventionSession,
    CouncilResponse,
    Flag,
    InformationRequest,
    Membership,
    Notification,
    NotificationKind,
    Recommendation,
    ReportVersion,
)
from convention.models.recommendations import recommendation_authors, working_group_members
from convention.rules.council import Decision
from convention.rules.recommendations import AmendmentState, RecommendationState


def ballots_to_vote(member_ids: list[int], now: datetime) -> sa.Select:
    """The open ballots each member may vote in and has not: who took part, never the choice."""
    took_part = sa.exists().where(
        BallotParticipation.ballot_id == Ballot.id,
        BallotParticipation.membership_id == Membership.id,
    )
    elector = sa.exists().where(
        BallotElector.ballot_id == Ballot.id, BallotElector.membership_id == Membership.id
    )
    # before the electorate is listed (the first read after opening), it is who had joined then
    joined_in_time = Membership.joined_at <= sa.func.coalesce(Ballot.opened_at, Ballot.opens_at)
    return (
        sa.select(Membership.id, Ballot.id, Ballot.title, Ballot.closes_at)
        .join(Ballot, Ballot.convention_id == Membership.convention_id)
        .where(
            Membership.id.in_(member_ids),
            Ballot.open_at(now),
            ~took_part,
            sa.or_(elector, sa.and_(Ballot.frozen_at.is_(None), joined_in_time)),
        )
        .order_by(Ballot.closes_at.is_(None), Ballot.closes_at, Ballot.id)
    )


def next_sessions(convention_ids: list[int], now: datetime) -> sa.Select:
    """The next session of each convention not cancelled: id, title, start."""
    rank = (
        sa.func.row_number()
        .over(
            partition_by=ConventionSession.convention_id,
            order_by=(ConventionSession.starts_at, ConventionSession.id),
        )
        .label("rank")
    )
    upcoming = (
        sa.select(
            ConventionSession.convention_id,
            ConventionSession.id,
            ConventionSession.title,
            ConventionSession.starts_at,
            rank,
        )
        .where(
            ConventionSession.convention_id.in_(convention_ids),
            ConventionSession.cancelled_at.is_(None),
            ConventionSession.starts_at > now,
        )
        .subquery()
    )
    return sa.select(
        upcoming.c.convention_id, upcoming.c.id, upcoming.c.title, upcoming.c.starts_at
    ).where(upcoming.c.rank == 1)


def unread_by_kind(user_id: int) -> sa.Select:
    """Count the user's unread notifications per convention and kind."""
    return (
        sa.select(Notification.convention_id, Notification.kind, sa.func.count())
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .group_by(Notification.convention_id, Notification.kind)
    )


def _open_amendments() -> sa.Select:
    """Count open amendments and name the first, to be grouped by the caller."""
    return sa.select(sa.func.count(sa.distinct(Amendment.id)), sa.func.min(Amendment.id)).where(
        Amendment.state == AmendmentState.OPEN
    )


def amendments_for_authors(member_ids: list[int]) -> sa.Select:
    """Count, per member, the open amendments to recommendations of their group or their pen."""
    in_group = sa.exists().where(
        working_group_members.c.group_id == Recommendation.group_id,
        working_group_members.c.membership_id == Membership.id,
    )
    author = sa.exists().where(
        recommendation_authors.c.recommendation_id == Recommendation.id,
        recommendation_authors.c.membership_id == Membership.id,
    )
    return (
        _open_amendments()
        .add_columns(Membership.id)
        .join(Recommendation, Recommendation.id == Amendment.recommendation_id)
        .join(Membership, Membership.convention_id == Amendment.convention_id)
        .where(Membership.id.in_(member_ids), sa.or_(in_group, author))
        .group_by(Membership.id)
    )


def amendments_open(convention_ids: list[int]) -> sa.Select:
    """Count, per convention, the open amendments awaiting a decision."""
    return (
        _open_amendments()
        .add_columns(Amendment.convention_id)
        .where(Amendment.convention_id.in_(convention_ids))
        .group_by(Amendment.convention_id)
    )


def flagged_contributions(convention_ids: list[int]) -> sa.Select:
    """Count, per convention, the contributions with flags nobody has reviewed."""
    return (
        sa.select(Flag.convention_id, sa.func.count(sa.distinct(Flag.comment_id)))
        .where(Flag.convention_id.in_(convention_ids), Flag.resolved_at.is_(None))
        .group_by(Flag.convention_id)
    )


def unanswered_questions(convention_ids: list[int]) -> sa.Select:
    """Count, per convention, the questions to the experts without an answer."""
    return (
        sa.select(InformationRequest.convention_id, sa.func.count())
        .where(
            InformationRequest.convention_id.in_(convention_ids),
            InformationRequest.answered_at.is_(None),
        )
        .group_by(InformationRequest.convention_id)
    )


def sessions_without_attendance(convention_ids: list[int], now: datetime) -> sa.Select:
    """Count, per convention, the past sessions with no attendance recorded; name the first."""
    recorded = sa.exists().where(Attendance.session_id == ConventionSession.id)
    return (
        sa.select(
            ConventionSession.convention_id, sa.func.count(), sa.func.min(ConventionSession.id)
        )
        .where(
            ConventionSession.convention_id.in_(convention_ids),
            ConventionSession.cancelled_at.is_(None),
            ConventionSession.ends_at < now,
            ~recorded,
        )
        .group_by(ConventionSession.convention_id)
    )


def ballots_to_run(convention_ids: list[int], now: datetime) -> sa.Select:
    """Count, per convention, the ballots a facilitator opens or closes by hand."""
    to_open = sa.and_(
        Ballot.opens_at.is_(None), Ballot.opened_at.is_(None), Ballot.closed_at.is_(None)
    )
    to_close = sa.and_(Ballot.open_at(now), Ballot.closes_at.is_(None))
    return (
        sa.select(
            Ballot.convention_id,
            sa.func.count().filter(to_open),
            sa.func.count().filter(to_close),
        )
        .where(Ballot.convention_id.in_(convention_ids), sa.or_(to_open, to_close))
        .group_by(Ballot.convention_id)
    )


def reports(convention_ids: list[int]) -> sa.Select:
    """The latest report publication of each convention that has one."""
    return (
        sa.select(ReportVersion.convention_id, sa.func.max(ReportVersion.published_at))
        .where(ReportVersion.convention_id.in_(convention_ids))
        .group_by(ReportVersion.convention_id)
    )


def recent_answers(convention_ids: list[int], since: datetime) -> sa.Select:
    """Count, per convention, the council's answers given or corrected since `since`."""
    return (
        sa.select(CouncilResponse.convention_id, sa.func.count())
        .where(
            CouncilResponse.convention_id.in_(convention_ids),
            CouncilResponse.answered_at >= since,
        )
        .group_by(CouncilResponse.convention_id)
    )


def recent_results(convention_ids: list[int], since: datetime, now: datetime) -> sa.Select:
    """Count, per convention, the ballots closed since `since`: their results are published."""
    closed = sa.func.coalesce(Ballot.closed_at, Ballot.closes_at)
    opened = sa.func.coalesce(Ballot.opened_at, Ballot.opens_at)
    return (
        sa.select(Ballot.convention_id, sa.func.count())
        .where(
            Ballot.convention_id.in_(convention_ids),
            opened.is_not(None),
            closed >= since,
            closed <= now,
        )
        .group_by(Ballot.convention_id)
    )


def answers_due(convention_ids: list[int]) -> sa.Select:
    """Count, per convention, the adopted recommendations the council has not answered."""
    answered = sa.exists().where(CouncilResponse.recommendation_id == Recommendation.id)
    return (
        sa.select(Recommendation.convention_id, sa.func.count(), sa.func.min(Recommendation.id))
        .where(
            Recommendation.convention_id.in_(convention_ids),
            Recommendation.state == RecommendationState.ADOPTED,
            ~answered,
        )
        .group_by(Recommendation.convention_id)
    )


def answers_past_deadline(convention_ids: list[int], latest_today: date) -> sa.Select:
    """The answers whose deadline may have passed, with their updates to tell if work is done."""
    return (
        sa.select(CouncilResponse)
        .options(selectinload(CouncilResponse.updates))
        .where(
            CouncilResponse.convention_id.in_(convention_ids),
            CouncilResponse.deadline < latest_today,
            CouncilResponse.decision != Decision.REJECTED,
        )
    )


# Questions to the experts have their own to-do item; their notifications would repeat it.
COUNTED_KINDS = frozenset(NotificationKind) - {NotificationKind.QUESTION}
