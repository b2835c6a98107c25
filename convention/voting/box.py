"""The secret ballot box: lock the ballot's row, shuffle the box at settling, destroy old rows."""

import sqlalchemy as sa

from convention import ballot_box
from convention.clock import utcnow
from convention.extensions import db
from convention.models import Ballot, BallotState, Receipt, Vote


def hold(ballot: Ballot) -> BallotState:
    """Lock the ballot for a vote: votes run side by side, settling waits for them all."""
    ballot_box.lock_row(ballot, "share")
    return ballot.state


def lock(ballot: Ballot) -> BallotState:
    """Lock the ballot alone: no vote is in flight while this transaction runs."""
    ballot_box.lock_row(ballot, "update")
    return ballot.state


def claim_settling(ballot: Ballot) -> bool:
    """Lock a closed ballot and mark it settled; tell whether this call should settle it."""
    if lock(ballot) != BallotState.CLOSED or ballot.tallied_at is not None:
        return False
    ballot.tallied_at = utcnow()
    db.session.flush()
    return True


def shuffle(ballot: Ballot) -> None:
    """Rewrite a secret ballot's votes and receipts in a random order with new keys."""
    db.session.flush()
    if not ballot.secret:
        return
    ballot_box.rewrite_shuffled(
        Vote,
        Vote.ballot_id == ballot.id,
        (Vote.item_id, Vote.choice, Vote.grade),
        {"ballot_id": ballot.id, "membership_id": None},
    )
    ballot_box.rewrite_shuffled(
        Receipt,
        Receipt.ballot_id == ballot.id,
        (Receipt.fingerprint,),
        {"ballot_id": ballot.id},
        key=None,
    )
    db.session.expire_all()


def pending_purge() -> sa.Select:
    """Return the settled secret ballots whose old rows are not yet destroyed."""
    return sa.select(Ballot.id).where(
        Ballot.secret.is_(True), Ballot.tallied_at.is_not(None), Ballot.purged_at.is_(None)
    )


def purge() -> int:
    """Destroy the old row versions of settled secret boxes; return how many ballots were done."""
    return ballot_box.purge(pending_purge(), Ballot, ("votes", "ballot_receipts"))
