"""Benchmark our LEXIMIN command against sortition-algorithms' maximin (highspy backend).

Generates a seeded skewed pool of 1,000 volunteers with 5 features and population quotas for
a panel of 40, runs both as whole commands (start-up included) and prints:
selection_seconds, reference_seconds, selection_min, reference_min, selection_dominates.
Each command's own output goes to stderr.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TOLERANCE = 1e-6


def timed(command: list[str]) -> float:
    """Run a command from the repository root and return its wall-clock seconds."""
    start = time.perf_counter()
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    sys.stderr.write(completed.stdout[-2000:] + completed.stderr[-2000:])
    if completed.returncode != 0:
        raise SystemExit(f"{command[1]} failed with exit code {completed.returncode}")
    return seconds


def probabilities(path: Path) -> list[float]:
    """Return the sorted probabilities of an `id,probability` file."""
    with path.open(newline="", encoding="utf-8") as handle:
        return sorted(float(row["probability"]) for row in csv.DictReader(handle))


def dominates(ours: list[float], theirs: list[float]) -> bool:
    """Return whether sorted `ours` leximin-dominates (or equals) sorted `theirs`."""
    for mine, other in zip(ours, theirs, strict=True):
        if abs(mine - other) > TOLERANCE:
            return mine > other
    return True


def main() -> None:
    """Generate the instance, run both commands and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--k", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from generate import write_instance

    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        pool, quotas = write_instance(work, args.n, args.k, args.seed)
        files = [str(pool), str(quotas), str(args.k)]
        ours = [sys.executable, str(HERE / "ours.py"), "--pool", files[0], "--quotas", files[1]]
        ours += ["--size", files[2], "--method", "leximin", "--out", str(work / "ours")]
        reference = [sys.executable, str(HERE / "reference.py"), *files, str(work / "ref.csv")]
        selection_seconds = timed(ours)
        reference_seconds = timed(reference)
        mine = probabilities(work / "ours" / "probabilities.csv")
        theirs = probabilities(work / "ref.csv")
    print(f"selection_seconds: {selection_seconds:.2f}")
    print(f"reference_seconds: {reference_seconds:.2f}")
    print(f"selection_min: {mine[0]:.6f}")
    print(f"reference_min: {theirs[0]:.6f}")
    print(f"selection_dominates: {str(dominates(mine, theirs)).lower()}")


if __name__ == "__main__":
    main()
