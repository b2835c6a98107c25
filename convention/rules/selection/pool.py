"""Data types for a selection (pool, quotas, panel size) and their validation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


class SelectionInputError(ValueError):
    """The pool, the quotas or the panel size can't be used; `messages` says why."""

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = list(messages)


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


def where(line: int | None, source: str = "pool") -> str:
    """Return a 'SOURCE line N: ' prefix, or nothing when the line is unknown."""
    return f"{source} line {line}: " if line is not None else ""


def group_quotas(quotas: Sequence[Quota]) -> tuple[Feature, ...]:
    """Group quota rows by feature, keeping the order of first appearance."""
    order: dict[str, str] = {}
    rows: dict[str, list[Quota]] = {}
    for quota in quotas:
        key = quota.feature.strip().casefold()
        order.setdefault(key, quota.feature.strip())
        rows.setdefault(key, []).append(quota)
    return tuple(Feature(order[key], tuple(rows[key])) for key in order)


def quota_errors(features: Sequence[Feature], k: int) -> list[str]:
    """Return the problems of the quotas taken alone."""
    errors: list[str] = []
    for feature in features:
        seen: set[str] = set()
        for quota in feature.quotas:
            errors += _quota_row_errors(quota, seen)
    return errors


def _quota_row_errors(quota: Quota, seen: set[str]) -> list[str]:
    """Return the problems of one quota row, recording its value in `seen`."""
    errors = []
    key = quota.value.strip().casefold()
    if key in seen:
        errors.append(
            f"{where(quota.line, 'quotas')}duplicate value {quota.value!r} for {quota.feature!r}"
        )
    seen.add(key)
    if quota.minimum < 0 or quota.minimum > quota.maximum:
        errors.append(
            f"{where(quota.line, 'quotas')}{quota.feature}/{quota.value}: need 0 <= min <= max, "
            f"got min {quota.minimum}, max {quota.maximum}"
        )
    return errors


def sum_errors(features: Sequence[Feature], k: int) -> list[str]:
    """Return the features whose minimums add up above k or maximums below k."""
    errors = []
    for feature in features:
        low = sum(q.minimum for q in feature.quotas)
        high = sum(q.maximum for q in feature.quotas)
        if not low <= k <= high:
            errors.append(
                f"feature {feature.name!r}: the minimums add up to {low} and the maximums "
                f"to {high}; the panel size {k} must lie between them"
            )
    return errors


def person_cells(person: Person, features: Sequence[Feature]) -> tuple[tuple[int, ...], list[str]]:
    """Return the quota index of each of a person's values, and the problems found."""
    cells: list[int] = []
    errors: list[str] = []
    lowered = {name.casefold(): value for name, value in person.values.items()}
    for feature in features:
        value = lowered.get(feature.name.casefold())
        index = None if value is None else feature.value_index(value)
        if index is None:
            shown = "no value" if value is None else f"value {value!r}"
            errors.append(
                f"{where(person.line)}person {person.id!r} has {shown} for feature "
                f"{feature.name!r}, which has no quota (known: "
                f"{', '.join(q.value for q in feature.quotas)})"
            )
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
) -> tuple[tuple[tuple[str, ...], ...] | None, list[str]]:
    """Return each person's household fields (None without columns), and the problems found."""
    if not columns:
        return None, []
    homes = []
    for person in people:
        lowered = {name.casefold(): value for name, value in person.values.items()}
        missing = [c for c in columns if c.strip().casefold() not in lowered]
        if missing:
            return None, [f"{where(person.line)}no household column {', '.join(missing)}"]
        homes.append(tuple(lowered[c.strip().casefold()] for c in columns))
    return tuple(homes), []


def _basic_errors(people: Sequence[Person], features: Sequence[Feature], k: int) -> list[str]:
    """Return problems of size, ids and quotas."""
    errors = []
    if not features:
        errors.append("the quotas name no feature")
    if k < 1:
        errors.append(f"the panel size must be at least 1, got {k}")
    if k > len(people):
        errors.append(
            f"the panel size {k} exceeds the number of people in the pool ({len(people)})"
        )
    seen: set[str] = set()
    for person in people:
        if not person.id or any(c.isspace() or c in ',"' for c in person.id):
            errors.append(
                f"{where(person.line)}id {person.id!r} is empty or has a space, comma or quote"
            )
        if person.id in seen:
            errors.append(f"{where(person.line)}duplicate id {person.id!r}")
        seen.add(person.id)
    return errors + quota_errors(features, k)
