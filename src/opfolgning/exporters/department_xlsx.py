"""Write a department sheet (followup.department_sheet) as an Excel workbook.

Sheet "Indberetning": a title, a note that the protection is against mistakes, then a header
row and one row per initiative. Number, title, planned milestone and the previous round's
status and smiley are locked; status, smiley (a drop-down of the three words) and corrective
action are unlocked; the row's version and check code are hidden and locked. The hidden
sheet "Om arket" names the format, the agreement year, the round and the center.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ..followup.department_sheet import (
    COLUMNS,
    FORMAT_NAME,
    FORMAT_VERSION,
    HEADER_ROW,
    META_SHEET,
    NOTE_ROW,
    PROTECTION_NOTE,
    PROTECTION_PASSWORD,
    SHEET_NAME,
    SMILEY_CHOICES,
    TITLE_ROW,
    DepartmentSheet,
    SheetRow,
    check_code,
    smiley_word,
)
from .xlsx import _put

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["render_department_xlsx"]


def _cells(row: SheetRow) -> dict[str, str | int]:
    return {
        "number": row.number,
        "title": row.title,
        "milestone": row.milestone,
        "previous_status": row.previous_status,
        "previous_smiley": smiley_word(row.previous_smiley),
        "status_note": row.values.status_note,
        "smiley": smiley_word(row.values.smiley),
        "corrective_action": row.values.corrective_action,
        "version": row.version,
        "check": check_code(row.values),
    }


def _write_main(ws: Worksheet, sheet: DepartmentSheet) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    identity = sheet.identity
    title = f"{identity.center} · {identity.round_label or identity.round_number}"
    if identity.agreement:
        title = f"{identity.agreement} · {title}"
    _put(ws, TITLE_ROW, 1, title)
    ws.cell(row=TITLE_ROW, column=1).font = Font(bold=True, size=14)
    _put(ws, NOTE_ROW, 1, PROTECTION_NOTE)
    ws.cell(row=NOTE_ROW, column=1).font = Font(italic=True)

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    editable_fill = PatternFill("solid", fgColor="FFF9E5")
    wrap = Alignment(wrap_text=True, vertical="top")
    unlocked = Protection(locked=False)
    for col, column in enumerate(COLUMNS, start=1):
        header = column.header
        if column.key == "previous_status" and sheet.previous_label:
            header = f"{header} ({sheet.previous_label})"
        _put(ws, HEADER_ROW, col, header)
        cell = ws.cell(row=HEADER_ROW, column=col)
        cell.font = bold
        cell.fill = header_fill
        cell.alignment = wrap
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = column.width
        ws.column_dimensions[letter].hidden = column.hidden
    for offset, row in enumerate(sheet.rows, start=1):
        values = _cells(row)
        for col, column in enumerate(COLUMNS, start=1):
            _put(ws, HEADER_ROW + offset, col, values[column.key])
            cell = ws.cell(row=HEADER_ROW + offset, column=col)
            cell.alignment = wrap
            if column.editable:
                cell.protection = unlocked
                cell.fill = editable_fill
    last_row = HEADER_ROW + max(len(sheet.rows), 1)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"

    smiley_col = next(i for i, c in enumerate(COLUMNS, start=1) if c.key == "smiley")
    letter = get_column_letter(smiley_col)
    validation = DataValidation(
        type="list", formula1=f'"{",".join(SMILEY_CHOICES)}"', allow_blank=True
    )
    validation.errorTitle = "Ukendt smiley"
    validation.error = f"Vælg {', '.join(SMILEY_CHOICES)} i listen, eller lad feltet stå tomt."
    validation.promptTitle = "Smiley"
    validation.prompt = f"Vælg {', '.join(SMILEY_CHOICES)}."
    validation.add(f"{letter}{HEADER_ROW + 1}:{letter}{last_row}")
    ws.add_data_validation(validation)

    # Protection against mistakes: only the unlocked (editable) cells can be changed; columns
    # and rows can still be resized (in OOXML a False flag means the action is allowed).
    protection = ws.protection
    protection.sheet = True
    protection.password = PROTECTION_PASSWORD
    protection.formatColumns = False
    protection.formatRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False


def _write_meta(ws: Worksheet, sheet: DepartmentSheet) -> None:
    identity = sheet.identity
    rows: list[tuple[str, str | int]] = [
        ("format", FORMAT_NAME),
        ("version", FORMAT_VERSION),
        ("year", identity.year),
        ("round", identity.round_number),
        ("center_id", identity.center_id),
        ("center", identity.center),
        ("agreement", identity.agreement),
    ]
    for row_index, (key, value) in enumerate(rows, start=1):
        _put(ws, row_index, 1, key)
        _put(ws, row_index, 2, value)
    ws.protection.sheet = True
    ws.protection.password = PROTECTION_PASSWORD
    ws.sheet_state = "hidden"


def render_department_xlsx(sheet: DepartmentSheet) -> bytes:
    """Return the department sheet as an .xlsx workbook (Indberetning, hidden Om arket)."""
    from openpyxl import Workbook

    workbook = Workbook()
    main = workbook.active
    assert main is not None
    main.title = SHEET_NAME
    _write_main(main, sheet)
    _write_meta(workbook.create_sheet(META_SHEET), sheet)
    workbook.properties.title = f"{SHEET_NAME} · {sheet.identity.center}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
