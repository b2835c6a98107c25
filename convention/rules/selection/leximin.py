"""LEXIMIN (and maximin) distributions over panels, by column generation.

Following Flanigan, Gölz, Gupta, Hennig and Procaccia (Nature, 2021): each stage maximises the
lowest selection probability z among the groups not yet fixed, keeping fixed groups at their
level, over the panels generated so far (a linear program); the LP's row duals y give the
pricing problem, a composition maximising sum of y_g * seats_g / size_g. While that exceeds the
LP's convexity dual, the composition enters the LP; otherwise z is optimal and every group
with a positive dual can't rise above z: it is fixed there. Panels are kept across stages and
the LP stays warm (only row bounds and coefficients change).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from convention.rules.selection.feasibility import cover_groups, ensure_feasible
from convention.rules.selection.groups import Composition, Grouping
from convention.rules.selection.master import MasterLP
from convention.rules.selection.panels import PanelOracle
from convention.rules.selection.pool import Instance
from convention.rules.selection.progress import Budget

# A column enters when it beats the convexity dual by more than this.
PRICE_TOLERANCE = 1e-9
# A group whose dual exceeds this is fixed at the stage optimum.
DUAL_TOLERANCE = 1e-7
# Weight of the best duals so far in the prices of dual smoothing.
SMOOTHING = 0.8


@dataclass
class Distribution:
    """A probability distribution over compositions, and how far it is certified."""

    compositions: list[Composition]
    weights: list[float]
    complete: bool
    fixed_people: int
    unfittable: list[int]
    lowest: float

    def expected_seats(self, groups: int) -> list[float]:
        """Return each group's expected number of seats."""
        seats = np.zeros(groups)
        for composition, weight in zip(self.compositions, self.weights, strict=True):
            seats += weight * np.asarray(composition, dtype=float)
        return seats.tolist()


class ColumnGeneration:
    """The state of a LEXIMIN computation: LP, oracle, fixed groups and panels."""

    def __init__(self, instance: Instance, grouping: Grouping, budget: Budget) -> None:
        """Check feasibility and generate panels covering every group that fits one."""
        self.grouping = grouping
        self.budget = budget
        self.oracle = PanelOracle(instance, grouping)
        first = ensure_feasible(instance, grouping, self.oracle)
        budget.report("covering", panels=1, message="finding panels that include everyone")
        self.limit_oracle()
        panels, uncovered = cover_groups(grouping, self.oracle, first, budget.exhausted)
        self.complete_cover = not budget.exhausted()
        self.unfittable = uncovered if self.complete_cover else set()
        self.master = MasterLP(grouping, panels)
        self.unfixed = set(range(len(grouping.groups))) - uncovered
        for group in uncovered:
            self.master.fix(group, 0.0)
        self.lowest: float | None = None

    def limit_oracle(self) -> None:
        """Keep the panel searches within the remaining time."""
        left = self.budget.remaining()
        if left is not None:
            self.oracle.set_time_limit(left)

    def fixed_people(self) -> int:
        """Return how many people have a certified final probability."""
        groups = self.grouping.groups
        return sum(g.size for n, g in enumerate(groups) if n not in self.unfixed)

    def report(self, stage: str, force: bool = False) -> None:
        """Send a progress report about the current state."""
        self.budget.report(
            stage,
            fixed=self.fixed_people(),
            panels=len(self.master.panels),
            minimum=self.lowest,
            force=force,
        )

    def optimise_stage(self) -> tuple[float, np.ndarray] | None:
        """Add panels until the LP is optimal; return (z, group duals), None if out of time."""
        sizes = np.array([g.size for g in self.grouping.groups], dtype=float)
        smoothing = Smoothing(self.unfixed, self.master.fixed)
        while True:
            z, duals, convexity = self.master.solve()
            self.report("leximin")
            if self.budget.exhausted():
                return None
            self.limit_oracle()
            for prices in smoothing.prices(duals):
                try:
                    found = self.oracle.best(prices / sizes)
                except TimeoutError:
                    found = None
                if self.budget.exhausted():
                    return None
                if found is None:
                    return z, duals
                smoothing.record(prices, found[1])
                threshold = -convexity + PRICE_TOLERANCE
                if np.dot(duals / sizes, found[0]) > threshold and self.master.add(found[0]):
                    for panel in self.oracle.improving(duals / sizes, threshold):
                        self.master.add(panel)
                    break
            else:
                # Even the LP's own duals price no panel in: z is optimal.
                return z, duals

    def fix_stage(self, z: float, duals: np.ndarray) -> None:
        """Fix the groups that can't rise above z, by their duals or because all are at z."""
        chosen = {g for g in self.unfixed if duals[g] > DUAL_TOLERANCE}
        probabilities = self.master.probabilities()
        if all(abs(probabilities[g] - z) < 1e-7 for g in self.unfixed):
            # The seats add up to k, so no group can rise without another falling below z.
            chosen = set(self.unfixed)
        if not chosen:
            chosen = {g for g in self.unfixed if probabilities[g] < z + 1e-7}
        for group in chosen:
            self.master.fix(group, z)
        self.unfixed -= chosen
        self.lowest = z if self.lowest is None else self.lowest

    def run(self, stages: int | None = None) -> Distribution:
        """Run up to `stages` stages (all if None) and return the distribution reached."""
        done = 0
        self.master.solve()
        while self.unfixed and (stages is None or done < stages) and self.complete_cover:
            result = self.optimise_stage()
            if result is None:
                break
            self.fix_stage(*result)
            done += 1
            self.report("leximin", force=True)
        complete = not self.unfixed and self.complete_cover and not self.budget.stopped_early
        return self.distribution(complete)

    def distribution(self, complete: bool) -> Distribution:
        """Return the LP's current distribution."""
        compositions, weights = self.master.distribution()
        unfittable = [m for g in sorted(self.unfittable) for m in self.grouping.groups[g].members]
        return Distribution(
            compositions, weights, complete, self.fixed_people(), unfittable, self.lowest or 0.0
        )


