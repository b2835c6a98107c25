"""Moving one item of an ordered list."""

import pytest

from convention.rules.ordering import moved

pytestmark = pytest.mark.pure


def test_an_item_moves_one_place_up_or_down() -> None:
    assert moved(["a", "b", "c"], "c", -1) == ["a", "c", "b"]
    assert moved(["a", "b", "c"], "a", 1) == ["b", "a", "c"]


def test_nothing_moves_past_either_end() -> None:
    assert moved(["a", "b"], "a", -1) is None
    assert moved(["a", "b"], "b", 1) is None
    assert moved(["a"], "a", 1) is None
