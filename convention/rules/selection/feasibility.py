"""Feasibility of the quotas: the check, the smallest relaxation, people who fit no panel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import highspy
import numpy as np

from convention.rules.selection.groups import Composition, Grouping
from convention.rules.selection.panels import (
    INF,
    PanelOracle,
    add_columns,
    add_rows,
    cell_members,
    new_highs,
)
from convention.rules.selection.pool import Instance, Problem, SelectionInputError, sum_errors


@dataclass(frozen=True)
class RelaxedQuota:
    """A quota, and the bounds it needs for some quota-satisfying panel to exist."""

    feature: str
    value: str
    minimum: int
    maximum: int
    relaxed_minimum: int
    relaxed_maximum: int


class InfeasibleQuotasError(SelectionInputError):
    """No panel satisfies the quotas; `relaxation` lists the smallest change that would."""

    def __init__(self, problems: list[Problem], relaxation: list[RelaxedQuota]) -> None:
        super().__init__(problems)
        self.relaxation = relaxation


def smallest_relaxation(instance: Instance, grouping: Grouping) -> list[RelaxedQuota] | None:
    """Return the quotas to change, minimising the total change, or None if none helps."""
    highs = new_highs()
    groups = len(grouping.groups)
    quotas = [q for feature in instance.features for q in feature.quotas]
    add_columns(
        highs,
        [0.0] * (groups + 2 * len(quotas)),
        [g.size for g in grouping.groups] + [INF] * 2 * len(quotas),
    )
    highs.changeColsIntegrality(
        groups + 2 * len(quotas),
        np.arange(groups + 2 * len(quotas), dtype=np.int32),
        np.full(groups + 2 * len(quotas), highspy.HighsVarType.kInteger),
    )
    slack = np.arange(groups, groups + 2 * len(quotas), dtype=np.int32)
    highs.changeColsCost(len(slack), slack, np.ones(len(slack)))
    add_rows(highs, _relaxation_rows(instance, grouping, groups))
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    values = [round(v) for v in highs.getSolution().col_value]
    return _relaxed_quotas(quotas, values[groups:])


def _relaxation_rows(
    instance: Instance, grouping: Grouping, groups: int
) -> list[tuple[float, float, dict[int, float]]]:
    """Return the rows of the relaxation program: quotas softened by slack columns."""
    rows: list[tuple[float, float, dict[int, float]]] = [
        (instance.k, instance.k, {g: 1.0 for g in range(groups)})
    ]
    slack = groups
    for feature, per_value in zip(instance.features, cell_members(instance, grouping), strict=True):
        for quota, members in zip(feature.quotas, per_value, strict=True):
            rows.append((quota.minimum, INF, {**dict.fromkeys(members, 1.0), slack: 1.0}))
            rows.append((-INF, quota.maximum, {**dict.fromkeys(members, 1.0), slack + 1: -1.0}))
            slack += 2
    rows += [(0.0, 1.0, dict.fromkeys(home, 1.0)) for home in grouping.households]
    return rows


def _relaxed_quotas(quotas: list, slacks: list[int]) -> list[RelaxedQuota]:
    """Return the quotas whose slack is positive, with their relaxed bounds."""
    relaxed = []
    for number, quota in enumerate(quotas):
        lower, upper = slacks[2 * number], slacks[2 * number + 1]
        if lower or upper:
            relaxed.append(
                RelaxedQuota(
                    quota.feature,
                    quota.value,
                    quota.minimum,
                    quota.maximum,
                    quota.minimum - lower,
                    quota.maximum + upper,
                )
            )
    return relaxed


def ensure_feasible(instance: Instance, grouping: Grouping, oracle: PanelOracle) -> Composition:
    """Return some quota-satisfying composition, or raise InfeasibleQuotasError."""
    found = (
        None
        if sum_errors(instance.features, instance.k)
        else oracle.best([0.0] * len(grouping.groups))
    )
    if found is not None:
        return found[0]
    problems = sum_errors(instance.features, instance.k) or [Problem("no_panel", source="quotas")]
    relaxation = smallest_relaxation(instance, grouping)
    if relaxation is None:
        problems.append(Problem("no_relaxation", source="quotas"))
    raise InfeasibleQuotasError(problems, relaxation or [])


def cover_groups(
    grouping: Grouping,
    oracle: PanelOracle,
    first: Composition,
    should_stop: Callable[[], bool] = lambda: False,
) -> tuple[list[Composition], set[int]]:
    """Return compositions covering every group that fits some panel, and the groups none fits."""
    panels = [first]
    uncovered = {g for g, count in enumerate(first) if count == 0}
    while uncovered and not should_stop():
        weights = [1.0 if g in uncovered else 0.0 for g in range(len(grouping.groups))]
        try:
            found = oracle.best(weights)
        except TimeoutError:
            break
        if found is None or found[1] < 0.5:
            break
        panels.append(found[0])
        uncovered -= {g for g, count in enumerate(found[0]) if count > 0}
    return panels, uncovered
