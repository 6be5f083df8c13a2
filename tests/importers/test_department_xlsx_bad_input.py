"""Bad department spreadsheets: each is refused with a Danish message naming file and row."""

from __future__ import annotations

import functools
import io
import zipfile
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from opfolgning.exporters.department_xlsx import render_department_xlsx
from opfolgning.followup.department_sheet import (
    HEADER_ROW,
    DepartmentSheet,
    SheetIdentity,
    SheetRow,
    SheetValues,
    UploadedSheet,
)
from opfolgning.importers.archive import OLE_MAGIC
from opfolgning.importers.department_xlsx import HeaderError, SheetError, parse_department_xlsx
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


# --- a department's own sheet (no hidden sheet): read for the round and center it is given --

OWN = SheetIdentity(2019, 3, 1, "Ejendomme")
OWN_HEADERS = ["Nr.", "Status", "Smiley", "Korrigerende handling"]


def own(*rows: list[object], headers: list[str] = OWN_HEADERS) -> bytes:
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Ark1"
    ws.append(headers)
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def own_rows(data: bytes, **kwargs: Any) -> UploadedSheet:
    return parse_department_xlsx(data, source="eget.xlsx", max_bytes=LIMIT, identity=OWN, **kwargs)


def own_refused(data: bytes, **kwargs: Any) -> SheetError:
    with pytest.raises(SheetError) as caught:
        own_rows(data, **kwargs)
    assert str(caught.value).startswith("Filen «eget.xlsx»"), str(caught.value)
    return caught.value


def test_an_own_sheet_without_a_header_row_is_refused_saying_what_was_expected():
    workbook = Workbook()
    workbook.active["A1"] = "Kun en titel"
    out = io.BytesIO()
    workbook.save(out)
    message = str(own_refused(out.getvalue()))
    assert "ingen tabel med overskrifter" in message and "«Nr.»" in message


def test_unknown_headers_name_what_was_found_what_is_missing_and_the_mapping():
    error = own_refused(own(["1.1", "x", "glad", ""], headers=["Nr.", "Tekst", "Farve", "Plan"]))
    assert isinstance(error, HeaderError)
    message = str(error)
    assert "række 1" in message
    assert "«Nr.», «Tekst», «Farve», «Plan»" in message
    assert "«Status», «Smiley (indsats)», «Korrigerende handling»" in message
    assert "kolonnekoblingen" in message
    assert error.missing == ["status_note", "smiley", "corrective_action"]
    assert error.table.guesses() == {0: "number"}


def test_a_bad_column_mapping_is_refused_naming_the_problem():
    data = own(["1.1", "x", "glad", ""])
    columns = {0: "number", 1: "status_note", 2: "status_note", 3: "corrective_action"}
    message = str(own_refused(data, columns=columns))
    assert "kolonnerne «Status» og «Smiley» er begge sat til «Status»" in message
    assert "vælg en kolonne for «Smiley (indsats)»" in message


def test_a_column_mapping_overrides_the_synonyms():
    data = own(["1.1", "Plan B", "glad", "Status her"])
    columns = {0: "number", 1: "corrective_action", 2: "smiley", 3: "status_note"}
    (row,) = own_rows(data, columns=columns).rows
    assert (row.values.status_note, row.values.corrective_action) == ("Status her", "Plan B")


def test_an_own_sheets_row_problems_are_the_rows_not_the_files():
    data = own(
        ["", "Uden nummer", "glad", ""],
        ["1.1", "a", "glad", ""],
        ["1.1", "b", "glad", ""],
        ["1.1", "c", "glad", ""],
        ["1.2", "d", "strålende", ""],
    )
    rows = own_rows(data).rows
    assert [(r.sheet_row, r.number) for r in rows] == [(2, ""), (3, "1.1"), (6, "1.2")]
    assert rows[0].problem == "rækken har intet indsatsnummer"
    assert rows[1].problem.startswith("indsats 1.1 har 3 rækker (3, 4, 5); skriv én række")
    assert "smileyen 'strålende' kendes ikke" in rows[2].problem


def test_an_own_sheets_round_column_picks_the_round_and_names_a_bad_one():
    data = own(
        ["1.1", "første", "glad", "", "1. opfølgning"],
        ["1.1", "tredje", "sur", "Plan", "3. opfølgning"],
        ["1.1", "?", "", "", "sidste"],
        headers=[*OWN_HEADERS, "Opfølgning"],
    )
    rows = own_rows(data).rows
    assert [(r.sheet_row, r.values.status_note, r.problem) for r in rows] == [
        (3, "tredje", ""),
        (4, "?", "opfølgningen «sidste» kendes ikke; skriv 1, 2, 3 eller 4"),
    ]
    assert rows[0].values.smiley == "sad"


def test_without_an_identity_an_own_sheet_is_refused_as_before():
    assert "ikke et regneark fra Opfølgning til centrene" in refused(own(["1.1", "x", "", ""]))


# --- fuzzing an own sheet: anything in the cells, and damaged bytes, give only SheetError ----

_CELL = st.one_of(
    st.none(),
    st.sampled_from(["Nr.", "Status", "Smiley", "Korrigerende handling", "Opfølgning", "glad"]),
    st.sampled_from(["-", "–", " GUL ", "rød", "☹", "1.1", "3. opfølgning", "=A1", ""]),
    st.text(max_size=12),
    st.integers(-5, 5),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)


def _clean(value: object) -> object:
    # openpyxl refuses control characters in cells (Excel cannot store them either).
    if isinstance(value, str):
        return "".join(c for c in value if c.isprintable()) or None
    return value


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.lists(_CELL, min_size=0, max_size=6), min_size=0, max_size=10),
    merges=st.lists(
        st.tuples(st.integers(1, 6), st.integers(1, 10), st.integers(0, 3)), max_size=4
    ),
)
def test_any_own_sheet_is_read_or_refused_with_a_sheet_error(rows, merges) -> None:
    workbook = Workbook()
    ws = workbook.active
    for r, values in enumerate(rows, 1):
        for c, value in enumerate(values, 1):
            ws.cell(r, c, _clean(value))
    taken: set[tuple[int, int]] = set()
    for column, row, down in merges:
        cells = {(column, row + i) for i in range(down + 1)}
        if down and not cells & taken:
            ws.merge_cells(
                start_row=row, start_column=column, end_row=row + down, end_column=column
            )
            taken |= cells
    out = io.BytesIO()
    workbook.save(out)
    try:
        sheet = own_rows(out.getvalue())
    except SheetError as error:
        assert str(error).startswith("Filen «eget.xlsx»")
    else:
        assert sheet.own and all(isinstance(r.problem, str) for r in sheet.rows)


@functools.cache
def _own_good() -> bytes:
    # Made once: openpyxl writes the time into the file, and the draws depend on its length.
    return own(["1.1", "Status", "glad", ""], ["1.2", "x", "-", "y"])


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_damaged_bytes_of_an_own_sheet_give_only_a_sheet_error(data) -> None:
    good_bytes = _own_good()
    damaged = bytearray(good_bytes)
    for _ in range(data.draw(st.integers(1, 8))):
        damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    try:
        own_rows(bytes(damaged))
    except SheetError:
        pass


def test_an_own_sheets_number_stored_as_a_decimal_number_is_a_problem_of_its_row():
    rows = own_rows(own([1.1, "a", "glad", ""], [2, "b", "sur", ""], ["1.10", "c", "", ""])).rows
    assert [(r.number, r.problem[:40]) for r in rows] == [
        ("1.1", "indsatsnummeret 1.1 er gemt som et tal, "),
        ("2", ""),
        ("1.10", ""),
    ]
