"""The secret ballot box: lock the ballot's row, shuffle the box at settling, destroy old rows."""

import re
import secrets
from typing import Any

import sqlalchemy as sa

from convention.extensions import db
from convention.models import Ballot, BallotState, Receipt, Vote
from convention.models.base import utcnow

_RANDOM = secrets.SystemRandom()
_KEPT = re.compile(r"\b[1-9][0-9]* dead row versions cannot be removed yet")


def _lock(ballot: Ballot, mode: str) -> BallotState:
    """Lock the ballot's row, reload it and return its state now."""
    db.session.flush()
    if db.engine.dialect.name == "sqlite":
        # SQLite serialises writers: a no-op write takes the write lock for this transaction.
        db.session.execute(
            sa.update(Ballot)
            .where(Ballot.id == ballot.id)
            .values(id=Ballot.id)
            .execution_options(synchronize_session=False)
        )
    else:
        select = sa.select(Ballot.id).where(Ballot.id == ballot.id)
        db.session.execute(select.with_for_update(read=mode == "share"))
    db.session.refresh(ballot)
    return ballot.state


def hold(ballot: Ballot) -> BallotState:
    """Lock the ballot for a vote: votes run side by side, settling waits for them all."""
    return _lock(ballot, "share")


def lock(ballot: Ballot) -> BallotState:
    """Lock the ballot alone: no vote is in flight while this transaction runs."""
    return _lock(ballot, "update")


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
    of_vote, of_receipt = Vote.ballot_id == ballot.id, Receipt.ballot_id == ballot.id
    columns = (Vote.item_id, Vote.choice, Vote.grade)
    votes = [dict(row._mapping) for row in db.session.execute(sa.select(*columns).where(of_vote))]
    receipts = list(db.session.scalars(sa.select(Receipt.fingerprint).where(of_receipt)))
    _RANDOM.shuffle(votes)
    _RANDOM.shuffle(receipts)
    unsynced = {"synchronize_session": False}
    db.session.execute(sa.delete(Vote).where(of_vote).execution_options(**unsynced))
    db.session.execute(sa.delete(Receipt).where(of_receipt).execution_options(**unsynced))
    # Written in one transaction, in random order: one xmin, no physical or key order left.
    rows: list[dict[str, Any]] = [
        {**vote, "key": secrets.token_hex(16), "ballot_id": ballot.id, "membership_id": None}
        for vote in votes
    ]
    if rows:
        db.session.execute(sa.insert(Vote), rows)
    if receipts:
        db.session.execute(
            sa.insert(Receipt), [{"fingerprint": f, "ballot_id": ballot.id} for f in receipts]
        )
    db.session.expire_all()


def pending_purge() -> sa.Select:
    """Return the settled secret ballots whose old rows are not yet destroyed."""
    return sa.select(Ballot.id).where(
        Ballot.secret.is_(True), Ballot.tallied_at.is_not(None), Ballot.purged_at.is_(None)
    )


def purge() -> int:
    """Destroy the old row versions of settled secret boxes; return how many ballots were done."""
    ids = list(db.session.scalars(pending_purge()))
    db.session.commit()
    if not ids or not _destroy_old_rows():
        return 0
    db.session.execute(sa.update(Ballot).where(Ballot.id.in_(ids)).values(purged_at=utcnow()))
    db.session.commit()
    return len(ids)


def _destroy_old_rows() -> bool:
    """Rewrite the tables so deleted votes and receipts leave no bytes; False to retry later."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if conn.dialect.name == "sqlite":
            # secure_delete (set on every connection) zeroes freed cells; VACUUM rebuilds the
            # file; the checkpoint copies it back and empties the -wal, which held old pages.
            conn.exec_driver_sql("VACUUM")
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
            return busy is not None and busy[0] == 0
        # A plain VACUUM leaves dead tuples readable in heap and index pages; FULL rewrites both.
        conn.exec_driver_sql("SET lock_timeout = '5s'")
        notices: list[str] = []
        driver: Any = conn.connection.driver_connection

        def keep(notice) -> None:
            notices.append(notice.message_detail or "")

        driver.add_notice_handler(keep)
        try:
            conn.exec_driver_sql("VACUUM (FULL, VERBOSE) votes, ballot_receipts")
        except sa.exc.OperationalError:
            return False
        finally:
            driver.remove_notice_handler(keep)
        # Rows deleted while an older transaction still runs are kept: try again next tick.
        return not any(_KEPT.search(detail) for detail in notices)