class Smoothing:
    """Wentges dual smoothing: price at a point between the LP's duals and the best ones so far.

    Column generation tails off because the LP's duals jump around; pricing at a convex
    combination with the duals that gave the best Lagrangian bound finds steadier columns. A
    stage still ends only when pricing at the LP's own duals finds nothing, so results are exact.
    """

    def __init__(self, unfixed: set[int], fixed: dict[int, float]) -> None:
        """Start a stage without a centre."""
        self.unfixed = sorted(unfixed)
        self.fixed = dict(fixed)
        self.centre: np.ndarray | None = None
        self.bound = np.inf

    def prices(self, duals: np.ndarray) -> list[np.ndarray]:
        """Return the duals to price at, the smoothed ones first when they differ."""
        if self.centre is None:
            return [duals]
        return [SMOOTHING * self.centre + (1 - SMOOTHING) * duals, duals]

    def record(self, prices: np.ndarray, best: float) -> None:
        """Keep the prices as the centre if their Lagrangian bound on z is the best so far."""
        weight = float(prices[self.unfixed].sum())
        if weight <= DUAL_TOLERANCE:
            return
        levels = sum(prices[g] * level for g, level in self.fixed.items())
        bound = (best - levels) / weight
        if bound < self.bound:
            self.bound, self.centre = bound, prices


def leximin(instance: Instance, grouping: Grouping, budget: Budget) -> Distribution:
    """Return the LEXIMIN distribution (the best certified one when the budget runs out)."""
    return ColumnGeneration(instance, grouping, budget).run()


def maximin(instance: Instance, grouping: Grouping, budget: Budget) -> Distribution:
    """Return a distribution maximising the lowest selection probability (LEXIMIN's stage 1)."""
    generation = ColumnGeneration(instance, grouping, budget)
    distribution = generation.run(stages=1)
    distribution.complete = generation.complete_cover and not budget.stopped_early
    return distribution
