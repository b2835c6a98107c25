"""Data types for a selection (pool, quotas, panel size) and their validation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """Why a selection can't go ahead: a code, its parameters, and the file line it was found on.

    The rules stay free of any language: the selection package says each code in words.
    """

    code: str
    params: Mapping[str, str | int] = field(default_factory=dict)
    source: str = "pool"
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source} line {self.line}: " if self.line is not None else ""
        return f"{where}{self.code} {dict(self.params)}"

    def as_json(self) -> dict[str, Any]:
        """Return the problem as JSON-ready data, to store and say later in a reader's language."""
        return asdict(self) | {"params": dict(self.params)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Problem:
        """Return the problem stored by `as_json`."""
        return cls(**data)


class SelectionInputError(ValueError):
    """The pool, the quotas or the panel size can't be used; `problems` says why."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = list(problems)


@dataclass(frozen=True)
class Quota:
    """Bounds on how many panel members have `value` for `feature`."""

    feature: str
    value: str
    minimum: int
    maximum: int
    line: int | None = None


@dataclass(frozen=True)
class Person:
    """A volunteer: an id and their fields (a value per feature, maybe address fields)."""

    id: str
    values: Mapping[str, str]
    line: int | None = None


@dataclass(frozen=True)
class Feature:
    """A feature and its quotas, one per value."""

    name: str
    quotas: tuple[Quota, ...]

    def value_index(self, value: str) -> int | None:
        """Return the index of `value` among this feature's quotas (case-insensitive)."""
        wanted = value.strip().casefold()
        for index, quota in enumerate(self.quotas):
            if quota.value.casefold() == wanted:
                return index
        return None


@dataclass(frozen=True)
class Instance:
    """A validated selection problem: people, features with quotas, panel size."""

    people: tuple[Person, ...]
    features: tuple[Feature, ...]
    k: int
    cells: tuple[tuple[int, ...], ...] = field(repr=False)
    households: tuple[tuple[str, ...], ...] | None = field(default=None, repr=False)

    @property
    def n(self) -> int:
        """Return the number of people in the pool."""
        return len(self.people)


def group_quotas(quotas: Sequence[Quota]) -> tuple[Feature, ...]:
    """Group quota rows by feature, keeping the order of first appearance."""
    order: dict[str, str] = {}
    rows: dict[str, list[Quota]] = {}
    for quota in quotas:
        key = quota.feature.strip().casefold()
        order.setdefault(key, quota.feature.strip())
        rows.setdefault(key, []).append(quota)
    return tuple(Feature(order[key], tuple(rows[key])) for key in order)


def quota_errors(features: Sequence[Feature], k: int) -> list[Problem]:
    """Return the problems of the quotas taken alone."""
    errors: list[Problem] = []
    for feature in features:
        seen: set[str] = set()
        for quota in feature.quotas:
            errors += _quota_row_errors(quota, seen)
    return errors


def _quota_row_errors(quota: Quota, seen: set[str]) -> list[Problem]:
    """Return the problems of one quota row, recording its value in `seen`."""
    errors = []
    key = quota.value.strip().casefold()
    names = {"feature": quota.feature, "value": quota.value}
    if key in seen:
        errors.append(Problem("duplicate_quota_value", names, "quotas", quota.line))
    seen.add(key)
    if quota.minimum < 0 or quota.minimum > quota.maximum:
        bounds = names | {"min": quota.minimum, "max": quota.maximum}
        errors.append(Problem("quota_bounds", bounds, "quotas", quota.line))
    return errors


def sum_errors(features: Sequence[Feature], k: int) -> list[Problem]:
    """Return the features whose minimums add up above k or maximums below k."""
    errors = []
    for feature in features:
        low = sum(q.minimum for q in feature.quotas)
        high = sum(q.maximum for q in feature.quotas)
        if not low <= k <= high:
            params: dict[str, str | int] = {
                "feature": feature.name,
                "low": low,
                "high": high,
                "k": k,
            }
            errors.append(Problem("quota_sum", params, "quotas"))
    return errors


def person_cells(
    person: Person, features: Sequence[Feature]
) -> tuple[tuple[int, ...], list[Problem]]:
    """Return the quota index of each of a person's values, and the problems found."""
    cells: list[int] = []
    errors: list[Problem] = []
    lowered = {name.casefold(): value for name, value in person.values.items()}
    for feature in features:
        value = lowered.get(feature.name.casefold())
        index = None if value is None else feature.value_index(value)
        if index is None:
            known = ", ".join(q.value for q in feature.quotas)
            params = {"id": person.id, "feature": feature.name, "known": known}
            if value is None:
                errors.append(Problem("missing_value", params, line=person.line))
            else:
                params["value"] = value
                errors.append(Problem("value_without_quota", params, line=person.line))
        cells.append(-1 if index is None else index)
    return tuple(cells), errors


def build_instance(
    people: Sequence[Person],
    quotas: Sequence[Quota],
    k: int,
    *,
    household: Sequence[str] | None = None,
) -> Instance:
    """Validate people and quotas for a panel of k and return the instance."""
    features = group_quotas(quotas)
    errors = _basic_errors(people, features, k)
    all_cells = []
    for person in people:
        cells, person_errors = person_cells(person, features)
        errors += person_errors
        all_cells.append(cells)
    homes, home_errors = household_fields(people, household)
    if errors or home_errors:
        raise SelectionInputError(errors + home_errors)
    return Instance(tuple(people), features, k, tuple(all_cells), homes)


def household_fields(
    people: Sequence[Person], columns: Sequence[str] | None
) -> tuple[tuple[tuple[str, ...], ...] | None, list[Problem]]:
    """Return each person's household fields (None without columns), and the problems found."""
    if not columns:
        return None, []
    homes = []
    for person in people:
        lowered = {name.casefold(): value for name, value in person.values.items()}
        missing = [c for c in columns if c.strip().casefold() not in lowered]
        if missing:
            columns_named = {"columns": ", ".join(missing)}
            return None, [Problem("no_household_column", columns_named, line=person.line)]
        homes.append(tuple(lowered[c.strip().casefold()] for c in columns))
    return tuple(homes), []


def _basic_errors(people: Sequence[Person], features: Sequence[Feature], k: int) -> list[Problem]:
    """Return problems of size, ids and quotas."""
    errors = []
    if not features:
        errors.append(Problem("no_feature", source="quotas"))
    if k < 1:
        errors.append(Problem("panel_too_small", {"k": k}))
    if k > len(people):
        errors.append(Problem("panel_too_large", {"k": k, "people": len(people)}))
    seen: set[str] = set()
    for person in people:
        if not person.id or any(c.isspace() or c in ',"' for c in person.id):
            errors.append(Problem("bad_id", {"id": person.id}, line=person.line))
        if person.id in seen:
            errors.append(Problem("duplicate_id", {"id": person.id}, line=person.line))
        seen.add(person.id)
    return errors + quota_errors(features, k)
