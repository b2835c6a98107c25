"""The published selection instance the tests share: tests/data/sortition/example_small_20."""

import csv
from pathlib import Path

from convention.rules.selection import Person, Quota

EXAMPLE = Path(__file__).resolve().parent / "data" / "sortition" / "example_small_20"


def load_example() -> tuple[list[Person], list[Quota]]:
    """Read the published example_small_20 instance (failing if it is missing)."""
    assert (EXAMPLE / "pool.csv").is_file(), f"missing test data {EXAMPLE}"
    with (EXAMPLE / "pool.csv").open(newline="") as handle:
        people = [Person(row["id"], row) for row in csv.DictReader(handle)]
    with (EXAMPLE / "quotas.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    quotas = [Quota(r["feature"], r["value"], int(r["min"]), int(r["max"])) for r in rows]
    return people, quotas
