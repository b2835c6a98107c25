"""LEXIMIN and maximin distributions: the published instance, brute force, edge cases."""

import itertools

import highspy
import numpy as np
import pytest

from convention.rules.selection import Person, Progress, Quota, run_selection
from tests.selection_data import load_example

pytestmark = pytest.mark.pure


def make_people(rows: list[tuple[str, ...]], features: tuple[str, ...]) -> list[Person]:
    """Return people p0, p1, ... with the given values of the features."""
    return [Person(f"p{i}", dict(zip(features, row, strict=True))) for i, row in enumerate(rows)]


def test_example_small_20_gives_everyone_ten_percent() -> None:
    people, quotas = load_example()
    result = run_selection(people, quotas, 20, "leximin", lottery_size=200)
    assert result.complete
    assert len(result.probabilities) == 200
    for probability in result.probabilities:
        assert probability == pytest.approx(0.10, abs=0.0005)
    assert sum(result.probabilities) == pytest.approx(20)


def brute_force_maximin(people: list[Person], quotas: list[Quota], k: int) -> float:
    """Return the maximin probability over all panels, enumerated by hand, by an LP."""
    panels = [
        c
        for c in itertools.combinations(range(len(people)), k)
        if all(
            q.minimum <= sum(people[i].values[q.feature] == q.value for i in c) <= q.maximum
            for q in quotas
        )
    ]
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    # Variables: z, then one weight per panel; maximise z.
    highs.addVar(0, 1)
    highs.addVars(len(panels), np.zeros(len(panels)), np.ones(len(panels)))
    highs.changeColCost(0, -1)
    for person in range(len(people)):
        cols = [0] + [1 + j for j, c in enumerate(panels) if person in c]
        vals = [-1.0] + [1.0] * (len(cols) - 1)
        highs.addRow(
            0, highspy.kHighsInf, len(cols), np.array(cols, dtype=np.int32), np.array(vals)
        )
    ones = np.arange(1, len(panels) + 1, dtype=np.int32)
    highs.addRow(1, 1, len(panels), ones, np.ones(len(panels)))
    highs.run()
    return float(highs.getSolution().col_value[0])


SMALL_FEATURES = ("gender", "age")
SMALL_ROWS = [
    ("f", "young"),
    ("f", "young"),
    ("f", "old"),
    ("m", "old"),
    ("m", "old"),
    ("m", "old"),
    ("m", "young"),
    ("f", "old"),
    ("m", "old"),
]
SMALL_QUOTAS = [
    Quota("gender", "f", 2, 3),
    Quota("gender", "m", 1, 2),
    Quota("age", "young", 2, 4),
    Quota("age", "old", 0, 2),
]


def test_minimum_matches_brute_force_maximin() -> None:
    people = make_people(SMALL_ROWS, SMALL_FEATURES)
    expected = brute_force_maximin(people, SMALL_QUOTAS, 4)
    for method in ("maximin", "leximin"):
        result = run_selection(people, SMALL_QUOTAS, 4, method, lottery_size=100)
        assert min(result.probabilities) == pytest.approx(expected, abs=1e-6)


def test_leximin_profile_dominates_maximin_and_sums_to_k() -> None:
    people = make_people(SMALL_ROWS, SMALL_FEATURES)
    lex = sorted(run_selection(people, SMALL_QUOTAS, 4, "leximin", lottery_size=100).probabilities)
    mm = sorted(run_selection(people, SMALL_QUOTAS, 4, "maximin", lottery_size=100).probabilities)
    assert sum(lex) == pytest.approx(4)
    for a, b in zip(lex, mm, strict=True):
        if abs(a - b) > 1e-6:
            assert a > b
            break


def test_interchangeable_people_get_equal_probabilities() -> None:
    people = make_people(SMALL_ROWS, SMALL_FEATURES)
    result = run_selection(people, SMALL_QUOTAS, 4, "leximin", lottery_size=100)
    by_profile: dict[tuple[str, ...], set[float]] = {}
    for row, p in zip(SMALL_ROWS, result.probabilities, strict=True):
        by_profile.setdefault(row, set()).add(round(p, 6))
    assert all(len(values) == 1 for values in by_profile.values())


