"""The department spreadsheet: locked and editable columns, the drop-down, the round trip."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from opfolgning.exporters.department_xlsx import render_department_xlsx
from opfolgning.followup.department_sheet import (
    COLUMNS,
    HEADER_ROW,
    META_SHEET,
    SHEET_NAME,
    SMILEY_CHOICES,
    DepartmentSheet,
    SheetIdentity,
    SheetRow,
    SheetValues,
)
from opfolgning.importers.department_xlsx import parse_department_xlsx
from tests.department_sheets import COLUMN, fill

IDENTITY = SheetIdentity(2019, 3, 7, "Ejendomme", "Aftale om budget 2019", "3. budgetopfølgning")


def _sheet() -> DepartmentSheet:
    return DepartmentSheet(
        IDENTITY,
        [
            SheetRow(
                "1.11",
                "Plejecenter Toftehaven",
                "Byggeriet er i gang",
                "Udbuddet er afsluttet.",
                "neutral",
                SheetValues("=SUM(A1) er ikke en formel", "sad", "Tidsplanen lægges om."),
                4,
            ),
            SheetRow("1.12", "Ny skole", "", "", "", SheetValues(), 0),
        ],
        previous_label="2. budgetopfølgning 2019",
    )


def test_the_sheet_reads_back_as_it_was_written():
    data = render_department_xlsx(_sheet())
    uploaded = parse_department_xlsx(data, source="ejendomme.xlsx", max_bytes=10**7)
    assert uploaded.identity.year == 2019
    assert (uploaded.identity.round_number, uploaded.identity.center_id) == (3, 7)
    first, second = uploaded.rows
    assert (first.number, first.version, first.sheet_row) == ("1.11", 4, HEADER_ROW + 1)
    assert first.values == SheetValues("=SUM(A1) er ikke en formel", "sad", "Tidsplanen lægges om.")
    assert not first.edited and not first.problem
    assert (second.number, second.version, second.values) == ("1.12", 0, SheetValues())


def test_an_edited_row_is_read_with_its_new_values_and_marked_edited():
    data = fill(
        render_department_xlsx(_sheet()),
        {"1.12": {"status_note": "Projektering i gang.", "smiley": "glad"}},
    )
    row = parse_department_xlsx(data, source="x.xlsx", max_bytes=10**7).rows[1]
    assert row.values == SheetValues("Projektering i gang.", "happy", "")
    assert row.edited


def test_the_smiley_column_has_a_drop_down_of_the_three_words():
    workbook = load_workbook(io.BytesIO(render_department_xlsx(_sheet())))
    ws = workbook[SHEET_NAME]
    (validation,) = ws.data_validations.dataValidation
    letter = "ABCDEFGHIJ"[COLUMN["smiley"] - 1]
    assert validation.type == "list"
    assert validation.formula1 == '"' + ",".join(SMILEY_CHOICES) + '"'
    assert SMILEY_CHOICES == ("glad", "mellemfornøjet", "sur")
    assert str(validation.sqref) == f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + 2}"


def test_only_the_editable_cells_are_unlocked_and_the_sheet_is_protected():
    workbook = load_workbook(io.BytesIO(render_department_xlsx(_sheet())))
    ws = workbook[SHEET_NAME]
    assert ws.protection.sheet
    assert "mod fejl, ikke af sikkerhedshensyn" in ws.cell(2, 1).value
    for row in (HEADER_ROW + 1, HEADER_ROW + 2):
        unlocked = {c.key for c in COLUMNS if not ws.cell(row, COLUMN[c.key]).protection.locked}
        assert unlocked == {"status_note", "smiley", "corrective_action"}
    letters = {c.key: "ABCDEFGHIJ"[COLUMN[c.key] - 1] for c in COLUMNS}
    hidden = {key for key, letter in letters.items() if ws.column_dimensions[letter].hidden}
    assert hidden == {"version", "check"}
    assert workbook[META_SHEET].sheet_state == "hidden"


def test_previous_round_is_named_in_its_header_and_text_cells_are_never_formulas():
    workbook = load_workbook(io.BytesIO(render_department_xlsx(_sheet())))
    ws = workbook[SHEET_NAME]
    assert ws.cell(HEADER_ROW, COLUMN["previous_status"]).value == (
        "Forrige status (2. budgetopfølgning 2019)"
    )
    cell = ws.cell(HEADER_ROW + 1, COLUMN["status_note"])
    assert cell.data_type == "s"
    assert ws.cell(HEADER_ROW + 1, COLUMN["previous_smiley"]).value == "mellemfornøjet"
