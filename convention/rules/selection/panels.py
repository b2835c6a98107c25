"""The panel oracle: a HiGHS integer program over quota-satisfying compositions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import highspy
import numpy as np

from convention.rules.selection.groups import Composition, Grouping
from convention.rules.selection.pool import Instance

Row = tuple[float, float, dict[int, float]]
INF = highspy.kHighsInf


def new_highs() -> highspy.Highs:
    """Return a silent HiGHS instance."""
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("random_seed", 0)
    return highs


def add_columns(highs: highspy.Highs, lower: Sequence[float], upper: Sequence[float]) -> None:
    """Add columns without matrix entries and zero cost."""
    count = len(lower)
    empty = np.zeros(count + 1, dtype=np.int32)
    highs.addCols(
        count,
        np.zeros(count),
        np.asarray(lower, dtype=float),
        np.asarray(upper, dtype=float),
        0,
        empty[:count],
        np.zeros(0, dtype=np.int32),
        np.zeros(0),
    )


def add_rows(highs: highspy.Highs, rows: Iterable[Row]) -> None:
    """Add rows given as (lower, upper, {column: coefficient})."""
    for lower, upper, entries in rows:
        columns = np.fromiter(entries.keys(), dtype=np.int32, count=len(entries))
        values = np.fromiter(entries.values(), dtype=float, count=len(entries))
        highs.addRow(lower, upper, len(entries), columns, values)


def cell_members(instance: Instance, grouping: Grouping) -> list[list[list[int]]]:
    """Return, per feature and value, the groups having that value."""
    members: list[list[list[int]]] = [[[] for _ in f.quotas] for f in instance.features]
    for number, group in enumerate(grouping.groups):
        for feature, value in enumerate(group.cells):
            members[feature][value].append(number)
    return members


def quota_rows(instance: Instance, grouping: Grouping) -> list[Row]:
    """Return the panel-size row, one row per quota and one per shared household."""
    rows: list[Row] = [(instance.k, instance.k, {g: 1.0 for g in range(len(grouping.groups))})]
    for feature, per_value in zip(instance.features, cell_members(instance, grouping), strict=True):
        for quota, groups in zip(feature.quotas, per_value, strict=True):
            rows.append((quota.minimum, quota.maximum, dict.fromkeys(groups, 1.0)))
    rows += [(0.0, 1.0, dict.fromkeys(home, 1.0)) for home in grouping.households]
    return rows


class PanelOracle:
    """Find the composition maximising a weighted sum of seats, under the quotas."""

    def __init__(self, instance: Instance, grouping: Grouping) -> None:
        """Build the integer program once; later calls only change its objective."""
        self.size = len(grouping.groups)
        self.highs = new_highs()
        self.highs.setOptionValue("mip_rel_gap", 1e-6)
        self.highs.setOptionValue("mip_abs_gap", 1e-9)
        # Every improving panel met on the way is a useful column, not only the best one.
        self.highs.setOptionValue("mip_improving_solution_save", True)
        add_columns(self.highs, [0.0] * self.size, [g.size for g in grouping.groups])
        add_rows(self.highs, quota_rows(instance, grouping))
        integrality = np.full(self.size, highspy.HighsVarType.kInteger)
        self.highs.changeColsIntegrality(
            self.size, np.arange(self.size, dtype=np.int32), integrality
        )
        self.highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.solves = 0

    def set_time_limit(self, seconds: float) -> None:
        """Bound the time of each later solve."""
        self.highs.setOptionValue("time_limit", max(seconds, 0.01))

    def best(self, weights: Sequence[float] | np.ndarray) -> tuple[Composition, float] | None:
        """Return a best composition for the weights and its value, or None if none exists."""
        indices = np.arange(self.size, dtype=np.int32)
        self.highs.changeColsCost(self.size, indices, np.asarray(weights, dtype=float))
        self.highs.run()
        self.solves += 1
        status = self.highs.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        values = self.highs.getSolution().col_value
        if len(values) != self.size or status not in _USABLE:
            raise TimeoutError("the panel search stopped before finding a panel")
        composition = tuple(round(v) for v in values)
        return composition, float(np.dot(weights, composition))

    def improving(
        self, weights: Sequence[float] | np.ndarray, threshold: float
    ) -> list[Composition]:
        """Return the compositions met during the last solve whose value exceeds threshold."""
        found = []
        for solution in self.highs.getSavedMipSolutions():
            composition = tuple(round(v) for v in solution.col_value)
            if len(composition) == self.size and np.dot(weights, composition) > threshold:
                found.append(composition)
        return found


_USABLE = {
    highspy.HighsModelStatus.kOptimal,
    highspy.HighsModelStatus.kTimeLimit,
    highspy.HighsModelStatus.kInterrupt,
}
