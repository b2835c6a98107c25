"""Dual smoothing only speeds LEXIMIN up: the same probabilities and a quota-valid lottery."""

import random
from typing import Any

import pytest

from convention.rules.selection import Person, Quota, SelectionResult, leximin, run_selection
from tests.rules.test_selection_lottery import check_lottery
from tests.selection_data import load_example

pytestmark = pytest.mark.pure


def skewed_instance(seed: int, n: int = 80) -> tuple[list[Person], list[Quota]]:
    """Return a pool skewed against balanced quotas for 10, so probabilities differ widely."""
    rng = random.Random(seed)
    shares = {"gender": {"f": 3, "m": 7}, "age": {"young": 1, "mid": 3, "old": 6}}
    shares["area"] = {"n": 5, "s": 3, "e": 1}
    people = [
        Person(
            f"id{i:03d}",
            {f: rng.choices(list(v), list(v.values()))[0] for f, v in shares.items()},
        )
        for i in range(n)
    ]
    quotas = [Quota("gender", v, 5, 5) for v in shares["gender"]]
    quotas += [Quota(f, v, 3, 4) for f in ("age", "area") for v in shares[f]]
    return people, quotas


def sorted_profiles(
    people: list[Person],
    quotas: list[Quota],
    k: int,
    monkeypatch: pytest.MonkeyPatch,
    **options: Any,
) -> tuple[list[float], list[float], SelectionResult]:
    """Return the sorted probabilities without and with smoothing, and the smoothed result."""
    with monkeypatch.context() as patch:
        patch.setattr(leximin, "SMOOTHING", 0.0)
        plain = run_selection(people, quotas, k, "leximin", **options)
    smoothed = run_selection(people, quotas, k, "leximin", **options)
    assert plain.complete and smoothed.complete
    return sorted(plain.probabilities), sorted(smoothed.probabilities), smoothed


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_smoothing_keeps_the_leximin_profile(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    people, quotas = skewed_instance(seed)
    plain, smoothed, result = sorted_profiles(people, quotas, 10, monkeypatch, lottery_size=300)
    assert len({round(p, 4) for p in plain}) >= 5
    # Both are the unique LEXIMIN profile: equal up to the LP tolerances.
    assert smoothed == pytest.approx(plain, abs=1e-6)
    check_lottery(result, people, quotas)


def test_smoothing_keeps_the_published_example(monkeypatch: pytest.MonkeyPatch) -> None:
    people, quotas = load_example()
    plain, smoothed, result = sorted_profiles(people, quotas, 20, monkeypatch, lottery_size=200)
    assert smoothed == pytest.approx(plain, abs=1e-6)
    assert smoothed[0] == pytest.approx(0.10, abs=0.0005)
    check_lottery(result, people, quotas)
