"""Generate a seeded synthetic instance: a skewed volunteer pool and population quotas."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np

# feature -> value -> (share in the population, share among volunteers): volunteers are older,
# more educated, more often home owners and urban than the population they are drawn from.
FEATURES: dict[str, dict[str, tuple[float, float]]] = {
    "gender": {"female": (0.51, 0.45), "male": (0.48, 0.54), "other": (0.01, 0.01)},
    "age": {
        "16-29": (0.20, 0.09),
        "30-44": (0.24, 0.17),
        "45-59": (0.25, 0.27),
        "60-74": (0.19, 0.30),
        "75+": (0.12, 0.17),
    },
    "education": {"low": (0.30, 0.11), "medium": (0.40, 0.32), "degree": (0.30, 0.57)},
    "region": {
        "north": (0.25, 0.21),
        "east": (0.22, 0.20),
        "south": (0.20, 0.25),
        "west": (0.18, 0.19),
        "centre": (0.15, 0.15),
    },
    "housing": {"owner": (0.62, 0.78), "renter": (0.38, 0.22)},
}


def quotas(k: int) -> list[tuple[str, str, int, int]]:
    """Return quotas proportional to the population: floor and ceiling of share * k."""
    rows = []
    for feature, values in FEATURES.items():
        for value, (population, _) in values.items():
            rows.append((feature, value, math.floor(population * k), math.ceil(population * k)))
    return rows


def pool(n: int, seed: int) -> list[dict[str, str]]:
    """Return n volunteers drawn from the skewed volunteer shares."""
    rng = np.random.default_rng(seed)
    columns = {}
    for feature, values in FEATURES.items():
        names = list(values)
        shares = np.array([values[v][1] for v in names])
        columns[feature] = rng.choice(names, size=n, p=shares / shares.sum())
    return [
        {"id": f"v{i + 1:04d}", "first_name": "x", "email": f"v{i + 1}@example.org"}
        | {feature: str(columns[feature][i]) for feature in FEATURES}
        for i in range(n)
    ]


def write_instance(directory: Path, n: int, k: int, seed: int) -> tuple[Path, Path]:
    """Write pool.csv and quotas.csv into directory and return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    pool_path, quotas_path = directory / "pool.csv", directory / "quotas.csv"
    people = pool(n, seed)
    with pool_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(people[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(people)
    with quotas_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["feature", "value", "min", "max"])
        writer.writerows(quotas(k))
    return pool_path, quotas_path
