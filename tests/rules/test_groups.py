"""The working-group draw: reproducible from a seed, balanced on the recorded attributes."""

import random

import pytest

from convention.rules.groups import draw_groups, is_balanced, spread


def panel(size=40, seed=1):
    rng = random.Random(seed)
    return {
        i: {
            "age": rng.choice(["18-29", "30-44", "45-64", "65+"]),
            "district": rng.choice(["north", "south", "centre"]),
        }
        for i in range(1, size + 1)
    }


def test_the_same_seed_gives_the_same_groups():
    members = panel()
    assert draw_groups(members, 5, "4721") == draw_groups(
        dict(reversed(members.items())), 5, "4721"
    )


def test_another_seed_gives_other_groups():
    members = panel()
    assert draw_groups(members, 5, "4721") != draw_groups(members, 5, "4722")


def test_everyone_is_in_exactly_one_group_of_near_equal_size():
    members = panel(43)
    groups = draw_groups(members, 5, "x")
    assert sorted(m for g in groups for m in g) == sorted(members)
    assert max(map(len, groups)) - min(map(len, groups)) <= 1


@pytest.mark.parametrize("seed", ["1", "2", "public draw 2024"])
def test_the_first_attribute_is_spread_evenly(seed):
    members = panel(seed=len(seed))
    groups = draw_groups(members, 4, seed)
    assert is_balanced(groups, members, "age")


def test_the_second_attribute_is_mixed_in_every_group():
    members = panel(60)
    groups = draw_groups(members, 5, "seed")
    counts = spread(groups, members, "district")
    for district in ("north", "south", "centre"):
        per_group = [c[district] for c in counts]
        assert min(per_group) > 0 and max(per_group) - min(per_group) <= 2, district


def test_members_without_attributes_are_dealt_too():
    groups = draw_groups({1: {}, 2: {}, 3: {"age": "65+"}}, 2, "s")
    assert sorted(m for g in groups for m in g) == [1, 2, 3]


def test_at_least_one_group():
    with pytest.raises(ValueError):
        draw_groups({1: {}}, 0, "s")
