"""The one write a read may make: the settle step, explicit and idempotent.

A ballot whose opening or closing time has passed is frozen or counted (once, under its lock),
and that is committed before the page shows it, so every page and format reads the same result.
"""

from collections.abc import Sequence

from convention.extensions import db
from convention.models import Ballot, BallotState
from convention.voting.settling import needs_refresh, refresh


def settled(ballot: Ballot) -> BallotState:
    """Settle what the ballot's times call for, commit it, and return the ballot's state."""
    return settled_states([ballot])[ballot.id]


def settled_states(ballots: Sequence[Ballot]) -> dict[int, BallotState]:
    """Settle the ballots that need it, with one commit; return each one's state by id."""
    states = {ballot.id: ballot.state for ballot in ballots}
    due = [ballot for ballot in ballots if needs_refresh(ballot, states[ballot.id])]
    if not due:  # the usual read: nothing to write, nothing to commit
        return states
    # A read may run without a transaction: end it, so that the settling runs in a real one.
    db.session.commit()
    states |= {ballot.id: refresh(ballot) for ballot in due}
    db.session.commit()
    return states
