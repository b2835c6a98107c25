"""Interchangeable people: groups of volunteers that quotas can't tell apart.

Two volunteers with the same value for every feature, neither of whom shares a household with
anyone else, are interchangeable: swapping them maps quota-satisfying panels onto
quota-satisfying panels. The LEXIMIN distribution is unique, hence gives them the same
probability, so the algorithms work on counts per group ("compositions") rather than on
individual people, which makes the integer programs far smaller and free of symmetry.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from convention.rules.selection.pool import Instance

Composition = tuple[int, ...]


@dataclass(frozen=True)
class Group:
    """People (indices into the pool, in hash order) sharing all values, and their cells."""

    members: tuple[int, ...]
    cells: tuple[int, ...]

    @property
    def size(self) -> int:
        """Return the number of people in the group."""
        return len(self.members)


@dataclass(frozen=True)
class Grouping:
    """The groups of an instance, and the groups that share a household."""

    groups: tuple[Group, ...]
    households: tuple[tuple[int, ...], ...]
    group_of: tuple[int, ...]


def household_keys(instance: Instance) -> list[str | None]:
    """Return each person's normalised household key, None when it is blank or unused."""
    if instance.households is None:
        return [None] * instance.n
    keys: list[str | None] = []
    for fields in instance.households:
        parts = [" ".join(part.casefold().split()) for part in fields]
        keys.append("\x1f".join(parts) if any(parts) else None)
    return keys


def build_grouping(instance: Instance) -> Grouping:
    """Split the pool into groups of interchangeable people."""
    keys = household_keys(instance)
    counts: dict[str, int] = {}
    for key in keys:
        if key is not None:
            counts[key] = counts.get(key, 0) + 1
    buckets: dict[tuple[object, ...], list[int]] = {}
    for index, key in enumerate(keys):
        shared = key is not None and counts[key] > 1
        bucket = ("person", index) if shared else ("cells", instance.cells[index])
        buckets.setdefault(bucket, []).append(index)
    return _grouping_from_buckets(instance, list(buckets.values()), keys, counts)


def _grouping_from_buckets(
    instance: Instance,
    buckets: list[list[int]],
    keys: Sequence[str | None],
    counts: dict[str, int],
) -> Grouping:
    """Turn buckets of people into groups, and list the groups of each shared household."""
    groups = []
    group_of = [0] * instance.n
    for number, members in enumerate(buckets):
        ordered = tuple(sorted(members, key=lambda i: _scramble(instance.people[i].id)))
        groups.append(Group(ordered, instance.cells[ordered[0]]))
        for member in ordered:
            group_of[member] = number
    homes: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        if key is not None and counts[key] > 1:
            homes.setdefault(key, []).append(group_of[index])
    return Grouping(tuple(groups), tuple(tuple(g) for g in homes.values()), tuple(group_of))


def _scramble(person_id: str) -> bytes:
    """Return a sort key that orders people arbitrarily but reproducibly (not by id)."""
    return hashlib.sha256(person_id.encode("utf-8")).digest()


def panel_people(grouping: Grouping, composition: Composition, offsets: list[int]) -> list[int]:
    """Return people for a composition, taking each group's members round-robin from offsets."""
    chosen: list[int] = []
    for number, count in enumerate(composition):
        members = grouping.groups[number].members
        for step in range(count):
            chosen.append(members[(offsets[number] + step) % len(members)])
        if members:
            offsets[number] = (offsets[number] + count) % len(members)
    return chosen


def marginals(grouping: Grouping, expected: Sequence[float], n: int) -> list[float]:
    """Return each person's probability given each group's expected number of seats."""
    result = [0.0] * n
    for group, seats in zip(grouping.groups, expected, strict=True):
        for member in group.members:
            result[member] = seats / group.size
    return result
