"""The demo convention's ballots: closed ones in both methods, one open to the demo citizen."""

import random
from datetime import timedelta

import sqlalchemy as sa

from convention.extensions import db
from convention.models import Ballot, BallotItem, Convention, ItemKind, Membership, Recommendation
from convention.models.base import utcnow
from convention.rules.policy import Role
from convention.rules.tally import Choice, Grade, Method
from convention.voting import services


def seed_voting(convention: Convention) -> None:
    """Add a closed secret ballot, a closed prioritisation, and an open roll-call ballot."""
    rng = random.Random(2026)  # noqa: S311
    members = db.session.scalars(
        sa.select(Membership)
        .where(Membership.convention_id == convention.id, Membership.active.is_(True))
        .order_by(Membership.id)
    ).all()
    facilitator = next(m for m in members if m.role is Role.FACILITATOR)
    # The first citizen is the demo login: it is left to vote in the open ballot.
    citizens = [m for m in members if m.role is Role.CITIZEN]
    by_state = {
        r.state.value: r
        for r in db.session.scalars(
            sa.select(Recommendation).where(Recommendation.convention_id == convention.id)
        )
    }
    _closed_vote(convention, facilitator, citizens[1:], by_state, rng)
    _closed_priorities(convention, facilitator, citizens[1:], by_state, rng)
    _open_vote(convention, facilitator, citizens, rng)


def _ballot(convention, facilitator, title, items, **settings) -> Ballot:
    """Create a ballot opened a moment ago, with recommendations or questions as items."""
    ballot = Ballot(
        convention_id=convention.id,
        created_by_id=facilitator.id,
        title=title,
        opened_at=utcnow() - timedelta(minutes=20),
        **settings,
    )
    db.session.add(ballot)
    db.session.flush()
    for position, subject in enumerate(items, start=1):
        recommendation = subject if isinstance(subject, Recommendation) else None
        db.session.add(
            BallotItem(
                ballot_id=ballot.id,
                convention_id=convention.id,
                position=position,
                kind=ItemKind.RECOMMENDATION if recommendation else ItemKind.QUESTION,
                title=f"{subject.reference} {subject.title}" if recommendation else subject,
                recommendation_id=recommendation.id if recommendation else None,
            )
        )
    db.session.flush()
    db.session.refresh(ballot)
    services.refresh(ballot, facilitator)
    return ballot


def _close(ballot: Ballot, facilitator: Membership, days_ago: int) -> None:
    """Close a demo ballot as if it had happened some days ago, and tally it."""
    ballot.opened_at = utcnow() - timedelta(days=days_ago, hours=1)
    ballot.closed_at = utcnow() - timedelta(days=days_ago)
    services.refresh(ballot, facilitator)


def _closed_vote(convention, facilitator, citizens, by_state, rng) -> None:
    """A secret ballot that adopted one recommendation and rejected another."""
    adopted, rejected = by_state["adopted"], by_state["rejected"]
    ballot = _ballot(
        convention, facilitator, "Vote final, séance 3", [adopted, rejected], quorum_percent=50
    )
    first, second = ballot.items
    for member in citizens[:36]:
        yes = rng.choices(list(Choice), weights=[75, 15, 10])[0]
        no = rng.choices(list(Choice), weights=[20, 70, 10])[0]
        services.cast_vote(ballot, member, {first.id: yes, second.id: no})
    _close(ballot, facilitator, days_ago=6)


def _closed_priorities(convention, facilitator, citizens, by_state, rng) -> None:
    """A prioritisation by majority judgment among the panel's recommendations."""
    options = [by_state["adopted"], by_state["final"], by_state["in_vote"]]
    ballot = _ballot(
        convention, facilitator, "Quelles priorités ?", options, method=Method.JUDGMENT
    )
    for member in citizens[:30]:
        grades = {
            item.id: Grade(min(6, max(0, rng.randint(1, 6) - index)))
            for index, item in enumerate(ballot.items)
        }
        services.cast_vote(ballot, member, grades)
    _close(ballot, facilitator, days_ago=5)


def _open_vote(convention, facilitator, citizens, rng) -> None:
    """An open roll-call ballot on a procedural question, half the panel has voted."""
    ballot = _ballot(
        convention,
        facilitator,
        "Question de procédure",
        ["Ajouter une séance supplémentaire en juin ?"],
        secret=False,
    )
    for member in citizens[1:20]:
        choice = rng.choices(list(Choice), weights=[60, 30, 10])[0]
        services.cast_vote(ballot, member, {ballot.items[0].id: choice})
