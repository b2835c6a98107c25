"""The convention's lifecycle: its phases, in order, and the moves allowed between them."""

from enum import StrEnum


class Phase(StrEnum):
    """What the panel is doing now."""

    SETUP = "setup"
    SELECTION = "selection"
    ONBOARDING = "onboarding"
    DELIBERATION = "deliberation"
    DRAFTING = "drafting"
    AMENDMENTS = "amendments"
    VOTING = "voting"
    REPORT = "report"
    COUNCIL_RESPONSE = "council_response"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"


LIFECYCLE: tuple[Phase, ...] = tuple(Phase)


def allowed_moves(current: Phase) -> tuple[Phase, ...]:
    """Return the phases a convention in `current` may move to: the next one, or one step back."""
    index = LIFECYCLE.index(current)
    neighbours = [LIFECYCLE[i] for i in (index + 1, index - 1) if 0 <= i < len(LIFECYCLE)]
    return tuple(neighbours)


def can_move(current: Phase, target: Phase) -> bool:
    """Tell whether a convention may go from `current` to `target`."""
    return target in allowed_moves(current)


def progress(current: Phase) -> tuple[int, int]:
    """Return the phase's position (1-based) and the number of phases, for a progress display."""
    return LIFECYCLE.index(current) + 1, len(LIFECYCLE)
