"""The one place pages and the report read vote results from: frozen tallies through the rules."""

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from convention.extensions import db
from convention.models import Ballot, BallotItem, Convention, Recommendation
from convention.rules.record import rank_figures, vote_figures
from convention.rules.report import RankedOption, RankingRecord, ResultRecord
from convention.rules.tally import Method


def _closed_items(convention: Convention, method: Method) -> sa.Select:
    """Select the tallied items of the convention's closed ballots of one method, oldest first."""
    return (
        sa.select(BallotItem, Ballot)
        .join(Ballot, BallotItem.ballot_id == Ballot.id)
        .options(joinedload(BallotItem.recommendation))
        .where(
            BallotItem.convention_id == convention.id,
            Ballot.method == method,
            Ballot.closed_at.is_not(None),
            BallotItem.result.is_not(None),
        )
        .order_by(Ballot.closed_at, Ballot.id, BallotItem.position)
    )


def _pairs(select: sa.Select) -> list[tuple[BallotItem, Ballot]]:
    """Run a select of items with their ballots."""
    return [(row[0], row[1]) for row in db.session.execute(select).all()]


def result_record(item: BallotItem, ballot: Ballot) -> ResultRecord:
    """Describe one item's result: the rule applied to its frozen counts."""
    return ResultRecord(
        figures=vote_figures(item.result or {}, ballot.rule),
        terms=ballot.terms,
        threshold=f"{ballot.threshold_num}/{ballot.threshold_den}",
        quorum_percent=int(ballot.quorum_percent),
        ballot=ballot.title,
        closed_on=ballot.closed_at.date().isoformat() if ballot.closed_at else "",
    )


def results_for(convention: Convention) -> dict[int, ResultRecord]:
    """Return the latest result of each recommendation voted for or against, by its id."""
    rows = _pairs(_closed_items(convention, Method.APPROVAL))
    # A later ballot on the same recommendation (a second reading) supersedes an earlier one;
    # a prioritisation ranks recommendations without deciding them, so it is never a result.
    return {
        item.recommendation_id: result_record(item, ballot)
        for item, ballot in rows
        if item.recommendation_id is not None
    }


def result_of(recommendation: Recommendation) -> ResultRecord | None:
    """Return the result that decided one recommendation, if a ballot did."""
    found = _pairs(
        sa.select(BallotItem, Ballot)
        .join(Ballot, BallotItem.ballot_id == Ballot.id)
        .where(
            BallotItem.recommendation_id == recommendation.id,
            Ballot.method == Method.APPROVAL,
            Ballot.closed_at.is_not(None),
            BallotItem.result.is_not(None),
        )
        .order_by(Ballot.closed_at.desc(), Ballot.id.desc())
        .limit(1)
    )
    return result_record(*found[0]) if found else None


def rankings_for(convention: Convention) -> tuple[RankingRecord, ...]:
    """Return every closed majority-judgment ballot with its options ranked."""
    rows = _pairs(_closed_items(convention, Method.JUDGMENT))
    ballots: dict[int, tuple[Ballot, list[BallotItem]]] = {}
    for item, ballot in rows:
        ballots.setdefault(ballot.id, (ballot, []))[1].append(item)
    return tuple(_ranking(ballot, items) for ballot, items in ballots.values())


def _ranking(ballot: Ballot, items: Iterable[BallotItem]) -> RankingRecord:
    """Describe one prioritisation ballot."""
    return RankingRecord(
        ballot=ballot.title,
        closed_on=ballot.closed_at.date().isoformat() if ballot.closed_at else "",
        options=tuple(
            RankedOption(
                reference=item.recommendation.reference if item.recommendation else "",
                title=item.recommendation.title if item.recommendation else item.title,
                figures=rank_figures(item.result or {}),
            )
            for item in items
        ),
    )
