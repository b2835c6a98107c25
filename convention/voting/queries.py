"""Selects for ballots: eligibility, who has voted, counts; eager loading decided here."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased, selectinload

from convention.members.queries import is_active_citizen
from convention.models import (
    Amendment,
    Attendance,
    Ballot,
    BallotElector,
    BallotItem,
    BallotParticipation,
    Convention,
    ConventionSession,
    Membership,
    ProxyMandate,
    Receipt,
    Recommendation,
    Vote,
)
from convention.rules.meetings import AttendanceStatus
from convention.rules.policy import Role
from convention.rules.recommendations import RecommendationState

# A session counts as under way from an hour before its start to an hour after its end.
UNDER_WAY = timedelta(hours=1)


def ballots_of(convention: Convention) -> sa.Select:
    """Return the convention's ballots, newest first, with their items."""
    return (
        sa.select(Ballot)
        .where(Ballot.convention_id == convention.id)
        .options(selectinload(Ballot.items))
        .order_by(Ballot.id.desc())
    )


def eligible_count(convention_id: int) -> sa.Select:
    """Count the active citizen memberships: the members who may vote."""
    return sa.select(sa.func.count(Membership.id)).where(is_active_citizen(convention_id))


def votable(convention: Convention, states: Iterable[RecommendationState]) -> sa.Select:
    """The convention's recommendations in `states`, by number: what a ballot may take."""
    return (
        sa.select(Recommendation)
        .where(Recommendation.convention_id == convention.id, Recommendation.state.in_(states))
        .order_by(Recommendation.number)
    )


def amendments_put_to_vote(convention: Convention) -> sa.Select:
    """The amendments their recommendation's authors put to the panel's vote."""
    return (
        sa.select(Amendment)
        .where(Amendment.convention_id == convention.id, Amendment.put_to_vote.is_(True))
        .order_by(Amendment.id)
    )


def present_count(convention_id: int, now: datetime) -> sa.Select:
    """Count the citizens marked present at a session under way now (None when there is none)."""
    return _present(convention_id, now + UNDER_WAY, now - UNDER_WAY)


