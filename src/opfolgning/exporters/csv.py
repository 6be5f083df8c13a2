"""Write a report's main table as CSV for Excel (same rows and columns as the XLSX table).

UTF-8 with a byte order mark (so Excel detects the encoding), `;` as delimiter (Danish
Excel uses the comma as decimal separator and expects `;`), CRLF line ends, fields quoted
where needed. A cell beginning with = + - @ TAB or CR is prefixed with a single quote so a
spreadsheet shows it as text instead of running it as a formula (CSV injection).
"""

from __future__ import annotations

import csv
import io

from ..followup.document import ReportDocument
from .xlsx import table

__all__ = ["DELIMITER", "escape_cell", "render_report_csv"]

DELIMITER = ";"
BOM = "\ufeff"
_DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: str | int) -> str:
    """Return a cell as text, with a quote prefix if a spreadsheet could read it as a formula."""
    text = str(value)
    if text.startswith(_DANGEROUS_STARTS):
        return "'" + text
    return text


def render_report_csv(doc: ReportDocument) -> bytes:
    """Return the report's table as UTF-8 CSV with BOM, `;`-separated, one row per
    initiative and round."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    columns, rows = table(doc)
    writer.writerow([escape_cell(c.header) for c in columns])
    for row in rows:
        writer.writerow([escape_cell(value) for value in row])
    return (BOM + buffer.getvalue()).encode("utf-8")
