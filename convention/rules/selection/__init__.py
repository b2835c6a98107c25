"""Stratified panel selection: LEXIMIN, maximin and legacy methods, and the lottery.

Pure code (no Flask, no database). `run_selection` is the entry point shared by the command
line and the web application.
"""

from convention.rules.selection.feasibility import InfeasibleQuotasError, RelaxedQuota
from convention.rules.selection.pool import Person, Quota, SelectionInputError
from convention.rules.selection.progress import Progress
from convention.rules.selection.run import METHODS, SelectionResult, run_selection

__all__ = [
    "METHODS",
    "InfeasibleQuotasError",
    "Person",
    "Progress",
    "Quota",
    "RelaxedQuota",
    "SelectionInputError",
    "SelectionResult",
    "run_selection",
]
