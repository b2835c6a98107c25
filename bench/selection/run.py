"""Benchmark our LEXIMIN command against sortition-algorithms' maximin (highspy backend).

For each seed, generates a skewed pool of 1,000 volunteers with 5 features and population
quotas for a panel of 40, runs both as whole commands (start-up included) and prints per seed
`seed_<s>_...` lines, then the worst over the seeds: selection_worst_ratio (our seconds over
the reference's), selection_min_margin (our minimum minus the reference's, at least -0.001),
selection_dominates and selection_lottery_valid (every listed panel meets the quotas).
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
SEEDS = (2021, 1, 2)


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


def lottery_valid(directory: Path, pool: Path, quotas: Path) -> bool:
    """Return whether every panel of our published list meets every quota."""
    with pool.open(newline="", encoding="utf-8") as handle:
        people = {row["id"]: row for row in csv.DictReader(handle)}
    with quotas.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with (directory / "lottery.csv").open(newline="", encoding="utf-8") as handle:
        panels = [row["ids"].split() for row in csv.DictReader(handle)]
    return bool(panels) and all(
        int(q["min"]) <= sum(people[i][q["feature"]] == q["value"] for i in panel) <= int(q["max"])
        for panel in panels
        for q in rows
    )


def measure(seed: int, n: int, k: int) -> dict[str, float | bool]:
    """Run both commands on one seed's instance and return the figures."""
    from generate import write_instance

    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        pool, quotas = write_instance(work, n, k, seed)
        files = [str(pool), str(quotas), str(k)]
        ours = [sys.executable, str(HERE / "ours.py"), "--pool", files[0], "--quotas", files[1]]
        ours += ["--size", files[2], "--method", "leximin", "--out", str(work / "ours")]
        reference = [sys.executable, str(HERE / "reference.py"), *files, str(work / "ref.csv")]
        seconds = timed(ours)
        reference_seconds = timed(reference)
        mine = probabilities(work / "ours" / "probabilities.csv")
        theirs = probabilities(work / "ref.csv")
        valid = lottery_valid(work / "ours", pool, quotas)
    return {
        "selection_seconds": seconds,
        "reference_seconds": reference_seconds,
        "ratio": seconds / reference_seconds,
        "selection_min": mine[0],
        "reference_min": theirs[0],
        "dominates": dominates(mine, theirs),
        "lottery_valid": valid,
    }


def main() -> None:
    """Run every seed and print the figures per seed and the worst ones."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--k", type=int, default=40)
    parser.add_argument("--seeds", type=int, nargs="+", default=list(SEEDS))
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    results = []
    for seed in args.seeds:
        figures = measure(seed, args.n, args.k)
        results.append(figures)
        for name, value in figures.items():
            shown = str(value).lower() if isinstance(value, bool) else f"{value:.6f}"
            print(f"seed_{seed}_{name}: {shown}", flush=True)
    margin = min(float(r["selection_min"]) - float(r["reference_min"]) for r in results)
    print(f"selection_worst_ratio: {max(float(r['ratio']) for r in results):.3f}")
    print(f"selection_worst_seconds: {max(float(r['selection_seconds']) for r in results):.2f}")
    print(f"selection_min_margin: {margin:.6f}")
    print(f"selection_min_kept: {str(margin >= -0.001).lower()}")
    print(f"selection_dominates: {str(all(r['dominates'] for r in results)).lower()}")
    print(f"selection_lottery_valid: {str(all(r['lottery_valid'] for r in results)).lower()}")


if __name__ == "__main__":
    main()
