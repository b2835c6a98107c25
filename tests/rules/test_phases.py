"""The lifecycle: one step forward or back at a time."""

import pytest

from convention.rules.phases import LIFECYCLE, Phase, allowed_moves, can_move, progress

pytestmark = pytest.mark.pure


def test_the_lifecycle_follows_the_product_order() -> None:
    assert LIFECYCLE[0] is Phase.SETUP
    assert LIFECYCLE[-1] is Phase.CLOSED
    assert (
        LIFECYCLE.index(Phase.AMENDMENTS)
        < LIFECYCLE.index(Phase.VOTING)
        < LIFECYCLE.index(Phase.REPORT)
    )


def test_a_convention_moves_one_step_at_a_time() -> None:
    assert can_move(Phase.SETUP, Phase.SELECTION)
    assert can_move(Phase.SELECTION, Phase.SETUP)
    assert not can_move(Phase.SETUP, Phase.VOTING)
    assert not can_move(Phase.SETUP, Phase.SETUP)


def test_the_ends_of_the_lifecycle_have_one_neighbour() -> None:
    assert allowed_moves(Phase.SETUP) == (Phase.SELECTION,)
    assert allowed_moves(Phase.CLOSED) == (Phase.FOLLOW_UP,)


def test_progress_counts_from_one() -> None:
    assert progress(Phase.SETUP) == (1, len(LIFECYCLE))
    assert progress(Phase.CLOSED) == (len(LIFECYCLE), len(LIFECYCLE))
