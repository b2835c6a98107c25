"""The `select-panel` command: select a panel from CSV files, with a transparent lottery."""

from __future__ import annotations

from pathlib import Path

import click

from convention.rules.selection.feasibility import InfeasibleQuotasError
from convention.rules.selection.pool import SelectionInputError, group_quotas
from convention.rules.selection.progress import Progress
from convention.rules.selection.run import METHODS, SelectionResult, run_selection
from convention.selection.files import (
    CsvError,
    read_pool,
    read_quotas,
    write_relaxation,
    write_results,
)
from convention.selection.problems import in_english

INPUT_ERROR = 2
INFEASIBLE = 1
FAILED = 1


def print_progress(progress: Progress) -> None:
    """Print one progress line."""
    lowest = "" if progress.minimum is None else f", lowest probability {progress.minimum:.4%}"
    note = f" - {progress.message}" if progress.message else ""
    click.echo(
        f"[{progress.seconds:7.1f}s] {progress.stage}: {progress.fixed}/{progress.people} people "
        f"fixed, {progress.panels} panels{lowest}{note}"
    )


def fail(message: str, code: int) -> None:
    """Print the message on stderr and exit with the code."""
    click.echo(message, err=True)
    raise SystemExit(code)


@click.command("select-panel")
@click.option("--pool", "pool_path", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--quotas", "quotas_path", required=True, type=click.Path(dir_okay=False, path_type=Path)
)
@click.option("--size", required=True, type=click.IntRange(min=1), help="Panel size k.")
@click.option("--method", default="leximin", show_default=True, type=click.Choice(METHODS))
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", default=None, help="Public seed: draw the panel from the published list.")
@click.option("--lottery-size", default=1000, show_default=True, type=click.IntRange(min=1))
@click.option(
    "--household", default=None, help="Comma-separated address columns: one per household."
)
@click.option("--max-seconds", default=None, type=click.FloatRange(min=0, min_open=True))
def select_panel_command(
    pool_path: Path,
    quotas_path: Path,
    size: int,
    method: str,
    out: Path,
    seed: str | None,
    lottery_size: int,
    household: str | None,
    max_seconds: float | None,
) -> None:
    """Select a panel by LEXIMIN, maximin or the legacy greedy method from CSV files."""
    columns = [c.strip() for c in household.split(",") if c.strip()] if household else []
    files = {"pool": pool_path.name, "quotas": quotas_path.name}
    try:
        quotas = read_quotas(_contents(quotas_path), quotas_path.name)
        needed = [f.name for f in group_quotas(quotas)] + columns
        pool = read_pool(_contents(pool_path), needed, pool_path.name)
        result = run_selection(
            pool.people,
            quotas,
            size,
            method,  # type: ignore[arg-type]
            household=columns or None,
            lottery_size=lottery_size,
            seed=seed,
            max_seconds=max_seconds,
            progress=print_progress,
        )
    except InfeasibleQuotasError as error:
        if error.relaxation:
            click.echo(f"wrote {write_relaxation(out, error.relaxation)}", err=True)
        fail(f"infeasible quotas:\n{_explain(error, files)}", INFEASIBLE)
    except SelectionInputError as error:
        fail(f"error:\n{_explain(error, files)}", INPUT_ERROR)
    except CsvError as error:
        fail(f"error:\n{error}", INPUT_ERROR)
    except RuntimeError as error:
        fail(f"selection failed: {error}", FAILED)
    for path in write_results(out, result, pool):
        click.echo(f"wrote {path}")
    report(result)


def _explain(error: SelectionInputError, files: dict[str, str]) -> str:
    """Say the problems in English and, when the quotas admit no panel, their smallest change."""
    text = in_english(error.problems, files)
    relaxation = getattr(error, "relaxation", [])
    if relaxation:
        text += "\nsmallest relaxation of the quotas that admits a panel:"
    for r in relaxation:
        text += (
            f"\n  {r.feature}/{r.value}: min {r.minimum} -> {r.relaxed_minimum}, "
            f"max {r.maximum} -> {r.relaxed_maximum}"
        )
    return text


def _contents(path: Path) -> bytes:
    """Read a file named on the command line; one that cannot be read is an input error."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise CsvError([f"{path.name}: {error.strerror}"]) from error


def report(result: SelectionResult) -> None:
    """Print the outcome: completeness, unfittable people and the draw."""
    if not result.complete:
        click.echo(
            "stopped before the end (time limit or cancellation): the distribution is valid "
            "and its fixed probabilities are optimal, the others are only bounded below"
        )
    if result.max_deviation > 1 / len(result.lottery) + 1e-9:
        click.echo(
            f"warning: a person's share of the list differs from their probability by "
            f"{result.max_deviation:.6f}, more than 1/{len(result.lottery)}"
        )
    if result.unfittable:
        click.echo(f"{len(result.unfittable)} people fit no panel: {' '.join(result.unfittable)}")
    click.echo(f"list hash (SHA-256 of lottery.csv): {result.list_hash}")
    if result.seed is not None:
        click.echo(
            f"seed {result.seed!r} draws panel {result.index}: {' '.join(result.panel or [])}"
        )
