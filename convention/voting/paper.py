"""Paper ballots counted in the room: into the box as anonymous votes, audited as totals."""

import secrets

import sqlalchemy as sa
from flask_babel import gettext as _

from convention import audit
from convention.extensions import db
from convention.models import Ballot, BallotParticipation, Channel, Membership, Vote
from convention.rules.tally import Choice, Count, Method
from convention.voting import electorate, proxies
from convention.voting.errors import AlreadyVoted, VotingError


def record_hand_count(
    ballot: Ballot, actor: Membership, members: list[Membership], counts: dict[int, Count]
) -> None:
    """Tick the paper voters and drop one anonymous vote per paper ballot into the box.

    No per-channel choice count is kept anywhere: the votes join the box like online ones, and
    the audit event holds how many paper ballots were counted, never who nor what they chose.
    """
    if ballot.method != Method.APPROVAL:
        raise VotingError(_("Paper ballots are counted by hand for for/against/abstain items."))
    if not ballot.secret:
        raise VotingError(_("In a roll-call ballot, enter each member's paper vote."))
    if not members or any(counts[item.id].participants != len(members) for item in ballot.items):
        raise VotingError(_("Each item's hand count must add up to the members ticked."))
    for member in members:
        electorate.check(ballot, member, whose=member.pseudonym)
        if db.session.scalars(_participated(ballot, member)).first() is not None:
            raise AlreadyVoted(_("%(name)s has already voted.", name=member.pseudonym))
    for member in members:
        for item in ballot.items:
            db.session.add(
                BallotParticipation(
                    ballot_id=ballot.id,
                    item_id=item.id,
                    membership_id=member.id,
                    channel=Channel.PAPER,
                )
            )
    for item in ballot.items:
        _drop(ballot, item.id, counts[item.id])
    db.session.flush()
    for member in members:
        proxies.lapse(ballot, member)
    # A per-choice count beside the paper voters' names would name a lone paper voter's choice.
    audit.record(
        actor.user, "ballot.hand_count", ballot, convention=actor.convention, ballots=len(members)
    )


def _participated(ballot: Ballot, member: Membership) -> sa.Select:
    """Select the member's participations in the ballot."""
    return sa.select(BallotParticipation.id).where(
        BallotParticipation.ballot_id == ballot.id,
        BallotParticipation.membership_id == member.id,
    )


def _drop(ballot: Ballot, item_id: int, count: Count) -> None:
    """Put an item's hand-counted ballots into the box, each as its own anonymous vote."""
    choices = (
        [Choice.FOR] * count.yes + [Choice.AGAINST] * count.no + [Choice.ABSTAIN] * count.abstain
    )
    # random keys, no member, no order of entry: a room's paper ballots mixed like a box
    secrets.SystemRandom().shuffle(choices)
    for choice in choices:
        db.session.add(
            Vote(
                key=secrets.token_hex(16),
                ballot_id=ballot.id,
                item_id=item_id,
                choice=choice,
                grade=None,
                membership_id=None,
            )
        )


def audit_roll_call(ballot: Ballot, actor: Membership, members: list[Membership]) -> None:
    """Record who voted on paper in a roll-call ballot; the choices are in the roll call."""
    audit.record(
        actor.user,
        "ballot.paper_votes",
        ballot,
        convention=actor.convention,
        members=sorted(m.id for m in members),
    )
