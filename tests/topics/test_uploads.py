"""A file's type comes from its content, never from its name."""

import pytest

from convention.topics.uploads import clean_name, sniff
from tests.topics.files import JPEG, PDF, PNG, WEBP, odf, ooxml, zipped

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    ("data", "extension"),
    [
        (PDF, "pdf"),
        (PNG, "png"),
        (JPEG, "jpg"),
        (WEBP, "webp"),
        (ooxml("wordprocessingml.document.main+xml"), "docx"),
        (ooxml("spreadsheetml.sheet.main+xml"), "xlsx"),
        (ooxml("presentationml.presentation.main+xml"), "pptx"),
        (odf("text"), "odt"),
        (odf("spreadsheet"), "ods"),
        (odf("presentation"), "odp"),
    ],
)
def test_accepted_kinds_are_recognised_from_their_bytes(data: bytes, extension: str) -> None:
    assert sniff(data).extension == extension


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00 a Windows program",
        b"<html><script>alert(1)</script></html>",
        b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
        zipped({"evil.exe": b"MZ"}),
        ooxml("wordprocessingml.document.macroEnabled.main+xml"),
        zipped({"mimetype": b"application/x-shockwave-flash"}),
        b"PK\x03\x04 not really a zip",
        b"",
    ],
)
def test_other_content_is_refused_whatever_it_is_called(data: bytes) -> None:
    assert sniff(data) is None


def test_file_names_are_cleaned_and_take_the_real_extension() -> None:
    assert clean_name("report.exe", "pdf") == "report.pdf"
    assert clean_name("../../etc/passwd", "png") == "passwd.png"
    assert clean_name('<img src=x onerror="a()">.docx', "docx") == "img src_x onerror_a().docx"
    assert clean_name("...", "pdf") == "document.pdf"
