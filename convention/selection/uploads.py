"""Check uploaded pool and quota files with the command's own readers; keep only what is needed."""

from dataclasses import dataclass

from convention import csvfiles
from convention.rules.selection.pool import (
    Person,
    Quota,
    SelectionInputError,
    build_instance,
    group_quotas,
)
from convention.selection.files import CsvError, read_pool, read_quotas
from convention.selection.problems import say


class UploadError(ValueError):
    """The files cannot be used; `messages` name the file and line of each problem."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class CheckedUpload:
    """The pool reduced to ids, features and household columns, and the quotas, as CSV text."""

    pool_csv: str
    quotas_csv: str
    people: int


def check_upload(pool: bytes, quotas: bytes, size: int, household: list[str]) -> CheckedUpload:
    """Read both files as `select-panel` would and validate them for a panel of `size`."""
    try:
        quota_rows = read_quotas(quotas)
        columns = [f.name for f in group_quotas(quota_rows)] + household
        people = read_pool(pool, columns).people
        build_instance(people, quota_rows, size, household=household or None)
    except CsvError as error:
        raise UploadError(error.messages) from error
    except SelectionInputError as error:
        raise UploadError([say(problem) for problem in error.problems]) from error
    return CheckedUpload(_minimal_pool(people, columns), _quotas_text(quota_rows), len(people))


def _minimal_pool(people: list[Person], columns: list[str]) -> str:
    """Keep the id and the columns the selection uses: names and emails never reach the database."""
    rows = []
    for person in people:
        lowered = {name.casefold(): value for name, value in person.values.items()}
        rows.append([person.id, *(lowered[c.casefold()] for c in columns)])
    return csvfiles.data(["id", *columns], rows)


def _quotas_text(quotas: list[Quota]) -> str:
    """Write the quotas back in the `feature,value,min,max` layout."""
    rows: list[list[csvfiles.Cell]] = [
        [quota.feature, quota.value, quota.minimum, quota.maximum] for quota in quotas
    ]
    return csvfiles.data(["feature", "value", "min", "max"], rows)


def parse_saved(run_pool: str, run_quotas: str) -> tuple[list[Person], list[Quota]]:
    """Read a run's stored pool and quotas back."""
    return read_pool(run_pool.encode()).people, read_quotas(run_quotas.encode())
