"""The legacy method: greedy sequential random selection, as used before LEXIMIN.

One seat at a time: among the quota cells (feature values) that still need people, take the one
whose unmet minimum is largest relative to the eligible people left in it (ties at random),
and pick one of those people uniformly at random; once every minimum is met, pick uniformly
among all eligible people. Eligible means adding the person breaks no maximum and no one from
their household is on the panel. A run that gets stuck starts again (up to 100 attempts).
The lottery list is M independent runs, so its shares are the (estimated) probabilities.
"""

from __future__ import annotations

import numpy as np

from convention.rules.selection.groups import household_keys
from convention.rules.selection.pool import Instance
from convention.rules.selection.progress import Budget

ATTEMPTS = 100


class Greedy:
    """Precomputed membership of people in quota cells, for fast repeated runs."""

    def __init__(self, instance: Instance) -> None:
        """Index each person's quota cells and housemates."""
        self.k = instance.k
        offsets = np.cumsum([0] + [len(f.quotas) for f in instance.features])
        cells = np.array(instance.cells, dtype=int).reshape(instance.n, -1) + offsets[:-1]
        self.member = np.zeros((instance.n, offsets[-1]), dtype=bool)
        np.put_along_axis(self.member, cells, True, axis=1)
        quotas = [q for f in instance.features for q in f.quotas]
        self.minimum = np.array([q.minimum for q in quotas])
        self.maximum = np.array([q.maximum for q in quotas])
        self.homes = _housemates(household_keys(instance))

    def run(self, rng: np.random.Generator) -> list[int] | None:
        """Return one greedy panel (person indices), or None if this run got stuck."""
        eligible = np.ones(len(self.member), dtype=bool)
        counts = np.zeros(len(self.minimum), dtype=int)
        panel: list[int] = []
        while len(panel) < self.k:
            person = self._pick(rng, eligible, counts)
            if person is None:
                return None
            panel.append(person)
            counts += self.member[person]
            eligible[[person, *self.homes.get(person, ())]] = False
            eligible &= ~(self.member[:, counts >= self.maximum].any(axis=1))
        return panel if np.all(counts >= self.minimum) else None

    def _pick(
        self, rng: np.random.Generator, eligible: np.ndarray, counts: np.ndarray
    ) -> int | None:
        """Return the next person, or None when some minimum can no longer be met."""
        available = self.member[eligible].sum(axis=0)
        need = self.minimum - counts
        if np.any(need > available) or not eligible.any():
            return None
        ratio = np.where(need > 0, need / np.maximum(available, 1), -1.0)
        if ratio.max() <= 0:
            return int(rng.choice(np.flatnonzero(eligible)))
        cells = np.flatnonzero(ratio == ratio.max())
        cell = cells[rng.integers(len(cells))]
        return int(rng.choice(np.flatnonzero(eligible & self.member[:, cell])))


def _housemates(keys: list[str | None]) -> dict[int, tuple[int, ...]]:
    """Return, for each person sharing a household, the other members of it."""
    homes: dict[str, list[int]] = {}
    for person, key in enumerate(keys):
        if key is not None:
            homes.setdefault(key, []).append(person)
    return {p: tuple(o for o in members if o != p) for members in homes.values() for p in members}


def legacy_panels(instance: Instance, size: int, seed: int, budget: Budget) -> list[list[int]]:
    """Return `size` panels from independent greedy runs, seeded by `seed`."""
    greedy = Greedy(instance)
    rng = np.random.default_rng(seed)
    panels: list[list[int]] = []
    while len(panels) < size:
        # The greedy runs take seconds, so only cancellation (not the deadline) stops them.
        if budget.cancelled():
            raise RuntimeError("the legacy runs were cancelled")
        panels.append(_run_with_retries(greedy, rng))
        budget.report("legacy", panels=len(panels), force=False)
    return panels


def _run_with_retries(greedy: Greedy, rng: np.random.Generator) -> list[int]:
    """Return a greedy panel, retrying stuck runs."""
    for _ in range(ATTEMPTS):
        panel = greedy.run(rng)
        if panel is not None:
            return panel
    raise RuntimeError(f"the legacy method got stuck {ATTEMPTS} times in a row")
