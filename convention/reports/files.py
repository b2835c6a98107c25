"""The report's formats, all rendered from one frozen content: CSV, HTML for print, PDF."""

from typing import Any

from flask import g, render_template
from flask_babel import force_locale

from convention import csvfiles
from convention.config import PROJECT_ROOT
from convention.rules.report import CSV_COLUMNS, csv_rows

PRINT_CSS = PROJECT_ROOT / "convention" / "static" / "report-pdf.css"


def to_csv(content: dict[str, Any]) -> bytes:
    """Write one row per recommendation, UTF-8 with a byte-order mark for spreadsheets."""
    rows = [[row[name] for name in CSV_COLUMNS] for row in csv_rows(content)]
    return csvfiles.export(CSV_COLUMNS, rows, bom=True).encode("utf-8")


def to_pdf(content: dict[str, Any], version: dict[str, Any], language: str) -> bytes:
    """Render the report in `language` as a tagged PDF with a table of contents and page numbers."""
    from weasyprint import CSS, HTML  # imported late: Pango loads only when a PDF is made

    # Flask-Babel ignores force_locale while `g` is empty (a CLI command's app context).
    g.report_language = language
    with force_locale(language):
        html = render_template(
            "reports/report_pdf.html", report=content, version=version, language=language
        )
    document = HTML(string=html, base_url=str(PROJECT_ROOT))
    stylesheet = CSS(filename=str(PRINT_CSS))
    return document.write_pdf(stylesheets=[stylesheet], pdf_tags=True, uncompressed_pdf=False)
