"""Read the pool and quota CSV files (Sortition Foundation layout) and write the results."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from convention import csvfiles
from convention.rules.selection.feasibility import RelaxedQuota
from convention.rules.selection.pool import Person, Quota
from convention.rules.selection.run import SelectionResult

MAX_SHOWN = 20
QUOTA_HEADERS = (("feature", "value"), ("category", "name"))


class CsvError(ValueError):
    """A CSV file can't be read; `messages` are line-numbered."""

    def __init__(self, messages: Sequence[str]) -> None:
        shown = list(messages[:MAX_SHOWN])
        if len(messages) > MAX_SHOWN:
            shown.append(f"... and {len(messages) - MAX_SHOWN} more problems")
        super().__init__("\n".join(shown))
        self.messages = list(messages)


@dataclass(frozen=True)
class PoolFile:
    """The pool file's header and people (each person's values hold every column)."""

    header: list[str]
    people: list[Person]


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) for each non-blank record of a CSV file."""
    try:
        text = csvfiles.decode(path.read_bytes())
        for record in csvfiles.records(text):
            yield record.line, record.fields
    except csvfiles.CsvFileError as error:
        raise CsvError([f"{path.name}: line {error.line}: {error.reason}"]) from error
    except OSError as error:
        raise CsvError([f"{path.name}: {error.strerror}"]) from error


def _header(path: Path, rows: Iterator[tuple[int, list[str]]]) -> tuple[int, list[str]]:
    """Return the header record, refusing an empty file and repeated column names."""
    first = next(rows, None)
    if first is None:
        raise CsvError([f"{path.name}: the file is empty"])
    line, names = first
    lowered = [name.casefold() for name in names]
    repeated = sorted({n for n in names if lowered.count(n.casefold()) > 1})
    if repeated:
        raise CsvError([f"{path.name}: line {line}: repeated column(s) {', '.join(repeated)}"])
    return line, names


def _width_error(path: Path, line: int, fields: list[str], header: list[str]) -> str | None:
    """Return an error if a record's number of fields differs from the header's."""
    if len(fields) == len(header):
        return None
    return f"{path.name}: line {line}: expected {len(header)} fields, found {len(fields)}"


def read_quotas(path: Path) -> list[Quota]:
    """Read `feature,value,min,max` (or `category,name,min,max`) rows."""
    rows = _rows(path)
    line, header = _header(path, rows)
    columns = _quota_columns(path, line, header)
    quotas, errors = [], []
    for number, fields in rows:
        problem = _width_error(path, number, fields, header)
        if problem is None:
            quota, problem = _quota(path, number, [fields[i] for i in columns])
            quotas += [quota] if quota else []
        errors += [problem] if problem else []
    if errors or not quotas:
        raise CsvError(errors or [f"{path.name}: no quota rows"])
    return quotas


def _quota_columns(path: Path, line: int, header: list[str]) -> list[int]:
    """Return the positions of the feature, value, min and max columns."""
    lowered = [name.casefold() for name in header]
    for names in QUOTA_HEADERS:
        wanted = [*names, "min", "max"]
        if all(name in lowered for name in wanted):
            return [lowered.index(name) for name in wanted]
    raise CsvError(
        [f"{path.name}: line {line}: need columns feature,value,min,max (or category,name,min,max)"]
    )


def _quota(path: Path, line: int, fields: list[str]) -> tuple[Quota | None, str | None]:
    """Return the quota of one record, or the problem with it."""
    feature, value, low, high = fields
    if not feature or not value:
        return None, f"{path.name}: line {line}: empty feature or value"
    bounds = []
    for label, text in (("min", low), ("max", high)):
        if not text.isdigit():
            return None, f"{path.name}: line {line}: {label} {text!r} is not a whole number >= 0"
        bounds.append(int(text))
    return Quota(feature, value, bounds[0], bounds[1], line), None


def read_pool(path: Path, required: Sequence[str] = ()) -> PoolFile:
    """Read the pool: an `id` column, the `required` columns, any others (kept, unused)."""
    rows = _rows(path)
    line, header = _header(path, rows)
    lowered = [name.casefold() for name in header]
    missing = [name for name in ["id", *required] if name.strip().casefold() not in lowered]
    if missing:
        raise CsvError([f"{path.name}: line {line}: no column {name!r}" for name in missing])
    people, errors = [], []
    for number, fields in rows:
        problem = _width_error(path, number, fields, header)
        values = dict(zip(header, fields, strict=False))
        if problem is None:
            problem = _id_problem(path, number, fields[lowered.index("id")])
        if problem is None:
            people.append(Person(fields[lowered.index("id")], values, number))
        errors += [problem] if problem else []
    if errors or not people:
        raise CsvError(errors or [f"{path.name}: no people"])
    return PoolFile(header, people)


def _id_problem(path: Path, line: int, person_id: str) -> str | None:
    """Refuse an id a spreadsheet would run: ids go unchanged into the published, hashed list."""
    if csvfiles.neutralise(person_id) == person_id:
        return None
    return f"{path.name}: line {line}: id {person_id!r} starts with = + - @ or a tab"


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
