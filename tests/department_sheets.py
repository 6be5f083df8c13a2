"""Helpers of the department spreadsheet tests: fill in a downloaded sheet as Excel would."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook

from opfolgning.followup.department_sheet import COLUMNS, HEADER_ROW, SHEET_NAME

COLUMN = {c.key: index for index, c in enumerate(COLUMNS, start=1)}


def fill(data: bytes, rows: dict[str, dict[str, Any]], *, add: list[dict[str, Any]] = ()) -> bytes:
    """Return the sheet with cells changed: {initiative number: {column key: value}}.

    `add` appends rows below the table (as a department would, by copying a row).
    """
    workbook = load_workbook(io.BytesIO(data))
    ws = workbook[SHEET_NAME]
    by_number = {
        str(ws.cell(r, COLUMN["number"]).value): r for r in range(HEADER_ROW + 1, ws.max_row + 1)
    }
    for number, values in rows.items():
        for key, value in values.items():
            ws.cell(by_number[number], COLUMN[key]).value = value
    for extra in add:
        row = ws.max_row + 1
        for key, value in extra.items():
            ws.cell(row, COLUMN[key]).value = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def delete_header_row(data: bytes) -> bytes:
    """Return the sheet with its header row deleted (as a department might by mistake)."""
    workbook = load_workbook(io.BytesIO(data))
    workbook[SHEET_NAME].delete_rows(HEADER_ROW)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
