"""The lottery list: every panel valid, shares within 1/M, hash and draw reproducible."""

import hashlib
import random

import pytest

from convention.rules.selection import Person, Quota, SelectionResult, run_selection
from tests.selection_data import load_example

pytestmark = pytest.mark.pure

FEATURES = ("gender", "age", "area")
HOUSEHOLD = ("street", "number")


def random_instance(seed: int, n: int = 60) -> tuple[list[Person], list[Quota]]:
    """Return a seeded pool with three features and shared homes, and loose quotas for 10."""
    rng = random.Random(seed)
    values = {"gender": ["f", "m"], "age": ["young", "mid", "old"], "area": ["n", "s"]}
    people = []
    for i in range(n):
        row = {f: rng.choice(values[f]) for f in FEATURES}
        row |= {"street": f"street {rng.randrange(n // 3)}", "number": str(rng.randrange(2))}
        people.append(Person(f"id{i:03d}", row))
    quotas = [Quota("gender", v, 4, 6) for v in values["gender"]]
    quotas += [Quota("age", v, 2, 5) for v in values["age"]]
    quotas += [Quota("area", v, 3, 7) for v in values["area"]]
    return people, quotas


def count_breaches(panel: list[str], people: list[Person], quotas: list[Quota], k: int) -> int:
    """Count, by plain counting, the quotas and household rules a panel breaks."""
    by_id = {p.id: p for p in people}
    members = [by_id[i] for i in panel]
    breaches = int(len(set(panel)) != k or len(panel) != k)
    for quota in quotas:
        count = sum(1 for p in members if p.values[quota.feature] == quota.value)
        breaches += not quota.minimum <= count <= quota.maximum
    homes = [tuple(p.values.get(c) for c in HOUSEHOLD) for p in members if "street" in p.values]
    return breaches + len(homes) - len(set(homes))


def check_lottery(result: SelectionResult, people: list[Person], quotas: list[Quota]) -> None:
    """Assert every panel is valid and each person's share is within 1/M of their probability."""
    size = len(result.lottery)
    assert all(count_breaches(panel, people, quotas, result.k) == 0 for panel in result.lottery)
    shares = dict.fromkeys(result.ids, 0)
    for panel in result.lottery:
        for person in panel:
            shares[person] += 1
    for person, probability in zip(result.ids, result.probabilities, strict=True):
        assert abs(shares[person] / size - probability) <= 1 / size + 1e-9


@pytest.mark.parametrize("method", ["leximin", "maximin"])
def test_example_lottery_is_valid(method: str) -> None:
    people, quotas = load_example()
    result = run_selection(people, quotas, 20, method)
    assert len(result.lottery) == 1000
    check_lottery(result, people, quotas)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_instances_with_households(seed: int) -> None:
    people, quotas = random_instance(seed)
    result = run_selection(
        people, quotas, 10, "leximin", household=list(HOUSEHOLD), lottery_size=500
    )
    assert result.complete
    assert len(result.lottery) == 500
    check_lottery(result, people, quotas)


def test_list_format_hash_and_draw() -> None:
    people, quotas = load_example()
    result = run_selection(people, quotas, 20, "leximin", lottery_size=1000, seed="public seed 42")
    lines = result.lottery_text.split("\n")
    assert "\r" not in result.lottery_text and lines[-1] == "" and lines[0] == "index,ids"
    assert len(lines) == 1002
    for number, line in enumerate(lines[1:-1]):
        index, ids = line.split(",")
        assert int(index) == number
        assert ids.split(" ") == sorted(ids.split(" ")) == result.lottery[number]
    digest = hashlib.sha256(result.lottery_text.encode("utf-8")).hexdigest()
    assert result.list_hash == digest
    expected = (
        int(hashlib.sha256(b"public seed 42" + digest.encode("ascii")).hexdigest(), 16) % 1000
    )
    assert result.index == expected
    assert result.panel == result.lottery[expected]


def test_draw_is_reproducible_and_reserves_exclude_the_panel() -> None:
    people, quotas = random_instance(7)
    first = run_selection(people, quotas, 10, "leximin", lottery_size=300, seed="s")
    again = run_selection(people, quotas, 10, "leximin", lottery_size=300, seed="s")
    assert (first.list_hash, first.index, first.panel) == (
        again.list_hash,
        again.index,
        again.panel,
    )
    assert first.reserves == again.reserves
    assert first.reserves is not None and first.panel is not None
    assert not set(first.reserves) & set(first.panel)
    positive = {i for i, p in zip(first.ids, first.probabilities, strict=True) if p > 0}
    assert set(first.reserves) == positive - set(first.panel)
    summary = first.summary()
    assert summary["seed"] == "s" and summary["index"] == first.index
    assert summary["list_hash"] == first.list_hash and summary["lottery_size"] == 300
