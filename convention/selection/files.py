"""Read the pool and quota CSV files (Sortition Foundation layout) and write the results."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l

from convention import csvfiles
from convention.rules.selection.feasibility import RelaxedQuota
from convention.rules.selection.pool import Person, Quota
from convention.rules.selection.run import SelectionResult

# The pool's columns: an id, then any others (the quotas name the ones the selection uses).
POOL_COLUMNS = csvfiles.Columns({"id": ("id", "identifiant")}, required=("id",), others=True)
QUOTA_COLUMNS = csvfiles.Columns(
    {
        "feature": ("feature", "category", "caractéristique", "catégorie", "critère"),
        "value": ("value", "name", "valeur", "modalité"),
        "min": ("min", "minimum"),
        "max": ("max", "maximum"),
    },
    required=("feature", "value", "min", "max"),
)


class CsvError(ValueError):
    """A CSV file can't be read; `messages` are line-numbered, in the reader's language."""

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("\n".join(csvfiles.shown(messages)))
        self.messages = list(messages)


@dataclass(frozen=True)
class PoolFile:
    """The pool file's header and people (each person's values hold every column)."""

    header: list[str]
    people: list[Person]


def _table(data: bytes, file: str, columns: csvfiles.Columns) -> csvfiles.Table:
    """Read one file against its columns, naming the file in the error."""
    try:
        return csvfiles.read_table(data, columns)
    except csvfiles.CsvFileError as error:
        raise CsvError([error.message(file)]) from error


def _refuse(file: str, problems: list[csvfiles.CsvFileError]) -> None:
    """Raise every problem found in a file, in line order, if there is any."""
    if problems:
        raise CsvError([p.message(file) for p in sorted(problems, key=lambda p: p.line)])


def read_quotas(data: bytes, file: str = "quotas.csv") -> list[Quota]:
    """Read `feature,value,min,max` rows (or `category,name,min,max`, or their French names)."""
    table = _table(data, file, QUOTA_COLUMNS)
    quotas, problems = [], list(table.problems)
    for row in table.rows:
        quota, problem = _quota(row)
        quotas += [quota] if quota else []
        problems += [problem] if problem else []
    _refuse(file, problems)
    return quotas


def _quota(row: csvfiles.Row) -> tuple[Quota | None, csvfiles.CsvFileError | None]:
    """Return the quota of one row, or the problem with it."""
    values = row.values
    if not values["feature"] or not values["value"]:
        return None, csvfiles.CsvFileError(row.line, _l("The feature or the value is empty."))
    for column in ("min", "max"):
        if not (values[column].isascii() and values[column].isdigit()):
            reason = _l(
                "%(column)s “%(value)s” is not a whole number of 0 or more.",
                column=column,
                value=values[column],
            )
            return None, csvfiles.CsvFileError(row.line, reason)
    low, high = int(values["min"]), int(values["max"])
    return Quota(values["feature"], values["value"], low, high, row.line), None


def read_pool(data: bytes, required: Sequence[str] = (), file: str = "pool.csv") -> PoolFile:
    """Read the pool: an `id` column, the `required` columns, any others (kept, unused)."""
    table = _table(data, file, POOL_COLUMNS)
    present = {name.casefold() for name in table.columns}
    missing = [name for name in required if name.strip().casefold() not in present]
    _refuse(file, [_no_column(table.line, name) for name in missing])
    people, problems = [], list(table.problems)
    for row in table.rows:
        person_id = row.values["id"]
        if csvfiles.neutralise(person_id) == person_id:
            people.append(Person(person_id, row.values, row.line))
        else:  # ids go unchanged into the published, hashed list: refuse what a spreadsheet runs
            reason = _l("The id “%(id)s” starts with = + - @ or a tab.", id=person_id)
            problems.append(csvfiles.CsvFileError(row.line, reason))
    _refuse(file, problems)
    return PoolFile(table.columns, people)


def _no_column(line: int, name: str) -> csvfiles.CsvFileError:
    """The problem of a column the quotas or the household option need and the pool lacks."""
    return csvfiles.CsvFileError(line, _l("There is no column “%(name)s”.", name=name))


def write_results(directory: Path, result: SelectionResult, pool: PoolFile) -> list[Path]:
    """Write probabilities, the lottery list, the summary and, if drawn, panel and reserves."""
    directory.mkdir(parents=True, exist_ok=True)
    written = [
        directory / "probabilities.csv",
        directory / "lottery.csv",
        directory / "summary.json",
    ]
    _write_csv(
        written[0],
        ["id", "probability"],
        zip(result.ids, map(_number, result.probabilities), strict=True),
    )
    written[1].write_bytes(result.lottery_text.encode("utf-8"))
    written[2].write_text(json.dumps(result.summary(), indent=2) + "\n", encoding="utf-8")
    if result.panel is not None and result.reserves is not None:
        written += _write_draw(directory, result.panel, result.reserves, pool)
    return written


def _write_draw(
    directory: Path, panel: list[str], reserves: list[str], pool: PoolFile
) -> list[Path]:
    """Write the drawn panel's pool rows and the ranked reserves."""
    chosen = set(panel)
    rows = ([p.values[c] for c in pool.header] for p in pool.people if p.id in chosen)
    _write_csv(directory / "panel.csv", pool.header, rows)
    _write_csv(directory / "reserves.csv", ["rank", "id"], enumerate(reserves, start=1))
    return [directory / "panel.csv", directory / "reserves.csv"]


def _write_csv(path: Path, header: Sequence[str], rows: object) -> None:
    """Write a CSV file for spreadsheets, with LF line ends."""
    text = csvfiles.export(header, rows, lineterminator="\n")  # type: ignore[arg-type]
    path.write_text(text, encoding="utf-8", newline="")


def _number(value: float) -> str:
    """Format a probability with enough digits to compare within 1e-9."""
    return f"{max(value, 0.0):.10f}"


def write_relaxation(directory: Path, relaxation: Sequence[RelaxedQuota]) -> Path:
    """Write the smallest quota relaxation as relaxation.csv."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "relaxation.csv"
    header = ["feature", "value", "min", "max", "relaxed_min", "relaxed_max"]
    rows = [
        [r.feature, r.value, r.minimum, r.maximum, r.relaxed_minimum, r.relaxed_maximum]
        for r in relaxation
    ]
    _write_csv(path, header, rows)
    return path
