"""A ballot item's figures as every page and export shows them: the rules applied to its tally."""

from convention.csvfiles import Cell
from convention.models import Ballot, BallotItem
from convention.rules.record import RankFigures, VoteFigures, rank_figures, vote_figures
from convention.rules.tally import Grade, Method


def figures_of(item: BallotItem) -> VoteFigures | RankFigures:
    """Return an item's figures: a decision under the ballot's rule, or a place in a ranking."""
    if item.ballot.method == Method.JUDGMENT:
        return rank_figures(item.result or {})
    return vote_figures(item.result or {}, item.ballot.rule)


def csv_rows(ballot: Ballot) -> list[list[Cell]]:
    """Return a closed ballot's results as rows, a header first: counts only, never a voter."""
    if ballot.method == Method.JUDGMENT:
        header: list[Cell] = ["item", "title", "rank", "median", *[g.name.lower() for g in Grade]]
        return [header] + [
            [
                item.position,
                item.title,
                f.rank,
                None if f.median is None else int(f.median),
                *f.grades,
            ]
            for item in ballot.items
            for f in [rank_figures(item.result or {})]
        ]
    header = ["item", "title", "for", "against", "abstain", "participants", "eligible"]
    header += ["expressed", "required", "quorum_met", "outcome"]
    return [header] + [
        [
            *(item.position, item.title, f.yes, f.no, f.abstain, f.participants, f.eligible),
            *(f.expressed, f.required, f.quorum_met, f.outcome.value),
        ]
        for item in ballot.items
        for f in [vote_figures(item.result or {}, ballot.rule)]
    ]
