"""The one write a read may make: the settle step, explicit and idempotent.

A ballot whose opening or closing time has passed is frozen or counted (once, under its lock),
and that is committed before the page shows it, so every page and format reads the same result.
"""

from collections.abc import Iterable

from convention.extensions import db
from convention.models import Ballot, BallotState
from convention.voting.settling import refresh


def settled(ballot: Ballot) -> BallotState:
    """Settle what the ballot's times call for, commit it, and return the ballot's state."""
    state = refresh(ballot)
    db.session.commit()
    return state


def settled_states(ballots: Iterable[Ballot]) -> dict[int, BallotState]:
    """Settle several ballots at once, with one commit; return each one's state by id."""
    states = {ballot.id: refresh(ballot) for ballot in ballots}
    db.session.commit()
    return states
