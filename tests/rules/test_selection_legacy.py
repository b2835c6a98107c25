"""The legacy greedy method: valid panels, shares as probabilities, worse than LEXIMIN."""

import pytest

from convention.rules.selection import Person, Quota, run_selection
from tests.selection_data import load_example

pytestmark = pytest.mark.pure


def breaks_quotas(panel: list[str], people: list[Person], quotas: list[Quota]) -> bool:
    """Return whether a panel breaks a quota, by plain counting."""
    members = [p for p in people if p.id in set(panel)]
    counts = [sum(p.values[q.feature] == q.value for p in members) for q in quotas]
    return any(not q.minimum <= c <= q.maximum for q, c in zip(quotas, counts, strict=True))


def test_legacy_panels_are_valid_and_shares_are_the_probabilities() -> None:
    people, quotas = load_example()
    result = run_selection(people, quotas, 20, "legacy", lottery_size=300, seed="x")
    assert len(result.lottery) == 300
    assert not any(breaks_quotas(panel, people, quotas) for panel in result.lottery)
    shares = dict.fromkeys(result.ids, 0)
    for panel in result.lottery:
        for person in panel:
            shares[person] += 1
    assert [shares[i] / 300 for i in result.ids] == pytest.approx(result.probabilities)
    assert result.panel == result.lottery[result.index or 0]


def test_legacy_minimum_is_no_better_than_leximin() -> None:
    people, quotas = load_example()
    legacy = run_selection(people, quotas, 20, "legacy", lottery_size=500)
    best = run_selection(people, quotas, 20, "leximin", lottery_size=10)
    # The legacy list is itself a distribution over valid panels: LEXIMIN's minimum bounds it.
    assert min(legacy.probabilities) <= min(best.probabilities) + 1e-9
    assert legacy.summary()["gini"] > best.summary()["gini"]


def test_legacy_respects_households() -> None:
    rows = [("a", "1"), ("a", "1"), ("a", "2"), ("b", "3"), ("b", "3"), ("b", "4"), ("b", "5")]
    people = [Person(f"p{i}", {"kind": k, "home": h}) for i, (k, h) in enumerate(rows)]
    quotas = [Quota("kind", "a", 2, 2), Quota("kind", "b", 2, 2)]
    result = run_selection(people, quotas, 4, "legacy", household=["home"], lottery_size=200)
    for panel in result.lottery:
        homes = [people[int(i[1:])].values["home"] for i in panel]
        assert len(homes) == len(set(homes)) == 4
    assert result.probabilities[2] == 1.0
