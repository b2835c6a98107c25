"""The master linear program of LEXIMIN column generation, kept warm in HiGHS.

Variables: z (the level of the groups not yet fixed) and one weight p_C per panel. Rows: per
group g, sum_C p_C * seats_g(C) / size_g - z >= 0 (or >= its fixed level once fixed), and
sum_C p_C = 1. We minimise -z.
"""

from __future__ import annotations

from collections.abc import Sequence

import highspy
import numpy as np

from convention.rules.selection.groups import Composition, Grouping
from convention.rules.selection.panels import INF, add_rows, new_highs

# Fixed levels are relaxed by this much (HiGHS's feasibility tolerance is 1e-7) so that
# rounding errors don't make the LP infeasible; if they still do, the slack grows tenfold.
FIX_SLACK = 2e-7


class MasterLP:
    """Choose weights over known panels to maximise the lowest unfixed group's probability."""

    def __init__(self, grouping: Grouping, panels: Sequence[Composition]) -> None:
        """Build the LP with z and the given panels."""
        self.sizes = np.array([g.size for g in grouping.groups], dtype=float)
        self.groups = len(self.sizes)
        self.highs = new_highs()
        # Presolve would discard the warm basis that makes each re-solve a few pivots.
        self.highs.setOptionValue("presolve", "off")
        # New columns keep the basis primal feasible: primal simplex resumes from it.
        self.highs.setOptionValue("simplex_strategy", 4)
        self.highs.addCol(-1.0, 0.0, 1.0, 0, np.zeros(0, dtype=np.int32), np.zeros(0))
        rows = [(0.0, INF, {0: -1.0}) for _ in range(self.groups)]
        add_rows(self.highs, [*rows, (1.0, 1.0, {})])
        self.panels: list[Composition] = []
        self.known: set[Composition] = set()
        self.fixed: dict[int, float] = {}
        self.slack = FIX_SLACK
        for panel in panels:
            self.add(panel)

    def add(self, panel: Composition) -> bool:
        """Add a panel as a column; return False if it was already there."""
        if panel in self.known:
            return False
        self.known.add(panel)
        self.panels.append(panel)
        rows = [g for g, seats in enumerate(panel) if seats]
        values = [panel[g] / self.sizes[g] for g in rows] + [1.0]
        indices = np.array([*rows, self.groups], dtype=np.int32)
        self.highs.addCol(0.0, 0.0, INF, len(indices), indices, np.array(values))
        return True

    def fix(self, group: int, level: float) -> None:
        """Require the group's probability to stay at least `level`, no longer tied to z."""
        self.fixed[group] = level
        self.highs.changeCoeff(group, 0, 0.0)
        self.highs.changeRowBounds(group, max(level - self.slack, 0.0), INF)

    def solve(self) -> tuple[float, np.ndarray, float]:
        """Solve; return z, the group rows' duals (>= 0) and the convexity row's dual."""
        status = self._run()
        while status == highspy.HighsModelStatus.kInfeasible and self.slack < 1e-4:
            self.slack *= 10
            for group, level in self.fixed.items():
                self.highs.changeRowBounds(group, max(level - self.slack, 0.0), INF)
            status = self._run()
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"master LP: {self.highs.modelStatusToString(status)}")
        solution = self.highs.getSolution()
        duals = np.asarray(solution.row_dual)
        # HiGHS reports duals of >= rows in a minimisation as non-negative (d = c - A'y).
        return float(solution.col_value[0]), np.maximum(duals[: self.groups], 0.0), float(duals[-1])

    def _run(self) -> highspy.HighsModelStatus:
        """Re-solve from the warm basis; on numerical trouble, solve afresh by the dual simplex."""
        self.highs.run()
        status = self.highs.getModelStatus()
        if status in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kInfeasible):
            return status
        self.highs.clearSolver()
        self.highs.setOptionValue("simplex_strategy", 1)
        self.highs.run()
        self.highs.setOptionValue("simplex_strategy", 4)
        return self.highs.getModelStatus()

    def weights(self) -> np.ndarray:
        """Return the current weight of each panel."""
        values = np.asarray(self.highs.getSolution().col_value[1:], dtype=float)
        return np.clip(values, 0.0, None)

    def probabilities(self) -> np.ndarray:
        """Return each group's current selection probability (per person)."""
        seats = np.asarray(self.panels, dtype=float).T @ self.weights()
        return seats / self.sizes

    def distribution(self) -> tuple[list[Composition], list[float]]:
        """Return the panels with positive weight and their normalised weights."""
        weights = self.weights()
        keep = [i for i, w in enumerate(weights) if w > 1e-12]
        total = float(sum(weights[i] for i in keep))
        return [self.panels[i] for i in keep], [float(weights[i]) / total for i in keep]
