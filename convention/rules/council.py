"""The council's answers as pure rules: decisions, implementation states, overdue flags."""

from collections.abc import Sequence
from datetime import date
from enum import StrEnum


class Decision(StrEnum):
    """What the municipal council decided on one recommendation."""

    ADOPTED = "adopted"
    ADOPTED_WITH_CHANGES = "adopted_with_changes"
    REJECTED = "rejected"
    REFERRED = "referred"


class ImplementationStatus(StrEnum):
    """Where putting an answer into practice stands."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


_FINISHED = frozenset({ImplementationStatus.COMPLETED, ImplementationStatus.ABANDONED})


def reasons_required(decision: Decision) -> bool:
    """Tell whether the council must give reasons: for anything but plain adoption."""
    return decision != Decision.ADOPTED


def is_overdue(
    decision: Decision, deadline: date | None, status: ImplementationStatus | None, today: date
) -> bool:
    """Tell whether an answer's deadline passed with the work still unfinished."""
    if deadline is None or decision == Decision.REJECTED:
        return False
    return deadline < today and status not in _FINISHED


def percent_is_valid(status: ImplementationStatus, percent: int) -> bool:
    """Tell whether a completion percentage fits the status it is given with."""
    if not 0 <= percent <= 100:
        return False
    if status == ImplementationStatus.COMPLETED:
        return percent == 100
    return status != ImplementationStatus.NOT_STARTED or percent == 0


def finished_on(updates: Sequence[tuple[date, ImplementationStatus]]) -> date | None:
    """Return when the work was finished: the latest update, if it completes or abandons it."""
    if not updates:
        return None
    noted_on, status = max(updates, key=lambda u: u[0])
    return noted_on if status in _FINISHED else None


def finished_late(decision: Decision, deadline: date | None, finished: date | None) -> bool:
    """Tell whether the work was finished after its deadline: lateness stays on record."""
    if deadline is None or finished is None or decision == Decision.REJECTED:
        return False
    return finished > deadline
