"""A closed ballot's results as a CSV for spreadsheets: counts per item, never a member's choice."""

from convention import csvfiles
from convention.models import Ballot
from convention.voting.figures import csv_rows


def results_csv(ballot: Ballot) -> str:
    """Write one row per item with the same figures as the results page, cells neutralised."""
    header, *rows = csv_rows(ballot)
    return csvfiles.export([str(cell) for cell in header], rows)
