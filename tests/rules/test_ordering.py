"""Moving one item of an ordered list; names sorted as people read."""

import pytest

from convention.rules.ordering import alphabetical, moved

pytestmark = pytest.mark.pure


def test_an_item_moves_one_place_up_or_down() -> None:
    assert moved(["a", "b", "c"], "c", -1) == ["a", "c", "b"]
    assert moved(["a", "b", "c"], "a", 1) == ["b", "a", "c"]


def test_nothing_moves_past_either_end() -> None:
    assert moved(["a", "b"], "a", -1) is None
    assert moved(["a", "b"], "b", 1) is None
    assert moved(["a"], "a", 1) is None


def test_names_sort_as_people_read_them_whatever_their_case_and_accents() -> None:
    names = ["Fatou", "Élodie", "damien", "Eve", "Anaïs", "Ana"]
    assert alphabetical(names, str) == ["Ana", "Anaïs", "damien", "Élodie", "Eve", "Fatou"]
