"""The one place the report reads vote results from: the voting models' frozen tallies."""

import sqlalchemy as sa

from convention.extensions import db
from convention.models import Ballot, BallotItem, Convention
from convention.rules.report import ResultRecord


def results_for(convention: Convention) -> dict[int, ResultRecord]:
    """Return the latest frozen result of each recommendation voted on, by recommendation id."""
    rows = db.session.execute(
        sa.select(BallotItem, Ballot)
        .join(Ballot, BallotItem.ballot_id == Ballot.id)
        .where(
            BallotItem.convention_id == convention.id,
            BallotItem.recommendation_id.is_not(None),
            Ballot.closed_at.is_not(None),
        )
        .order_by(Ballot.closed_at, BallotItem.id)
    ).all()
    # A later ballot on the same recommendation (a second reading) supersedes an earlier one;
    # an item without a frozen result (not tallied yet) is left out.
    return {
        item.recommendation_id: _record(item, ballot)
        for item, ballot in rows
        if item.result and item.recommendation_id is not None
    }


def _record(item: BallotItem, ballot: Ballot) -> ResultRecord:
    """Read one item's frozen result and its ballot's rule."""
    result = item.result or {}
    return ResultRecord(
        votes_for=int(result.get("yes", 0)),
        votes_against=int(result.get("no", 0)),
        votes_abstain=int(result.get("abstain", 0)),
        participants=int(result.get("participants", 0)),
        eligible=int(result.get("eligible", 0)),
        expressed=int(result.get("expressed", 0)),
        required=int(result.get("required", 0)),
        quorum_needed=int(result.get("quorum_needed", 0)),
        quorum_met=bool(result.get("quorum_met", False)),
        outcome=str(result.get("outcome", "")),
        majority=str(ballot.majority),
        threshold=f"{ballot.threshold_num}/{ballot.threshold_den}",
        quorum_percent=int(ballot.quorum_percent),
        ballot=ballot.title,
        closed_on=ballot.closed_at.date().isoformat() if ballot.closed_at else "",
    )
