"""Working groups drawn by lot: reproducible from a seed, each group mixing the attributes."""

import hashlib
import random
from collections import Counter
from collections.abc import Mapping, Sequence


def seeded_random(seed: str) -> random.Random:
    """Return a generator fixed by the seed's text, the same on every machine and version."""
    digest = hashlib.sha256(seed.encode()).digest()
    return random.Random(int.from_bytes(digest, "big"))  # noqa: S311  (fairness, not secrecy)


def draw_groups(
    members: Mapping[int, Mapping[str, str]], group_count: int, seed: str
) -> list[list[int]]:
    """Deal members (id -> attributes) into groups of near-equal size, spreading each attribute.

    Members sharing a profile are taken together, shuffled by the seed, and dealt round the
    groups; among the smallest groups each goes where its values are the rarest. Every profile,
    and the first attribute's values, end up spread within one member per group.
    """
    if group_count < 1:
        raise ValueError("at least one group")
    rng = seeded_random(seed)
    keys = sorted({key for attributes in members.values() for key in attributes})
    ids = sorted(members)
    rng.shuffle(ids)
    order = sorted(ids, key=lambda m: [str(members[m].get(k) or "") for k in keys])
    rank = list(range(group_count))
    rng.shuffle(rank)
    groups: list[list[int]] = [[] for _ in range(group_count)]
    seen: list[Counter[tuple[str, str]]] = [Counter() for _ in range(group_count)]
    for member_id in order:
        values = [(k, str(v)) for k, v in members[member_id].items() if v not in ("", None)]
        index = min(
            range(group_count),
            key=lambda i: (len(groups[i]), sum(seen[i][value] for value in values), rank[i]),
        )
        groups[index].append(member_id)
        seen[index].update(values)
    return [sorted(group) for group in groups]


def spread(
    groups: Sequence[Sequence[int]], members: Mapping[int, Mapping[str, str]], attribute: str
) -> list[Counter[str]]:
    """Count each value of `attribute` in each group, to show how mixed the groups are."""
    return [
        Counter(str(members[m].get(attribute, "")) for m in group if members[m].get(attribute))
        for group in groups
    ]


def is_balanced(
    groups: Sequence[Sequence[int]], members: Mapping[int, Mapping[str, str]], attribute: str
) -> bool:
    """Tell whether every value of `attribute` is spread evenly: counts differ by at most one."""
    counts = spread(groups, members, attribute)
    values = {value for counter in counts for value in counter}
    return all(max(c[v] for c in counts) - min(c[v] for c in counts) <= 1 for v in values)
