"""One entry point for a whole selection: distribution, lottery list, draw and reserves."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from convention.rules.selection.groups import Grouping, build_grouping, marginals
from convention.rules.selection.legacy import legacy_panels
from convention.rules.selection.leximin import Distribution, leximin, maximin
from convention.rules.selection.lottery import (
    draw_index,
    empirical_marginals,
    list_hash,
    lottery_csv,
    lottery_panels,
    max_deviation,
    reserve_order,
    round_counts,
)
from convention.rules.selection.panels import PanelOracle
from convention.rules.selection.pool import Instance, Person, Quota, build_instance
from convention.rules.selection.progress import Budget, ProgressCallback, StopCallback

Method = Literal["leximin", "maximin", "legacy"]
METHODS: tuple[str, ...] = ("leximin", "maximin", "legacy")
# The legacy runs are seeded with a constant: the list they make is published before the draw.
LEGACY_SEED = 20210804


@dataclass
class SelectionResult:
    """Everything a selection produces; `probabilities` follows the pool's order."""

    method: str
    k: int
    ids: list[str]
    probabilities: list[float]
    lottery: list[list[str]]
    lottery_text: str
    list_hash: str
    seconds: float
    complete: bool
    max_deviation: float = 0.0
    unfittable: list[str] = field(default_factory=list)
    seed: str | None = None
    index: int | None = None
    panel: list[str] | None = None
    reserves: list[str] | None = None

    def summary(self) -> dict[str, Any]:
        """Return the figures of summary.json."""
        values = self.probabilities
        summary: dict[str, Any] = {
            "method": self.method,
            "n": len(self.ids),
            "k": self.k,
            "seconds": round(self.seconds, 3),
            "min": min(values),
            "median": statistics.median(values),
            "max": max(values),
            "gini": gini(values),
            "lottery_size": len(self.lottery),
            "list_hash": self.list_hash,
        }
        if self.seed is not None:
            summary |= {"seed": self.seed, "index": self.index}
        return summary


def gini(values: Sequence[float]) -> float:
    """Return the Gini coefficient of non-negative values (0 when all are equal)."""
    ordered = sorted(values)
    total = sum(ordered)
    if total <= 0:
        return 0.0
    n = len(ordered)
    weighted = sum((2 * (i + 1) - n - 1) * v for i, v in enumerate(ordered))
    return max(weighted / (n * total), 0.0)


def run_selection(
    people: Sequence[Person],
    quotas: Sequence[Quota],
    k: int,
    method: Method = "leximin",
    *,
    household: Sequence[str] | None = None,
    lottery_size: int = 1000,
    seed: str | None = None,
    max_seconds: float | None = None,
    progress: ProgressCallback | None = None,
    should_stop: StopCallback | None = None,
) -> SelectionResult:
    """Select: compute the distribution, round it to the lottery list, draw if seeded."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    if lottery_size < 1:
        raise ValueError("the lottery size must be at least 1")
    instance = build_instance(people, quotas, k, household=household)
    budget = Budget(instance.n, max_seconds, progress, should_stop)
    if method == "legacy":
        result = _legacy(instance, lottery_size, budget)
    else:
        result = _optimal(instance, method, lottery_size, budget)
    if seed is not None:
        _draw(result, seed)
    result.seconds = budget.elapsed()
    budget.report(
        "done", fixed=instance.n, panels=len(result.lottery), minimum=min(result.probabilities)
    )
    return result


def _optimal(instance: Instance, method: str, size: int, budget: Budget) -> SelectionResult:
    """Compute a LEXIMIN or maximin distribution and its lottery list."""
    grouping = build_grouping(instance)
    compute = leximin if method == "leximin" else maximin
    distribution: Distribution = compute(instance, grouping, budget)
    budget.report(
        "rounding", fixed=distribution.fixed_people, panels=len(distribution.compositions)
    )
    seats = distribution.expected_seats(len(grouping.groups))
    probabilities = marginals(grouping, seats, instance.n)
    panels = _round(instance, grouping, distribution, size)
    result = _result(instance, method, probabilities, panels, distribution.complete)
    result.unfittable = [instance.people[i].id for i in distribution.unfittable]
    return result


def _round(
    instance: Instance, grouping: Grouping, distribution: Distribution, size: int
) -> list[list[int]]:
    """Round the distribution to `size` panels of person indices."""
    oracle = PanelOracle(instance, grouping)
    sizes = [group.size for group in grouping.groups]
    compositions, counts = round_counts(
        distribution.compositions, distribution.weights, size, oracle, sizes
    )
    return lottery_panels(grouping, compositions, counts)


def _legacy(instance: Instance, size: int, budget: Budget) -> SelectionResult:
    """Run the greedy method `size` times; the list's shares are the probabilities."""
    panels = legacy_panels(instance, size, LEGACY_SEED, budget)
    return _result(instance, "legacy", empirical_marginals(panels, instance.n), panels, True)


def _result(
    instance: Instance,
    method: str,
    probabilities: list[float],
    panels: list[list[int]],
    complete: bool,
) -> SelectionResult:
    """Assemble a result from probabilities and the lottery's panels of person indices."""
    ids = [p.id for p in instance.people]
    lottery = [sorted(ids[i] for i in panel) for panel in panels]
    text = lottery_csv(lottery)
    deviation = max_deviation(panels, probabilities)
    return SelectionResult(
        method,
        instance.k,
        ids,
        probabilities,
        lottery,
        text,
        list_hash(text),
        0.0,
        complete,
        deviation,
    )


def _draw(result: SelectionResult, seed: str) -> None:
    """Draw the panel from the list with the public seed and rank the reserves."""
    result.seed = seed
    result.index = draw_index(seed, result.list_hash, len(result.lottery))
    result.panel = result.lottery[result.index]
    chosen = set(result.panel)
    result.reserves = reserve_order(
        result.ids, result.probabilities, chosen, seed, result.list_hash
    )
