"""Write a report's economy (the XLSX sheet Økonomi) as CSV for Excel.

Same conventions as exporters/csv.py: UTF-8 with a byte order mark, `;` as delimiter, CRLF,
formula-like cells quote-prefixed. Amounts are whole kroner written as plain integers.
Not registered as a format of its own: the report's CSV stays the one table importers read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from ..followup.document import ReportDocument
from .csv import BOM, DELIMITER, escape_cell
from .xlsx import economy_rows

__all__ = ["render_budget_csv"]


def render_budget_csv(doc: ReportDocument, *, previous_date: dt.date | None = None) -> bytes:
    """Return the report's economy totals, approved changes and budgets as CSV (b"" if none)."""
    from .economy import report_economy

    economy = report_economy(doc, previous_date=previous_date)
    if economy is None:
        return b""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    for values, _bold in economy_rows(doc, economy):
        # A negative amount is a number, not a formula: only text cells are escaped.
        writer.writerow(
            ["" if v is None else v if isinstance(v, int) else escape_cell(v) for v in values]
        )
    return (BOM + buffer.getvalue()).encode("utf-8")
