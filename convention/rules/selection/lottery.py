"""The transparent lottery: round a distribution to M panels, hash the list, draw, reserves.

Rounding: each panel composition C of weight p_C first gets floor(M * p_C) copies; an integer
program then chooses which compositions get one more copy so that every group's total number
of seats S_g lies within 1 of M times its expected seats. Inside each group, seats go to its
members round-robin (in id order, continuing along the list), so each member sits on
floor(S_g / size) or ceil(S_g / size) panels of the list, which keeps every person's share of
the list within 1/M of their probability.

Draw: the index is int(sha256(seed + list_hash), 16) mod M. Reserves: the people not on the
drawn panel whose probability is positive, ordered by sha256("seed|list_hash|id").
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

import highspy
import numpy as np

from convention.rules.selection.groups import Composition, Grouping, panel_people
from convention.rules.selection.panels import INF, add_columns, add_rows, new_highs

SLACK = 1e-9


def seat_windows(
    compositions: Sequence[Composition], weights: Sequence[float], size: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return, per group, the lowest and highest total seats allowed over the M panels."""
    target = size * (np.asarray(weights) @ np.asarray(compositions, dtype=float))
    return np.ceil(target - 1 - SLACK), np.floor(target + 1 + SLACK)


def round_counts(
    compositions: Sequence[Composition], weights: Sequence[float], size: int
) -> list[int]:
    """Return how many copies of each composition the list of `size` panels holds."""
    scaled = size * np.asarray(weights, dtype=float)
    base = np.floor(scaled + SLACK)
    lower, upper = seat_windows(compositions, weights, size)
    matrix = np.asarray(compositions, dtype=float)
    extra = _choose_extra(matrix, scaled - base, int(size - base.sum()), lower - base @ matrix, upper - base @ matrix)
    return [int(b + e) for b, e in zip(base, extra, strict=True)]


def _choose_extra(
    matrix: np.ndarray, fraction: np.ndarray, count: int, lower: np.ndarray, upper: np.ndarray
) -> np.ndarray:
    """Pick `count` compositions (one copy each) keeping seats within bounds, softly if needed."""
    panels, groups = matrix.shape
    highs = new_highs()
    highs.setOptionValue("mip_rel_gap", 0.05)
    # Columns: one 0/1 per composition, then per group a penalised excess below and above.
    add_columns(highs, [0.0] * (panels + 2 * groups), [1.0] * panels + [INF] * 2 * groups)
    highs.changeColsIntegrality(
        panels, np.arange(panels, dtype=np.int32), np.full(panels, highspy.HighsVarType.kInteger)
    )
    costs = np.concatenate([-np.clip(fraction, 0, 1), np.full(2 * groups, 1000.0)])
    highs.changeColsCost(len(costs), np.arange(len(costs), dtype=np.int32), costs)
    rows = [(float(count), float(count), dict.fromkeys(range(panels), 1.0))]
    for g in range(groups):
        entries = {c: float(matrix[c, g]) for c in range(panels) if matrix[c, g]}
        rows.append((lower[g], INF, {**entries, panels + 2 * g: 1.0}))
        rows.append((-INF, upper[g], {**entries, panels + 2 * g + 1: -1.0}))
    add_rows(highs, rows)
    highs.run()
    return np.round(np.asarray(highs.getSolution().col_value[:panels]))


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
    return sorted(candidates, key=lambda i: hashlib.sha256(f"{seed}|{digest}|{i}".encode()).digest())


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


def is_within(deviation: float, size: int) -> bool:
    """Return whether a deviation respects the 1/M guarantee (up to rounding)."""
    return deviation <= 1 / size + 1e-9 or math.isclose(deviation, 1 / size)
