"""Place the demo's past ballots in the past: services act now, the demo's story happened before."""

from datetime import datetime, timedelta

from convention.extensions import db
from convention.models import Ballot


def backdate(ballot: Ballot, opened: datetime, closed: datetime | None = None) -> None:
    """Move a ballot's times to when the demo says it ran.

    Only times move: counts, outcomes and states were written by the voting services. The audit
    log is append-only and keeps the true time of seeding.
    """
    ballot.created_at = opened - timedelta(hours=1)
    ballot.opened_at = ballot.frozen_at = opened
    if closed is not None:
        ballot.closed_at = ballot.tallied_at = closed
    db.session.flush()
