"""Run the reference: sortition-algorithms' maximin with its highspy backend, as a command.

Usage: reference.py POOL.csv QUOTAS.csv K OUT.csv. Writes `id,probability` for every volunteer,
the marginals of the distribution the library computes. Only the library's public API is used.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from sortition_algorithms import Settings, read_in_features, read_in_people
from sortition_algorithms.committee_generation.maximin import find_distribution_maximin


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Return the header and rows of a CSV file."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def main(pool_path: str, quotas_path: str, k: str, out_path: str) -> None:
    """Compute the reference maximin distribution and write its marginals."""
    settings = Settings(id_column="id", columns_to_keep=[], solver_backend="highspy")
    features, _, _ = read_in_features(*read(Path(quotas_path)), int(k))
    head, body = read(Path(pool_path))
    people, _ = read_in_people(head, body, features, settings)
    panels, weights, _ = find_distribution_maximin(features, people, int(k), [], "highspy")
    probability = {row["id"]: 0.0 for row in body}
    for panel, weight in zip(panels, weights, strict=True):
        for person in panel:
            probability[person] += weight
    with open(out_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "probability"])
        writer.writerows((pid, f"{p:.12f}") for pid, p in probability.items())


if __name__ == "__main__":
    main(*sys.argv[1:5])