def _present(convention_id: Any, soon: Any, lately: Any) -> sa.Select:
    """Count the citizens present at the session starting before `soon`, ending after `lately`."""
    under_way = (
        sa.select(ConventionSession.id)
        .where(
            ConventionSession.convention_id == convention_id,
            ConventionSession.cancelled_at.is_(None),
            ConventionSession.starts_at <= soon,
            ConventionSession.ends_at >= lately,
        )
        .order_by(ConventionSession.starts_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    present = (
        sa.select(sa.func.count(Attendance.id))
        .join(Membership, Membership.id == Attendance.membership_id)
        .where(
            Attendance.session_id == under_way,
            Attendance.status == AttendanceStatus.PRESENT,
            Membership.role == Role.CITIZEN,
            Membership.active.is_(True),
        )
        .scalar_subquery()
    )
    return sa.select(sa.case((under_way.is_(None), None), else_=present))


def live_status(convention_id: int, ballot_id: int, now: datetime) -> tuple[sa.Select, dict]:
    """Load a ballot with who has voted, is present and may vote: one query and its parameters."""
    values = {"convention_id": convention_id, "ballot_id": ballot_id}
    return _live_status(), values | {"soon": now + UNDER_WAY, "lately": now - UNDER_WAY}


@cache
def _live_status() -> sa.Select:
    """Build the live count's query once: phones ask for it every few seconds."""
    convention_id = sa.bindparam("convention_id", type_=sa.Integer)
    ballot_id = sa.bindparam("ballot_id", type_=sa.Integer)
    voted = sa.select(sa.func.count(sa.distinct(BallotParticipation.membership_id))).where(
        BallotParticipation.ballot_id == Ballot.id
    )
    panel = sa.select(sa.func.count(Membership.id)).where(is_active_citizen(convention_id))
    present = _present(convention_id, sa.bindparam("soon"), sa.bindparam("lately"))
    return sa.select(
        Ballot,
        voted.scalar_subquery(),
        present.scalar_subquery(),
        sa.func.coalesce(Ballot.eligible, panel.scalar_subquery()),
    ).where(Ballot.id == ballot_id, Ballot.convention_id == convention_id)


def voters_count(ballot: Ballot) -> sa.Select:
    """Count the members who have taken part in the ballot, on any item and channel."""
    return sa.select(sa.func.count(sa.distinct(BallotParticipation.membership_id))).where(
        BallotParticipation.ballot_id == ballot.id
    )


def participated_items(ballot: Ballot, member: Membership) -> sa.Select:
    """Return the ids of the items the member has taken part in."""
    return sa.select(BallotParticipation.item_id).where(
        BallotParticipation.ballot_id == ballot.id,
        BallotParticipation.membership_id == member.id,
    )


def ballots_taken_part(member: Membership) -> sa.Select:
    """Return the ids of the ballots the member took part in: never what they chose."""
    return (
        sa.select(BallotParticipation.ballot_id)
        .where(BallotParticipation.membership_id == member.id)
        .distinct()
    )


def own_votes(ballot: Ballot, member: Membership) -> sa.Select:
    """Return a roll-call member's votes, item by item."""
    return sa.select(Vote).where(Vote.ballot_id == ballot.id, Vote.membership_id == member.id)


def choice_counts(item: BallotItem) -> sa.Select:
    """Count the votes in an item's box by choice, whatever the channel, as (yes|no|abstain, n)."""
    name = sa.case((Vote.choice == "for", "yes"), (Vote.choice == "against", "no"), else_="abstain")
    return (
        sa.select(name, sa.func.count())
        .where(Vote.item_id == item.id, Vote.choice.is_not(None))
        .group_by(name)
    )


def channel_counts(item: BallotItem) -> sa.Select:
    """Count the participations on an item by channel."""
    return (
        sa.select(BallotParticipation.channel, sa.func.count())
        .where(BallotParticipation.item_id == item.id)
        .group_by(BallotParticipation.channel)
    )


def grades(ballot: Ballot) -> sa.Select:
    """Return every grade given in a prioritisation ballot, as (item id, grade)."""
    return sa.select(Vote.item_id, Vote.grade).where(
        Vote.ballot_id == ballot.id, Vote.grade.is_not(None)
    )


def published_fingerprints(ballot: Ballot) -> sa.Select:
    """Return the counted receipts' fingerprints, sorted: they carry no order of casting."""
    return (
        sa.select(Receipt.fingerprint)
        .where(Receipt.ballot_id == ballot.id)
        .order_by(Receipt.fingerprint)
    )


def receipt_counted(ballot: Ballot, fingerprint: str) -> sa.Select:
    """Tell whether a fingerprint is among the ballot's counted receipts."""
    return sa.select(
        sa.exists().where(Receipt.ballot_id == ballot.id, Receipt.fingerprint == fingerprint)
    )


def published_choices(ballot: Ballot) -> sa.Select:
    """Return the anonymous votes in the order of their random keys, for anyone to recount."""
    return (
        sa.select(Vote.key, Vote.item_id, Vote.choice, Vote.grade)
        .where(Vote.ballot_id == ballot.id)
        .order_by(Vote.key)
    )


def roll_call(ballot: Ballot) -> sa.Select:
    """Return a roll-call ballot's votes as (vote, channel, proxy holder's pseudonym or None)."""
    holder = aliased(Membership)
    return (
        sa.select(Vote, BallotParticipation.channel, holder.pseudonym)
        .join(
            BallotParticipation,
            sa.and_(
                BallotParticipation.item_id == Vote.item_id,
                BallotParticipation.membership_id == Vote.membership_id,
            ),
        )
        .outerjoin(ProxyMandate, ProxyMandate.id == BallotParticipation.mandate_id)
        .outerjoin(holder, holder.id == ProxyMandate.holder_id)
        .where(Vote.ballot_id == ballot.id, Vote.membership_id.is_not(None))
        .options(selectinload(Vote.member))
        .order_by(Vote.item_id, Vote.membership_id)
    )


def voters(ballot: Ballot) -> sa.Select:
    """Return who has taken part, with the channel: never what they chose."""
    return (
        sa.select(Membership.pseudonym, BallotParticipation.channel)
        .join(BallotParticipation, BallotParticipation.membership_id == Membership.id)
        .where(BallotParticipation.ballot_id == ballot.id)
        .distinct()
        .order_by(Membership.pseudonym)
    )


def unsettled(now: datetime) -> sa.Select:
    """Return the ballots closed by now whose tally and box are not settled yet."""
    return sa.select(Ballot).where(
        Ballot.tallied_at.is_(None),
        sa.or_(
            Ballot.closed_at <= now,
            sa.and_(
                Ballot.closes_at <= now,
                sa.or_(Ballot.opened_at.is_not(None), Ballot.opens_at.is_not(None)),
            ),
        ),
    )


def paper_candidates(ballot: Ballot) -> sa.Select:
    """Return the ballot's electors who have not voted yet, by pseudonym."""
    voted = sa.select(BallotParticipation.membership_id).where(
        BallotParticipation.ballot_id == ballot.id
    )
    return (
        sa.select(Membership)
        .join(BallotElector, BallotElector.membership_id == Membership.id)
        .where(BallotElector.ballot_id == ballot.id, Membership.id.not_in(voted))
        .order_by(Membership.pseudonym, Membership.id)
    )
