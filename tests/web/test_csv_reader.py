"""The one CSV reader every upload uses: encodings, separators, header names, line numbers."""

import pytest

from convention import csvfiles

pytestmark = pytest.mark.pure

PEOPLE = csvfiles.Columns(
    {"email": ("email", "courriel"), "name": ("name", "nom"), "role": ("role", "rôle")},
    required=("name",),
)
OPEN = csvfiles.Columns({"id": ("id", "identifiant")}, required=("id",), others=True)
NAMED = csvfiles.Columns({"name": ("name", "nom")}, others=True)


def table(text: str | bytes, columns: csvfiles.Columns = PEOPLE) -> csvfiles.Table:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return csvfiles.read_table(data, columns)


def refusal(text: str | bytes, columns: csvfiles.Columns = PEOPLE) -> csvfiles.CsvFileError:
    with pytest.raises(csvfiles.CsvFileError) as error:
        table(text, columns)
    return error.value


@pytest.mark.parametrize("text", ["", "\n\n", " ; \r\n"])
def test_an_empty_file_is_refused_on_line_one(text):
    error = refusal(text)
    assert error.line == 1 and "empty" in str(error.reason)


def test_a_file_with_only_its_header_is_refused_on_the_line_after_it():
    error = refusal("\nnom;courriel\n\n")
    assert error.line == 3 and "no rows" in str(error.reason)


def test_separators_inside_quoted_fields_do_not_decide_the_separator():
    found = table('nom;"courriel, pro"\n"Roy, Ana";"a;b@example.org"\n', NAMED)
    assert found.rows[0].values == {"name": "Roy, Ana", "courriel, pro": "a;b@example.org"}
    found = table('"name; full",id\n"Roy; Ana",7\n', OPEN)
    assert (
        found.columns == ["name; full", "id"] and found.rows[0].values["name; full"] == "Roy; Ana"
    )


def test_french_excel_bytes_are_read_as_windows_1252_and_utf8_is_tried_first():
    found = table("Nom;Rôle\nZoé Lefèvre;élue\n".encode("cp1252"))
    assert found.rows[0].values == {"name": "Zoé Lefèvre", "role": "élue"}
    found = table("\ufeffName,Role\nZoé,élue\n")
    assert found.rows[0].values == {"name": "Zoé", "role": "élue"}


def test_header_names_match_without_case_accents_spaces_or_punctuation():
    found = table(
        "E-MAIL ; NOM ; RÔLE\na@example.org;Ana;expert\n",
        csvfiles.Columns({"email": ("email",), "name": ("nom",), "role": ("role",)}),
    )
    assert found.columns == ["email", "name", "role"]


def test_unknown_repeated_and_missing_columns_are_refused_on_the_header_line():
    unknown = refusal("\nnom;téléphone\nAna;06\n")
    assert unknown.line == 2 and "“téléphone” is not one of them" in str(unknown.reason)
    assert "email / courriel, name / nom, role / rôle" in str(unknown.reason)
    assert "appears twice" in str(refusal("email;courriel;nom\na;b;c\n").reason)
    missing = refusal("courriel\na@example.org\n")
    assert missing.line == 1 and "“name” is missing" in str(missing.reason)
    assert "“id” is missing" in str(refusal("nom,age\nAna,30\n", OPEN).reason)


def test_rows_of_the_wrong_width_are_problems_with_their_line_and_spreadsheet_padding_is_not():
    found = table('nom;rôle;;\nAna;expert;;\n"Bo\nBo";citizen;;;\nCy\nDi;x;y\n')
    assert [(row.line, row.values["name"]) for row in found.rows] == [(2, "Ana"), (3, "Bo\nBo")]
    assert [(p.line, str(p.reason)) for p in found.problems] == [
        (5, "Expected 2 fields, found 1."),
        (6, "Expected 2 fields, found 3."),
    ]


def test_messages_carry_the_line_and_long_lists_are_cut():
    assert csvfiles.CsvFileError(4, "Bad.").message() == "Line 4: Bad."
    assert csvfiles.CsvFileError(4, "Bad.").message("pool.csv") == "pool.csv: line 4: Bad."
    shown = csvfiles.shown([str(n) for n in range(25)])
    assert len(shown) == 21 and shown[-1] == "… and 5 more problems."
