"""The transparent lottery: round a distribution to M panels, hash the list, draw, reserves.

Rounding: composition C of weight p_C gets floor(M * p_C) copies, the seats left go by largest
remainder. Inside each group, seats go to its members round-robin (in a fixed hash order,
continuing along the list), so each member of a group of size c with S seats in the list sits
on floor(S / c) or ceil(S / c) panels. Member targets are t = M * p (p their probability), so a
group is fine when c * ceil(t - 1) <= S <= c * floor(t + 1): then each member's share of the
list is within 1/M of p. While some group is outside that window, a repair step swaps one copy
of the panel most worth removing for the panel the oracle finds most worth adding (possibly a
new quota-satisfying panel), as long as this lowers the total excess. The repair is a local
search: `max_deviation` in the result measures what it achieved.

Draw: the index is int(sha256(seed + list_hash), 16) mod M. Reserves: the people not on the
drawn panel whose probability is positive, ordered by sha256("seed|list_hash|id").
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from convention.rules.selection.groups import Composition, Grouping, panel_people
from convention.rules.selection.panels import PanelOracle

SLACK = 1e-9


def round_counts(
    compositions: Sequence[Composition],
    weights: Sequence[float],
    size: int,
    oracle: PanelOracle,
    group_sizes: Sequence[int],
) -> tuple[list[Composition], list[int]]:
    """Return compositions and copy counts (adding up to `size`) whose seats track the weights."""
    matrix = np.asarray(compositions, dtype=float)
    scaled = size * np.asarray(weights, dtype=float)
    counts = np.floor(scaled + SLACK)
    # Largest remainders first, like an apportionment of the seats left over.
    order = np.argsort(-(scaled - counts), kind="stable")
    counts[order[: int(size - counts.sum())]] += 1
    windows = Windows(scaled @ matrix, np.asarray(group_sizes, dtype=float))
    repair = Repair(list(compositions), counts.astype(int).tolist(), windows, oracle)
    repair.run()
    return repair.compositions, repair.counts


class Windows:
    """Per group, the total seats that keep every member within one seat of their target."""

    def __init__(self, target: np.ndarray, sizes: np.ndarray) -> None:
        """Round-robin gives members floor or ceil of seats / size: bound that within 1."""
        self.target = target
        self.sizes = sizes
        self.lower = sizes * np.ceil(target / sizes - 1 - SLACK)
        self.upper = sizes * np.floor(target / sizes + 1 + SLACK)

    def excess(self, seats: np.ndarray) -> np.ndarray:
        """Return, per group, how many seats lie outside the window."""
        return np.clip(np.maximum(self.lower - seats, seats - self.upper), 0, None)

    def potential(self, seats: np.ndarray) -> tuple[float, float]:
        """Return what the repair decreases: total excess, then squared per-person gaps."""
        gaps = (seats - self.target) / self.sizes
        return float(self.excess(seats).sum()), float(gaps @ gaps)

    def values(self, seats: np.ndarray, step: float) -> np.ndarray:
        """Return, per group, how much `step` more seats reduce the excess (plus a pull)."""
        pull = 1e-3 * step * (self.target - seats) / self.sizes
        return self.excess(seats) - self.excess(seats + step) + pull


class Repair:
    """Swap panels of the list until every group's seats lie within its window."""

    def __init__(
        self,
        compositions: list[Composition],
        counts: list[int],
        windows: Windows,
        oracle: PanelOracle,
    ) -> None:
        """Start from a rounded list."""
        self.compositions = compositions
        self.counts = counts
        self.oracle = oracle
        self.windows = windows
        self.seats = np.asarray(counts, dtype=float) @ np.asarray(compositions, dtype=float)

    def run(self, rounds: int = 2000) -> None:
        """Improve until within bounds, stuck, or out of rounds."""
        for _ in range(rounds):
            if self.windows.potential(self.seats)[0] == 0 or not self.improve():
                return

    def improve(self) -> bool:
        """Replace one panel of the list by a better one; return whether the list improved."""
        matrix = np.asarray(self.compositions, dtype=float)
        worth = matrix @ self.windows.values(self.seats, -1.0)
        used = [i for i in np.argsort(-worth, kind="stable") if self.counts[i] > 0]
        return any(self.swap(int(index), matrix[index]) for index in used[:20])

    def swap(self, index: int, removed: np.ndarray) -> bool:
        """Swap one copy of a panel for the oracle's best panel if that lowers the potential."""
        seats = self.seats - removed
        found = self.oracle.best(self.windows.values(seats, 1.0))
        if found is None:
            return False
        added = np.asarray(found[0], dtype=float)
        if self.windows.potential(seats + added) >= self.windows.potential(self.seats):
            return False
        self.counts[index] -= 1
        if found[0] not in self.compositions:
            self.compositions.append(found[0])
            self.counts.append(0)
        self.counts[self.compositions.index(found[0])] += 1
        self.seats = seats + added
        return True


def lottery_panels(
    grouping: Grouping, compositions: Sequence[Composition], counts: Sequence[int]
) -> list[list[int]]:
    """Expand compositions (with their copy counts) into panels of person indices."""
    offsets = [0] * len(grouping.groups)
    panels = []
    for composition, count in zip(compositions, counts, strict=True):
        for _ in range(count):
            panels.append(panel_people(grouping, composition, offsets))
    return panels


def lottery_csv(panels: Sequence[Sequence[str]]) -> str:
    """Return the published list: header `index,ids`, then one row of sorted ids per panel."""
    lines = ["index,ids"]
    lines += [f"{number},{' '.join(sorted(ids))}" for number, ids in enumerate(panels)]
    return "\n".join(lines) + "\n"


def list_hash(text: str) -> str:
    """Return the SHA-256 of the list file's UTF-8 bytes, in lowercase hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def draw_index(seed: str, digest: str, size: int) -> int:
    """Return the drawn (0-based) index: sha256(seed + list hash) as an integer, mod size."""
    value = hashlib.sha256(seed.encode("utf-8") + digest.encode("ascii")).hexdigest()
    return int(value, 16) % size


def reserve_order(
    ids: Sequence[str], probabilities: Sequence[float], panel: set[str], seed: str, digest: str
) -> list[str]:
    """Return the reserves: people off the panel who could be selected, in seeded hash order."""
    candidates = [i for i, p in zip(ids, probabilities, strict=True) if p > 0 and i not in panel]
    return sorted(
        candidates, key=lambda i: hashlib.sha256(f"{seed}|{digest}|{i}".encode()).digest()
    )


def empirical_marginals(panels: Sequence[Sequence[int]], n: int) -> list[float]:
    """Return each person's share of the panels in the list."""
    counts = [0] * n
    for panel in panels:
        for person in panel:
            counts[person] += 1
    return [c / len(panels) for c in counts]


def max_deviation(panels: Sequence[Sequence[int]], probabilities: Sequence[float]) -> float:
    """Return the largest gap between a person's share of the list and their probability."""
    shares = empirical_marginals(panels, len(probabilities))
    return max((abs(a - b) for a, b in zip(shares, probabilities, strict=True)), default=0.0)
