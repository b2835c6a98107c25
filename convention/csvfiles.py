"""Every CSV the platform reads or writes: uploads decoded and split into numbered records,
exports written so that a spreadsheet never runs a cell as a formula."""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

# A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Encodings tried in order; the guidance work may add Windows-1252 after UTF-8.
ENCODINGS = ("utf-8-sig",)
# Separators a file may use; the header line decides (French spreadsheets write semicolons).
DELIMITERS = (",", ";")

Cell = str | int | float | bool | None


class CsvFileError(ValueError):
    """The file cannot be read; `line` is 1-based, `reason` says why in the reader's language."""

    def __init__(self, line: int, reason: object) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class Record:
    """One non-blank record of a file: the line it starts on and its fields, trimmed."""

    line: int
    fields: list[str]


def decode(data: bytes) -> str:
    """Return the text of an uploaded file, without a byte-order mark."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CsvFileError(1, _l("The file is not UTF-8 text. Save it as CSV UTF-8."))


def sniff_delimiter(text: str, allowed: Sequence[str] = DELIMITERS) -> str:
    """Return the allowed separator used most on the first line (the first allowed on a tie)."""
    first_line = text.split("\n", 1)[0]
    return max(allowed, key=lambda d: (first_line.count(d), -allowed.index(d)))


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


def read(data: bytes, delimiters: Sequence[str] = DELIMITERS) -> Iterator[Record]:
    """Decode an uploaded file, find its separator and yield its records."""
    text = decode(data)
    return records(text, sniff_delimiter(text, delimiters))


def columns(header: Record, aliases: dict[str, str]) -> list[str]:
    """Name a header's columns in lower case, mapping each alias (French, English) to its key."""
    return [aliases.get(name.lower(), name.lower()) for name in header.fields]


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