def test_panel_of_everyone() -> None:
    people = make_people([("a",), ("a",), ("b",)], ("kind",))
    quotas = [Quota("kind", "a", 0, 3), Quota("kind", "b", 0, 3)]
    result = run_selection(people, quotas, 3, "leximin", lottery_size=10)
    assert result.probabilities == pytest.approx([1.0, 1.0, 1.0])
    assert all(len(panel) == 3 for panel in result.lottery)


def test_feature_with_a_single_value() -> None:
    rows = [("x", "a"), ("x", "a"), ("x", "b"), ("x", "b"), ("x", "b"), ("x", "b")]
    people = make_people(rows, ("country", "kind"))
    quotas = [Quota("country", "x", 2, 2), Quota("kind", "a", 1, 1), Quota("kind", "b", 1, 1)]
    result = run_selection(people, quotas, 2, "leximin", lottery_size=100)
    assert result.probabilities == pytest.approx([0.5, 0.5, 0.25, 0.25, 0.25, 0.25], abs=1e-6)


def test_person_fitting_no_panel_gets_zero_and_is_listed() -> None:
    rows = [("a",), ("a",), ("a",), ("b",), ("c",)]
    people = make_people(rows, ("kind",))
    # Type c can never sit: its maximum is 0. Type b must always sit.
    quotas = [Quota("kind", "a", 1, 3), Quota("kind", "b", 1, 1), Quota("kind", "c", 0, 0)]
    result = run_selection(people, quotas, 2, "leximin", lottery_size=30)
    assert result.unfittable == ["p4"]
    assert result.probabilities == pytest.approx([1 / 3, 1 / 3, 1 / 3, 1.0, 0.0], abs=1e-6)


def test_household_rule_caps_housemates_together() -> None:
    rows = [("a", "1"), ("a", "1"), ("a", "2"), ("b", "3"), ("b", "3"), ("b", "4")]
    people = [Person(f"p{i}", {"kind": k, "home": h}) for i, (k, h) in enumerate(rows)]
    quotas = [Quota("kind", "a", 2, 2), Quota("kind", "b", 2, 2)]
    result = run_selection(people, quotas, 4, "leximin", household=["home"], lottery_size=50)
    p = result.probabilities
    # Each kind fills two seats with one seat per home: the lone member of each kind always sits.
    assert p[2] == pytest.approx(1.0) and p[5] == pytest.approx(1.0)
    assert p[0] + p[1] == pytest.approx(1.0) and p[3] + p[4] == pytest.approx(1.0)


def test_progress_and_cancellation() -> None:
    people, quotas = load_example()
    seen: list[Progress] = []
    result = run_selection(people, quotas, 20, "leximin", lottery_size=50, progress=seen.append)
    assert seen[-1].stage == "done" and seen[-1].fixed == 200
    assert any(p.stage == "leximin" for p in seen)
    stopped = run_selection(
        people, quotas, 20, "leximin", lottery_size=50, should_stop=lambda: True
    )
    assert not stopped.complete
    assert result.complete
    assert sum(stopped.probabilities) == pytest.approx(20)


def test_a_pool_that_troubled_the_warm_simplex_still_gets_its_leximin() -> None:
    """The demo's pool once left HiGHS's warm primal simplex in an unknown state."""
    import random

    from convention.rules.selection.pool import Quota
    from convention.rules.selection.run import run_selection
    from convention.selection.demo import FEATURES, PANEL, VOLUNTEERS, _volunteer

    rng = random.Random(2023)
    people = [_volunteer(n, rng) for n in range(1, VOLUNTEERS + 1)]
    quotas = [
        Quota(f, v, lo, hi) for f, values in FEATURES.items() for v, (_, lo, hi) in values.items()
    ]
    result = run_selection(people, quotas, PANEL, "leximin")
    assert result.complete
    assert abs(sum(result.probabilities) - PANEL) < 1e-6
    assert min(result.probabilities) > 0
