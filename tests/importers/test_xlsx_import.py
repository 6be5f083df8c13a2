"""parse_xlsx reads back what render_report_xlsx writes, tolerates edits, refuses bad input."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from opfolgning.exporters.xlsx import (
    COLUMNS,
    MAIN_SHEET,
    METADATA_SHEET,
    TABLE_HEADER_ROW,
    render_report_xlsx,
)
from opfolgning.followup.document import (
    AgreementRef,
    EconomyDoc,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
    ThemeDoc,
)
from opfolgning.followup.errors import ReportFormatError
from opfolgning.followup.smileys import Smiley
from opfolgning.importers import parse_bytes, parse_path
from opfolgning.importers.xlsx import parse_xlsx
from tests.importers.budgets import with_read_budgets
from tests.importers.test_roundtrip import documents

# The seed's exported layout: every column but the optional economy ones, which no row of the
# seed fills (the exporter leaves those out).
HEADERS = [
    c.header for c in COLUMNS if c.key not in ("economy_review", "economy_note", "economy_reason")
]
FIRST_DATA_ROW = TABLE_HEADER_ROW + 1


def col(header: str) -> int:
    """Return the 1-based column of a header in the exported layout."""
    return HEADERS.index(header) + 1


def without_warnings(doc: ReportDocument) -> dict[str, Any]:
    data = doc.to_dict()
    data.pop("warnings")
    return data


@pytest.fixture(scope="module")
def seed_doc() -> ReportDocument:
    from tests.conftest import SEED_TEXT

    return parse_path(SEED_TEXT)


@pytest.fixture(scope="module")
def seed_xlsx(seed_doc: ReportDocument) -> bytes:
    return render_report_xlsx(seed_doc)


def edit(data: bytes, change) -> bytes:
    """Load the workbook, let `change(sheet)` edit the main sheet, return the saved bytes."""
    workbook = load_workbook(io.BytesIO(data))
    change(workbook[MAIN_SHEET])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def row_of(ws, number: str, round_: int) -> int:
    for row in range(FIRST_DATA_ROW, ws.max_row + 1):
        if (
            ws.cell(row, col("Indsats nr.")).value == number
            and ws.cell(row, col("Runde")).value == round_
        ):
            return row
    raise AssertionError(f"no row for {number} round {round_}")


# --- round trips ----------------------------------------------------------------------


def test_seed_round_trip_through_xlsx(seed_doc, seed_xlsx):
    again = parse_xlsx(seed_xlsx, source="seed.xlsx")
    # Nothing differs but the warnings: their `where` names sheet and row instead of line.
    assert without_warnings(again) == without_warnings(seed_doc)
    assert len(again.initiatives()) == 27
    reviewed = [
        (ini.number, m.round)
        for ini in again.initiatives()
        for m in ini.milestones
        if m.needs_review
    ]
    assert len(reviewed) == 17
    economy = [w for w in again.warnings if w.where.endswith(", economy")]
    assert len(economy) == 13  # what the budget reader left for a person, as from the text
    assert len(again.warnings) == len(reviewed) + len(economy)
    first = again.warnings[0]
    assert first.where == f"sheet 'Opfølgning', row {FIRST_DATA_ROW}, initiative 1.11, round 1"
    assert "kontrol" in first.message


def test_seed_round_trip_through_the_registry(seed_doc, seed_xlsx):
    again = parse_bytes(seed_xlsx, source="upload.xlsx")
    assert without_warnings(again) == without_warnings(seed_doc)


def test_round_trip_keeps_corrective_actions_and_economy_review():
    doc = small_doc()
    ini = doc.themes[0].initiatives[0]
    ini.milestones[1] = MilestoneDoc(
        round=2, text="Trin", smiley=Smiley.SAD, glyph="🙁", corrective_action="Ny plan."
    )
    ini.economy = EconomyDoc(text="Afsat.", smiley=None, glyph="😐", needs_review=True)
    again = parse_xlsx(render_report_xlsx(doc))
    assert without_warnings(again) == without_warnings(with_read_budgets(doc))
    # The guessed economy glyph, and "Afsat." — money set aside, but no amount to read.
    assert [w.where for w in again.warnings] == [
        "sheet 'Opfølgning', row 6, initiative 1.1, economy"
    ] * 2
    assert again.themes[0].initiatives[0].budget is not None
    assert again.themes[0].initiatives[0].budget.needs_review


@settings(max_examples=30, deadline=None)
@given(documents())
def test_generated_documents_round_trip(doc):
    again = parse_xlsx(render_report_xlsx(doc), source="generated.xlsx")
    assert without_warnings(again) == without_warnings(with_read_budgets(doc))


# Arbitrary cell text: anything but control characters, stripped (a cell's ends are).
cell_text = st.one_of(
    st.sampled_from(["=1+1", "+45 1234", "-", "@SUM(A1)", "'x", "a;b", '"q"']),
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff")
        | st.sampled_from(["\n", "=", "+", "-", "@", "'", ";", '"']),
        max_size=30,
    ),
).map(str.strip)


@settings(max_examples=30, deadline=None)
@given(cell_text, cell_text, cell_text, cell_text)
def test_arbitrary_text_cells_round_trip(description, notes, status, action):
    doc = small_doc()
    ini = doc.themes[0].initiatives[0]
    ini.description, ini.notes = description, notes
    ini.milestones[0].status_note, ini.milestones[0].corrective_action = status, action
    doc.reading_guide = notes
    assert without_warnings(parse_xlsx(render_report_xlsx(doc))) == without_warnings(doc)


def small_doc() -> ReportDocument:
    ini = InitiativeDoc(
        number="1.1",
        title="Titel",
        kind="operating",
        milestones=[MilestoneDoc(round=r) for r in (1, 2, 3, 4)],
    )
    return ReportDocument(
        title="Anden opfølgning på Aftale om budget 2021 for Økonomiudvalget",
        agreement=AgreementRef("Aftale om budget 2021", 2021),
        committee="Økonomiudvalget",
        round=2,
        themes=[ThemeDoc("1", "Tema", [ini])],
    )


# --- tolerated edits ------------------------------------------------------------------


def rebuild(seed_xlsx: bytes, order: list[str], *, extra: bool, blank_rows: bool) -> bytes:
    """Write the seed's table again with columns in `order`, an extra column, blank rows."""
    source = load_workbook(io.BytesIO(seed_xlsx), read_only=True)
    rows = list(source[MAIN_SHEET].iter_rows(values_only=True))
    meta = list(source["Metadata"].iter_rows(values_only=True))
    source.close()
    facts, table = rows[: TABLE_HEADER_ROW - 1], rows[TABLE_HEADER_ROW:]
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Ark1"  # not the usual sheet name: found by its header row
    for fact_row in facts:
        ws.append(list(fact_row))
    ws.append([])
    ws.append([])
    indexes = [HEADERS.index(h) for h in order]
    ws.append([*(HEADERS[i].upper() for i in indexes), *(["Bemærkning"] if extra else [])])
    for n, row in enumerate(table):
        ws.append([*(row[i] for i in indexes), *(["fri tekst"] if extra else [])])
        if blank_rows and n % 7 == 0:
            ws.append([None, None, None])
    guide = workbook.create_sheet("Metadata")
    for meta_row in meta:
        guide.append(list(meta_row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_columns_in_another_order_extra_columns_and_blank_rows(seed_doc, seed_xlsx):
    order = list(reversed(HEADERS))
    data = rebuild(seed_xlsx, order, extra=True, blank_rows=True)
    assert without_warnings(parse_xlsx(data)) == without_warnings(seed_doc)


def test_rows_of_an_initiative_in_any_order_and_values_on_one_row_only(seed_doc, seed_xlsx):
    def change(ws):
        first = FIRST_DATA_ROW
        # Swap round 1 and round 4 of 1.11 and blank the description on its later rows.
        for c in range(1, len(HEADERS) + 1):
            a, b = ws.cell(first, c), ws.cell(first + 3, c)
            a.value, b.value = b.value, a.value
        for r in range(first, first + 3):
            ws.cell(r, col("Beskrivelse")).value = None

    again = parse_xlsx(edit(seed_xlsx, change))
    assert without_warnings(again) == without_warnings(seed_doc)


def test_optional_columns_may_be_missing():
    def change(ws):
        ws.delete_cols(col("Korrigerende handling"))
        ws.delete_cols(col("Smiley"))  # the glyph column alone carries the smiley

    doc = small_doc()
    doc.themes[0].initiatives[0].milestones[0] = MilestoneDoc(
        round=1, smiley=Smiley.HAPPY, glyph="☺"
    )
    again = parse_xlsx(edit(render_report_xlsx(doc), change))
    assert again.initiatives()[0].milestones[0].smiley is Smiley.HAPPY


# --- smileys --------------------------------------------------------------------------


@pytest.mark.parametrize("frown_means", [Smiley.NEUTRAL, Smiley.SAD])
def test_ambiguous_frown_without_text_reads_as_frown_means_and_warns(seed_xlsx, frown_means):
    def change(ws):
        row = row_of(ws, "3.10", 2)
        ws.cell(row, col("Smiley")).value = None
        ws.cell(row, col("Smiley-tegn")).value = "☹"
        ws.cell(row, col("Skal kontrolleres")).value = None
        change.row = row

    data = edit(seed_xlsx, change)
    doc = parse_xlsx(data, source="x.xlsx", frown_means=frown_means)
    milestone = next(i for i in doc.initiatives() if i.number == "3.10").milestones[1]
    assert (milestone.smiley, milestone.glyph, milestone.needs_review) == (frown_means, "☹", True)
    where = f"sheet 'Opfølgning', row {change.row}, initiative 3.10, round 2"
    warning = next(w for w in doc.warnings if w.where == where)
    assert "☹" in warning.message


DISTINCT_GUIDE = """Definition af smileys på indsats:

- ☺: Milepælen er nået.
- 😐: Milepælen er ikke fuldt nået, men målet kan fortsat nås.
- ☹: Milepælen er ikke nået, og det er ikke realistisk.
"""


def with_guide(data: bytes, guide: str, change) -> bytes:
    """Replace the workbook's reading guide with `guide` and let `change` edit the table."""
    workbook = load_workbook(io.BytesIO(data))
    for row in workbook[METADATA_SHEET].iter_rows():
        if row[0].value == "reading_guide":
            row[1].value = guide
    change(workbook[MAIN_SHEET])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_guide_with_a_glyph_per_level_decides_the_frown_unflagged(seed_xlsx):
    def change(ws):
        for number, round_, glyph in (("3.10", 2, "☹"), ("1.11", 2, "😐")):
            row = row_of(ws, number, round_)
            ws.cell(row, col("Smiley")).value = None
            ws.cell(row, col("Smiley-tegn")).value = glyph
            ws.cell(row, col("Skal kontrolleres")).value = None

    doc = parse_xlsx(with_guide(seed_xlsx, DISTINCT_GUIDE, change), source="x.xlsx")
    by_number = {i.number: i for i in doc.initiatives()}
    sad = by_number["3.10"].milestones[1]
    neutral = by_number["1.11"].milestones[1]
    assert (sad.smiley, sad.glyph, sad.needs_review) == (Smiley.SAD, "☹", False)
    assert (neutral.smiley, neutral.needs_review) == (Smiley.NEUTRAL, False)
    assert not [w for w in doc.warnings if "3.10, round 2" in w.where]
    # The same cell under the export's own guide (☹ for two levels) stays flagged.
    doc = parse_xlsx(with_guide(seed_xlsx, DISTINCT_GUIDE.replace("😐", "☹"), change))
    flagged = next(i for i in doc.initiatives() if i.number == "3.10").milestones[1]
    assert (flagged.smiley, flagged.needs_review) == (Smiley.NEUTRAL, True)


def test_a_text_and_glyph_agree_or_disagree_by_the_guide(seed_xlsx):
    def change(ws):
        row = row_of(ws, "3.10", 2)
        ws.cell(row, col("Smiley")).value = "sur"
        ws.cell(row, col("Smiley-tegn")).value = "☹"
        ws.cell(row, col("Skal kontrolleres")).value = None
        row = row_of(ws, "1.11", 2)
        # ☹ is the guide's sad glyph, so with mellemfornøjet it is a disagreement here
        ws.cell(row, col("Smiley")).value = "mellemfornøjet"
        ws.cell(row, col("Smiley-tegn")).value = "☹"

    doc = parse_xlsx(with_guide(seed_xlsx, DISTINCT_GUIDE, change))
    disagreements = [w.where for w in doc.warnings if "uenige" in w.message]
    assert any("1.11, round 2" in where for where in disagreements)
    assert not any("3.10, round 2" in where for where in disagreements)


def test_smiley_text_wins_over_the_glyph(seed_xlsx):
    def change(ws):
        row = row_of(ws, "1.11", 1)
        ws.cell(row, col("Smiley")).value = "Sur"
        ws.cell(row, col("Skal kontrolleres")).value = None
        row = row_of(ws, "1.11", 2)
        ws.cell(row, col("Smiley")).value = "glad"  # disagrees with its ☹: warned about

    doc = parse_xlsx(edit(seed_xlsx, change))
    first, second = doc.initiatives()[0].milestones[:2]
    assert (first.smiley, first.glyph, first.needs_review) == (Smiley.SAD, "☹", False)
    assert second.smiley is Smiley.HAPPY
    assert any("uenige" in w.message for w in doc.warnings)


def test_unknown_smiley_is_refused(seed_xlsx):
    def change(ws):
        ws.cell(row_of(ws, "1.13", 3), col("Smiley")).value = "jubel"

    with pytest.raises(ReportFormatError) as info:
        parse_xlsx(edit(seed_xlsx, change), source="afd.xlsx")
    message = str(info.value)
    assert message.startswith("afd.xlsx: sheet 'Opfølgning', row ")
    assert "'jubel'" in message and "'Smiley'" in message and "glad, mellemfornøjet, sur" in message


def test_unknown_economy_glyph_is_refused(seed_xlsx):
    def change(ws):
        row = row_of(ws, "1.11", 1)
        for r in range(row, row + 4):
            ws.cell(r, col("Økonomi-smiley")).value = None
            ws.cell(r, col("Økonomi-tegn")).value = "?"

    with pytest.raises(ReportFormatError, match=r"initiative 1\.11, economy: '\?' in column"):
        parse_xlsx(edit(seed_xlsx, change))


# --- formulas -------------------------------------------------------------------------


def test_a_formula_is_never_evaluated(seed_xlsx):
    def change(ws):
        change.row = row_of(ws, "1.11", 1)
        ws.cell(change.row, col("Status")).value = "=1+1"  # openpyxl stores it as a formula

    data = edit(seed_xlsx, change)
    workbook = load_workbook(io.BytesIO(data))
    assert workbook[MAIN_SHEET].cell(change.row, col("Status")).data_type == "f"
    doc = parse_xlsx(data, source="x.xlsx")
    assert doc.initiatives()[0].milestones[0].status_note == ""  # no saved value: empty
    warning = next(w for w in doc.warnings if "formel" in w.message)
    assert warning.where == f"sheet 'Opfølgning', row {change.row}, column 'Status'"
    assert "=1+1" in warning.message and "beregnes aldrig" in warning.message


def test_a_formula_reads_as_its_saved_value(seed_xlsx):
    def change(ws):
        ws.cell(row_of(ws, "1.11", 1), col("Status")).value = "=1+1"

    data = edit(seed_xlsx, change)
    # Give the formula a saved value, as Excel does when it saves the file.
    packed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(packed, "w") as new:
        for item in old.infolist():
            content = old.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content, n = re.subn(rb"<f>1\+1</f><v\s*/?>(</v>)?", b"<f>1+1</f><v>2</v>", content)
                assert n == 1
            new.writestr(item, content)
    doc = parse_xlsx(packed.getvalue())
    assert doc.initiatives()[0].milestones[0].status_note == "2"
    assert any("gemte værdi «2» er brugt" in w.message for w in doc.warnings)


def test_text_that_looks_like_a_formula_stays_text():
    doc = small_doc()
    doc.themes[0].initiatives[0].description = '=HYPERLINK("http://x")'
    doc.themes[0].initiatives[0].milestones[0].status_note = "=1+1"
    again = parse_xlsx(render_report_xlsx(doc))
    assert again.initiatives()[0].description == '=HYPERLINK("http://x")'
    assert again.initiatives()[0].milestones[0].status_note == "=1+1"
    assert not again.warnings


# --- bad layouts and rows -------------------------------------------------------------


def expect_error(data: bytes, *parts: str) -> str:
    with pytest.raises(ReportFormatError) as info:
        parse_xlsx(data, source="afd.xlsx")
    message = str(info.value)
    assert message.startswith("afd.xlsx: ")
    for part in parts:
        assert part in message, message
    return message


def test_missing_required_column(seed_xlsx):
    def change(ws):
        ws.cell(TABLE_HEADER_ROW, col("Runde")).value = "Periode"

    expect_error(
        edit(seed_xlsx, change),
        f"sheet 'Opfølgning', row {TABLE_HEADER_ROW}",
        "lacks the column(s) 'Runde'",
        "expected a header row",
    )


def test_a_sheet_laid_out_differently():
    workbook = Workbook()
    workbook.active.append(["Navn", "Beløb"])
    workbook.active.append(["Plejecenter", 5])
    out = io.BytesIO()
    workbook.save(out)
    expect_error(out.getvalue(), "no sheet holds a follow-up table", "'Sheet'", "'Indsats nr.'")


def test_missing_round(seed_xlsx):
    def change(ws):
        ws.delete_rows(row_of(ws, "4.8", 3))

    expect_error(
        edit(seed_xlsx, change),
        "sheet 'Opfølgning', row ",
        "initiative 4.8 has no row for round(s) 3",
        "expected one row per round 1–4",
    )


def test_duplicated_round(seed_xlsx):
    def change(ws):
        change.first = row_of(ws, "5.1", 2)
        ws.cell(change.first + 1, col("Runde")).value = 2

    data = edit(seed_xlsx, change)
    expect_error(
        data,
        f"row {change.first + 1}: initiative 5.1 has two rows for round 2",
        f"rows {change.first} and {change.first + 1}",
    )


@pytest.mark.parametrize("value", ["5", "x", "0"])
def test_round_that_is_not_a_round(seed_xlsx, value):
    def change(ws):
        ws.cell(row_of(ws, "5.1", 2), col("Runde")).value = value

    expect_error(edit(seed_xlsx, change), "initiative 5.1", "expected 1, 2, 3 or 4")


def test_wrong_kind(seed_xlsx):
    def change(ws):
        row = row_of(ws, "6.2", 1)
        for r in range(row, row + 4):
            ws.cell(r, col("Type")).value = "Investering"
        change.row = row

    data = edit(seed_xlsx, change)
    expect_error(
        data,
        f"sheet 'Opfølgning', row {change.row}: initiative 6.2: kind 'Investering'",
        "expected Anlæg or Drift",
    )


def test_initiative_columns_that_disagree(seed_xlsx):
    def change(ws):
        change.row = row_of(ws, "1.13", 3)
        ws.cell(change.row, col("Indsats")).value = "Et andet navn"

    data = edit(seed_xlsx, change)
    expect_error(
        data,
        f"row {change.row}: initiative 1.13: column 'Indsats' says",
        "'Et andet navn' here",
        "expected the same value on all its rows",
    )


def test_initiative_number_stored_as_a_number(seed_xlsx):
    def change(ws):
        for r in range(FIRST_DATA_ROW, FIRST_DATA_ROW + 4):
            ws.cell(r, col("Indsats nr.")).value = 1.11

    expect_error(edit(seed_xlsx, change), "stored as a number", "format the column as Text")


def test_row_without_initiative_number(seed_xlsx):
    def change(ws):
        ws.cell(FIRST_DATA_ROW + 2, col("Indsats nr.")).value = None

    expect_error(
        edit(seed_xlsx, change),
        f"row {FIRST_DATA_ROW + 2}: the row has no initiative number in column 'Indsats nr.'",
    )


def test_review_mark_that_is_not_yes_or_no(seed_xlsx):
    def change(ws):
        ws.cell(FIRST_DATA_ROW, col("Skal kontrolleres")).value = "måske"

    expect_error(edit(seed_xlsx, change), "'måske' in column 'Skal kontrolleres'", "'ja'")


def test_report_facts_are_required(seed_xlsx):
    def change(ws):
        ws["B1"] = None  # the title
        ws["B2"] = None  # the agreement

    expect_error(edit(seed_xlsx, change), "row 2", "agreement is missing", "'Aftale'")


def test_bad_date_and_round_in_the_facts(seed_xlsx):
    expect_error(edit(seed_xlsx, lambda ws: ws.__setitem__("B3", "i morgen")), "row 3", "date")
    expect_error(edit(seed_xlsx, lambda ws: ws.__setitem__("H2", 7)), "row 2", "1, 2, 3 or 4")


def test_empty_table(seed_xlsx):
    def change(ws):
        ws.delete_rows(FIRST_DATA_ROW, 200)

    expect_error(edit(seed_xlsx, change), "the table has no rows")


# --- files that are not workbooks -----------------------------------------------------


def test_renamed_text_file(seed_path):
    expect_error(seed_path.read_bytes(), "not a XLSX file", "renamed")


def test_truncated_workbook(seed_xlsx):
    expect_error(seed_xlsx[: len(seed_xlsx) // 2], "corrupt")


def test_password_protected_workbook():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00junk" * 100
    expect_error(data, "password-protected")
    with pytest.raises(ReportFormatError, match="password-protected"):
        parse_bytes(data, source="afd.xlsx")


def test_zip_without_a_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    expect_error(out.getvalue(), "no xl/workbook.xml", "DOCX")


def test_damaged_workbook_xml():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", "<Types")
        package.writestr("xl/workbook.xml", "not xml at all")
    expect_error(out.getvalue(), "damaged", "save it again")


def test_zip_bomb_is_refused_before_unpacking():
    out = io.BytesIO()
    chunk = bytes(1024 * 1024)
    tracemalloc.start()
    try:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
            package.writestr("xl/workbook.xml", "<workbook/>")
            with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
                for _ in range(300):  # 300 MB of zeros, written (and compressed) in chunks
                    member.write(chunk)
        data = out.getvalue()
        assert len(data) < 2 * 1024 * 1024
        with pytest.raises(ReportFormatError, match="refused before unpacking"):
            parse_xlsx(data, source="bomb.xlsx")
        with pytest.raises(ReportFormatError, match="refused before unpacking"):
            parse_bytes(data, source="bomb.xlsx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40 * 1024 * 1024


def test_huge_sheet_is_refused():
    workbook = Workbook()
    ws = workbook.active
    ws.append(HEADERS)
    ws.cell(30_000, 1).value = "1"  # read-only mode fills the gap with empty rows
    out = io.BytesIO()
    workbook.save(out)
    expect_error(out.getvalue(), "more than 20,000 rows")


def test_errors_name_the_input_without_a_source():
    with pytest.raises(ReportFormatError, match=r"^<input>: "):
        parse_xlsx(b"nope")


def test_a_column_named_twice_in_the_header_row(seed_xlsx):
    def change(ws):
        ws.cell(TABLE_HEADER_ROW, col("Noter")).value = "Status"

    expect_error(
        edit(seed_xlsx, change),
        f"row {TABLE_HEADER_ROW}: the header row names column 'Status' twice (columns L and Q)",
    )


def test_cells_merged_down_an_initiatives_four_rows_are_read_on_each_row(seed_doc, seed_xlsx):
    # As a department lays it out: the number, title and kind typed once and merged over the
    # initiative's four rows (the value is in the top cell only).
    merged_columns = [col(h) for h in ("Indsats nr.", "Indsats", "Type")]

    def merge(ws) -> None:
        first = seed_doc.themes[0].initiatives[0].number
        rows = sorted(row_of(ws, first, r) for r in (1, 2, 3, 4))
        assert rows == list(range(rows[0], rows[0] + 4))
        for column in merged_columns:
            for row in rows[1:]:
                ws.cell(row, column).value = None
            ws.merge_cells(
                start_row=rows[0], start_column=column, end_row=rows[-1], end_column=column
            )

    doc = parse_xlsx(edit(seed_xlsx, merge), source="flettet.xlsx")
    assert without_warnings(doc) == without_warnings(parse_xlsx(seed_xlsx))


def test_a_departments_headers_smiley_words_and_dashes():
    def rename(ws) -> None:
        names = {
            "Smiley": "Smiley indsats",
            "Økonomi-smiley": "Smiley økonomi",
            "Korrigerende handling": "Korrigerende handlinger",
        }
        for cell in ws[TABLE_HEADER_ROW]:
            if cell.value in names:
                cell.value = names[cell.value]
        headers = [c.value for c in ws[TABLE_HEADER_ROW]]
        smiley = headers.index("Smiley indsats") + 1
        words = ["  GLAD", "Mellem fornøjet ", "rød", "-"]
        for offset in range(4):
            ws.cell(FIRST_DATA_ROW + offset, smiley).value = words[offset]

    doc = small_doc()
    data = edit(render_report_xlsx(doc), rename)
    milestones = parse_xlsx(data).themes[0].initiatives[0].milestones
    by_round = {m.round: m.smiley for m in milestones}
    assert by_round == {1: Smiley.HAPPY, 2: Smiley.NEUTRAL, 3: Smiley.SAD, 4: None}
