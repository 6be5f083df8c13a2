"""The corpus of departments' own spreadsheets: each read cell by cell as its truth says."""

from __future__ import annotations

from pathlib import Path

import pytest

from opfolgning.followup.department_sheet import OWN_REQUIRED, UploadedSheet
from opfolgning.importers.department_xlsx import HeaderError, parse_department_xlsx
from tests.corpus.department_sheets import IDENTITY, SHEETS, Row, Sheet

MAX = 20 * 1024 * 1024


def _read(sheet: Sheet, tmp_path: Path, columns: dict[int, str] | None = None) -> UploadedSheet:
    path = tmp_path / f"{sheet.name}.xlsx"
    path.write_bytes(sheet.build())
    return parse_department_xlsx(
        path.read_bytes(), source=path.name, max_bytes=MAX, identity=IDENTITY, columns=columns
    )


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: s.name)
def test_the_sheet_is_read_as_its_truth(sheet: Sheet, tmp_path: Path) -> None:
    uploaded = _read(sheet, tmp_path, sheet.columns)
    got = [
        Row(
            r.sheet_row,
            r.number,
            r.values.status_note,
            r.values.smiley,
            r.values.corrective_action,
            r.problem,
        )
        for r in uploaded.rows
    ]
    assert got == sheet.rows
    assert uploaded.warnings == sheet.warnings
    assert uploaded.own
    assert uploaded.identity == IDENTITY
    assert all(r.edited for r in uploaded.rows)


def test_unknown_headers_are_refused_naming_them_and_the_missing_fields(tmp_path: Path) -> None:
    sheet = next(s for s in SHEETS if s.columns is not None)
    with pytest.raises(HeaderError) as caught:
        _read(sheet, tmp_path)
    message = str(caught.value)
    for header in sheet.headers:
        assert f"«{header}»" in message
    assert "«Status»" in message and "«Korrigerende handling»" in message
    assert "kolonnekoblingen" in message
    assert "række 1" in message
    error = caught.value
    assert error.table.headers == sheet.headers
    assert error.table.sample(1) == "Pladsen er ryddet."
    assert set(error.missing) == set(OWN_REQUIRED)
