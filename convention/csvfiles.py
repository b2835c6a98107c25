"""Every CSV the platform reads or writes: uploads decoded and split into numbered records,
exports written so that a spreadsheet never runs a cell as a formula."""

import csv
import io
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from flask_babel import gettext as _, lazy_gettext as _l, ngettext

# A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Encodings tried in order: UTF-8 (with or without BOM), then what French Excel saves.
ENCODINGS = ("utf-8-sig", "cp1252")
# Separators a file may use; the header line decides (French spreadsheets write semicolons).
DELIMITERS = (",", ";")
# Problems listed before "and N more": a whole wrong file should not bury the first ones.
MAX_SHOWN = 20

Cell = str | int | float | bool | None


class CsvFileError(ValueError):
    """The file cannot be read; `line` is 1-based, `reason` says why in the reader's language."""

    def __init__(self, line: int, reason: object) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason

    def message(self, file: str | None = None) -> str:
        """Say the problem with its line, and the file's name when there are several files."""
        if file:
            return _(
                "%(file)s: line %(line)d: %(reason)s", file=file, line=self.line, reason=self.reason
            )
        return _("Line %(line)d: %(reason)s", line=self.line, reason=self.reason)


@dataclass(frozen=True)
class Record:
    """One non-blank record of a file: the line it starts on and its fields, trimmed."""

    line: int
    fields: list[str]


@dataclass(frozen=True)
class Columns:
    """One upload's header table: each column's key and the names a file may give it (English
    first, then French), the keys a file must have, and whether other columns are data."""

    names: Mapping[str, tuple[str, ...]]
    required: tuple[str, ...] = ()
    others: bool = False

    def key(self, name: str) -> str | None:
        """Return the key a written column name stands for, if it is one of the known names."""
        wanted = fold(name)
        return next((k for k, names in self.names.items() if wanted in map(fold, names)), None)

    def accepted(self) -> str:
        """List the known names, for messages: `email / courriel, name / nom`."""
        return ", ".join(" / ".join(names) for names in self.names.values())


@dataclass(frozen=True)
class Row:
    """One record under the header: its line and its value in each column."""

    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class Table:
    """An upload read against its header table; `problems` are records of the wrong width."""

    line: int
    columns: list[str]  # each column's key, or its name as written for an upload's other columns
    rows: list[Row]
    problems: list[CsvFileError]


def fold(name: str) -> str:
    """Compare column names without case, accents, spaces or punctuation."""
    plain = unicodedata.normalize("NFKD", name).casefold()
    return "".join(char for char in plain if char.isalnum())


def decode(data: bytes) -> str:
    """Return the text of an uploaded file, without a byte-order mark."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CsvFileError(1, _l("The file is neither UTF-8 nor Windows-1252 text. Save it as CSV."))


def sniff_delimiter(text: str, allowed: Sequence[str] = DELIMITERS) -> str:
    """Return the allowed separator used most outside quotes on the first line (first on a tie)."""
    counts = dict.fromkeys(allowed, 0)
    quoted = False
    for char in text.lstrip():
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    return max(allowed, key=lambda d: (counts[d], -allowed.index(d)))


def records(text: str, delimiter: str = ",") -> Iterator[Record]:
    """Yield each non-blank record with its starting line; a NUL or broken quoting is an error."""
    if "\x00" in text:
        raise CsvFileError(text[: text.index("\x00")].count("\n") + 1, _l("A NUL character."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            reason = _l("Broken quoting (%(error)s).", error=error)
            raise CsvFileError(reader.line_num, reason) from error
        if any(field.strip() for field in fields):
            yield Record(start, [field.strip() for field in fields])


def read(data: bytes) -> Iterator[Record]:
    """Decode an uploaded file, find its separator and yield its records."""
    text = decode(data)
    return records(text, sniff_delimiter(text))


def read_table(data: bytes, columns: Columns) -> Table:
    """Read an upload: its header named by `columns`, then each row of the header's width."""
    found = read(data)
    header = next(found, None)
    if header is None:
        raise CsvFileError(1, _l("The file is empty."))
    names = _names(header, columns)
    rows, problems = [], []
    for record in found:
        fields = record.fields
        while len(fields) > len(names) and not fields[-1]:  # spreadsheets pad rows with empty cells
            fields = fields[:-1]
        if len(fields) == len(names):
            rows.append(Row(record.line, dict(zip(names, fields, strict=True))))
        else:
            reason = _l(
                "Expected %(expected)d fields, found %(found)d.",
                expected=len(names),
                found=len(fields),
            )
            problems.append(CsvFileError(record.line, reason))
    if not rows and not problems:
        raise CsvFileError(header.line + 1, _l("The file has no rows under its header line."))
    return Table(header.line, names, rows, problems)


def _names(header: Record, columns: Columns) -> list[str]:
    """Name each column of the header line; refuse unknown, missing and repeated columns."""
    written = list(header.fields)
    while written and not written[-1]:
        written.pop()
    names = [columns.key(name) or (name if columns.others and name else "") for name in written]
    unknown = [name for name, key in zip(written, names, strict=True) if not key]
    missing = [key for key in columns.required if key not in names]
    if unknown:
        reason = _l(
            "The first line must name the columns (%(accepted)s); “%(name)s” is not one of them.",
            accepted=columns.accepted(),
            name=unknown[0],
        )
    elif missing:
        reason = _l(
            "The first line must name the columns (%(accepted)s); “%(name)s” is missing.",
            accepted=columns.accepted(),
            name=missing[0],
        )
    else:
        folded = [fold(name) for name in names]
        repeated = [
            name for name, key in zip(written, folded, strict=True) if folded.count(key) > 1
        ]
        if not repeated:
            return names
        reason = _l("The column “%(name)s” appears twice.", name=repeated[0])
    raise CsvFileError(header.line, reason)


def shown(messages: Sequence[str]) -> list[str]:
    """Keep the first problems of a long list and say how many more there are."""
    more = len(messages) - MAX_SHOWN
    if more <= 0:
        return list(messages)
    return [
        *messages[:MAX_SHOWN],
        ngettext("… and %(num)d more problem.", "… and %(num)d more problems.", more),
    ]


def neutralise(value: Cell) -> Cell:
    """Prefix text a spreadsheet would run with a quote; numbers the app writes stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export(
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    bom: bool = False,
    lineterminator: str = "\r\n",
) -> str:
    """Write a CSV meant to be opened in a spreadsheet, every text cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=lineterminator)
    writer.writerow([neutralise(name) for name in header])
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return ("\ufeff" if bom else "") + out.getvalue()


def data(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """Write a CSV that only this platform reads back, cells as they are; never serve it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
