"""Bad department spreadsheets: each is refused with a Danish message naming file and row."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from opfolgning.exporters.department_xlsx import render_department_xlsx
from opfolgning.followup.department_sheet import (
    HEADER_ROW,
    DepartmentSheet,
    SheetIdentity,
    SheetRow,
    SheetValues,
)
from opfolgning.importers.archive import OLE_MAGIC
from opfolgning.importers.department_xlsx import SheetError, parse_department_xlsx
from tests.department_sheets import delete_header_row, fill

LIMIT = 5 * 1024 * 1024


def good() -> bytes:
    row = SheetRow("1.1", "Plejecenter", "", "", "", SheetValues("Status", "happy", ""), 1)
    return render_department_xlsx(DepartmentSheet(SheetIdentity(2019, 3, 1, "Ejendomme"), [row]))


def refused(data: bytes, name: str = "ejendomme.xlsx") -> str:
    with pytest.raises(SheetError) as caught:
        parse_department_xlsx(data, source=name, max_bytes=LIMIT)
    message = str(caught.value)
    assert message.startswith(f"Filen «{name}»"), message
    return message


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(300):  # 300 MB of zeros
                member.write(bytes(1024 * 1024))
    return out.getvalue()


def test_corrupt_bytes_are_refused():
    data = good()
    assert "beskadiget" in refused(data[: len(data) // 2])


def test_a_password_protected_workbook_is_refused():
    message = refused(OLE_MAGIC + bytes(504))
    assert "adgangskode" in message and "upload igen" in message


def test_a_zip_bomb_is_refused_before_unpacking():
    message = refused(zip_bomb())
    assert "afvist, før den blev pakket ud" in message


def test_a_word_document_renamed_to_xlsx_is_refused():
    assert "Word-dokument (.docx)" in refused(docx_bytes())


def test_another_file_renamed_to_xlsx_is_refused():
    assert "ikke et Excel-regneark" in refused(b"Indsats;Status\n1.1;Godt\n")


def test_a_file_over_the_limit_is_refused_by_its_size():
    message = refused(good() + bytes(LIMIT))
    assert "grænsen er 5,0 MB" in message


def test_a_sheet_without_its_header_row_is_refused_naming_the_row():
    message = refused(delete_header_row(good()))
    assert f"række {HEADER_ROW}" in message
    assert "overskriftsrække" in message and "Hent regnearket igen" in message


def test_a_workbook_that_is_not_our_department_sheet_is_refused():
    workbook = Workbook()
    workbook.active.append(["Indsats nr.", "Status"])
    out = io.BytesIO()
    workbook.save(out)
    assert "ikke et regneark fra Opfølgning til centrene" in refused(out.getvalue())


def test_an_unknown_smiley_word_is_a_problem_of_its_row():
    data = fill(good(), {"1.1": {"smiley": "super"}})
    (row,) = parse_department_xlsx(data, source="x.xlsx", max_bytes=LIMIT).rows
    assert "smileyen 'super' kendes ikke" in row.problem
