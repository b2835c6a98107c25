"""A closed ballot's results as a CSV for spreadsheets: counts per item, never a member's choice."""

from convention import csvfiles
from convention.models import Ballot
from convention.rules.tally import Grade, Method

COUNT_COLUMNS = (
    "item",
    "title",
    "for",
    "against",
    "abstain",
    "participants",
    "eligible",
    "quorum_met",
    "outcome",
)


def results_csv(ballot: Ballot) -> str:
    """Write one row per item, with the figures its method produces."""
    if ballot.method == Method.JUDGMENT:
        header = ["item", "title", "rank", "median", *[grade.name.lower() for grade in Grade]]
        rows = [
            [item.position, item.title, r.get("rank"), r.get("median"), *r.get("grades", [])]
            for item, r in _results(ballot)
        ]
        return csvfiles.export(header, rows)
    keys = ("yes", "no", "abstain", "participants", "eligible", "quorum_met", "outcome")
    rows = [
        [item.position, item.title, *(r.get(key) for key in keys)] for item, r in _results(ballot)
    ]
    return csvfiles.export(COUNT_COLUMNS, rows)


def _results(ballot: Ballot) -> list[tuple]:
    """Pair each item with its stored result (empty before the tally)."""
    return [(item, item.result or {}) for item in ballot.items]
