"""render_report_xlsx: the layout departments fill in and the finance office imports."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from opfolgning import exporters
from opfolgning.exporters.xlsx import (
    COLUMNS,
    MAIN_SHEET,
    METADATA_SHEET,
    OVERVIEW_SHEET,
    TABLE_HEADER_ROW,
    render_report_xlsx,
)
from opfolgning.followup.document import (
    AgreementRef,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
    ThemeDoc,
)
from opfolgning.followup.overview import overview
from opfolgning.importers import parse_path

EXPECTED_HEADERS = [
    "Tema nr.", "Tema", "Overskrift", "Indsats nr.", "Indsats", "Type", "Beskrivelse",
    "Ansvarligt center", "Ansvarligt udvalg", "Væsentlig bidragsyder", "Udvalg der involveres",
    "Noter", "Videreført fra", "Runde", "Runde-tekst", "Milepæl", "Status", "Smiley", "Smiley-tegn",
    "Skal kontrolleres", "Korrigerende handling", "Økonomi", "Økonomi-smiley", "Økonomi-tegn",
    "Økonomi skal kontrolleres", "Bemærkning til økonomi", "Begrundelse for økonomi-smiley",
]  # fmt: skip


@pytest.fixture(scope="module")
def seed_doc() -> ReportDocument:
    from tests.conftest import SEED_TEXT

    return parse_path(SEED_TEXT)


@pytest.fixture(scope="module")
def workbook(seed_doc):
    return load_workbook(io.BytesIO(render_report_xlsx(seed_doc)))


def table(ws) -> list[dict[str, object]]:
    rows = list(ws.iter_rows(min_row=TABLE_HEADER_ROW, values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def test_sheets_and_header(workbook):
    assert workbook.sheetnames == [MAIN_SHEET, OVERVIEW_SHEET, METADATA_SHEET]
    ws = workbook[MAIN_SHEET]
    assert [c.header for c in COLUMNS] == EXPECTED_HEADERS
    # Optional columns that no row fills are left out: the seed has review flags on effort
    # smileys and sub-headings, but no economy flags, notes or reasons.
    written = [c.value for c in ws[TABLE_HEADER_ROW]]
    assert written == [
        h
        for h in EXPECTED_HEADERS
        if h
        not in (
            "Økonomi skal kontrolleres",
            "Bemærkning til økonomi",
            "Begrundelse for økonomi-smiley",
        )
    ]
    assert workbook[METADATA_SHEET].sheet_state == "hidden"


def test_report_facts_above_the_table(workbook):
    ws = workbook[MAIN_SHEET]
    facts = {}
    for row in ws.iter_rows(max_row=TABLE_HEADER_ROW - 1, values_only=True):
        cells = [c for c in row if c is not None]
        facts.update(zip(cells[::2], cells[1::2], strict=True))
    assert facts == {
        "Titel": "Tredje opfølgning på Aftale om budget 2019 for Økonomiudvalget",
        "Aftale": "Aftale om budget 2019",
        "År": 2019,
        "Udvalg": "Økonomiudvalget",
        "Opfølgning nr.": 3,
        "Dato": "2019-10-09",
        "Sagsid": "00.30.10-S00-3-19",
        "Kontakt": "Kathrine Dahl Marcussen",
        "E-mail": "okonomi@balk.dk",
        "Telefon": "2498 1032",
    }


def test_one_row_per_initiative_and_round(workbook, seed_doc):
    rows = table(workbook[MAIN_SHEET])
    assert len(rows) == 108 == 27 * 4
    assert [r["Runde"] for r in rows[:8]] == [1, 2, 3, 4, 1, 2, 3, 4]
    numbers = [r["Indsats nr."] for r in rows[::4]]
    assert numbers == [ini.number for ini in seed_doc.initiatives()]
    first = rows[0]
    assert first["Tema nr."] == "1"
    assert first["Indsats"] == "Plejecenter Toftehaven"
    assert first["Type"] == "Anlæg"
    assert first["Ansvarligt center"] == "Ejendomme"
    assert first["Ansvarligt udvalg"] == "Økonomiudvalget"
    assert first["Runde-tekst"] == "1. budgetopfølgning 2019"
    assert (first["Smiley"], first["Smiley-tegn"], first["Skal kontrolleres"]) == (
        "mellemfornøjet",
        "☹",
        "ja",
    )
    assert {r["Type"] for r in rows} == {"Anlæg", "Drift"}
    assert {r["Smiley"] for r in rows} <= {"glad", "mellemfornøjet", "sur", None}
    assert {r["Økonomi-smiley"] for r in rows} <= {"glad", "sur", None}
    happy = [r for r in rows if r["Smiley-tegn"] == "☺"]
    assert happy and all(r["Smiley"] == "glad" for r in happy)
    # Theme 2 has no heading in the seed: its initiatives carry an empty theme title.
    assert {r["Tema"] for r in rows if r["Tema nr."] == "2"} == {None}


def test_frozen_header_filter_widths_and_wrapping(workbook):
    ws = workbook[MAIN_SHEET]
    last = TABLE_HEADER_ROW + 108
    assert ws.freeze_panes == f"A{TABLE_HEADER_ROW + 1}"
    assert ws.auto_filter.ref == f"A{TABLE_HEADER_ROW}:X{last}"  # 24 columns for the seed
    assert ws.column_dimensions["G"].width == 60  # Beskrivelse
    assert ws.column_dimensions["N"].width == 7  # Runde
    assert ws.cell(TABLE_HEADER_ROW + 1, 7).alignment.wrap_text
    assert ws.cell(TABLE_HEADER_ROW, 1).font.bold


def test_overview_sheet_counts_equal_overview(workbook, seed_doc):
    expected = overview(seed_doc)
    rows = list(workbook[OVERVIEW_SHEET].iter_rows(values_only=True))
    by_theme = {row[0]: row for row in rows[3 : 3 + len(expected.themes)]}
    for theme in expected.themes:
        row = by_theme[theme.number]
        e, m = theme.effort, theme.economy
        assert row[2:9] == (e.happy, e.neutral, e.sad, e.none, m.happy, m.sad, m.none)
    total = rows[3 + len(expected.themes)]
    t, m = expected.total, expected.economy_total
    assert total[0] == "I alt"
    assert total[2:9] == (t.happy, t.neutral, t.sad, t.none, m.happy, m.sad, m.none)
    assert (t.happy, t.neutral, t.sad, t.none) == (18, 8, 0, 1)
    round_rows = {row[0]: row for row in rows if isinstance(row[0], int)}
    assert sorted(round_rows) == sorted(expected.rounds) == [1, 2, 3]
    for number, counts in expected.rounds.items():
        row = round_rows[number]
        assert row[2:6] == (counts.happy, counts.neutral, counts.sad, counts.none)


def test_metadata_sheet_holds_the_reading_guide(workbook, seed_doc):
    values = dict(workbook[METADATA_SHEET].iter_rows(values_only=True))
    assert values["format"] == "opfolgning-xlsx"
    assert values["version"] == 1
    assert values["reading_guide"] == seed_doc.reading_guide


def tiny(**fields) -> ReportDocument:
    ini = InitiativeDoc(
        number="1.1",
        title="Titel",
        kind="capital",
        milestones=[MilestoneDoc(round=r) for r in (1, 2, 3, 4)],
        **fields,
    )
    return ReportDocument(
        title="Første opfølgning på Aftale om budget 2020 for Økonomiudvalget",
        agreement=AgreementRef("Aftale om budget 2020", 2020),
        committee="Økonomiudvalget",
        round=1,
        themes=[ThemeDoc("1", "Tema", [ini])],
    )


@pytest.mark.parametrize("text", ["=1+1", "+4512345678", "-2 mio. kr.", "@SUM(A1:A2)"])
def test_formula_like_text_is_written_as_text(text):
    data = render_report_xlsx(tiny(description=text, notes="=cmd|' /C calc'!A0"))
    ws = load_workbook(io.BytesIO(data))[MAIN_SHEET]
    row = TABLE_HEADER_ROW + 1
    headers = [c.value for c in ws[TABLE_HEADER_ROW]]
    cell = ws.cell(row, headers.index("Beskrivelse") + 1)
    assert (cell.value, cell.data_type) == (text, "s")
    assert cell.quotePrefix  # Excel keeps it text when the cell is edited
    notes = ws.cell(row, headers.index("Noter") + 1)
    assert notes.data_type == "s"
    for column in ws.iter_cols():
        for c in column:
            assert c.data_type != "f"


def test_control_characters_are_dropped():
    data = render_report_xlsx(tiny(description="a\x00b\x1fc\nd"))
    ws = load_workbook(io.BytesIO(data))[MAIN_SHEET]
    headers = [c.value for c in ws[TABLE_HEADER_ROW]]
    assert ws.cell(TABLE_HEADER_ROW + 1, headers.index("Beskrivelse") + 1).value == "abc\nd"


def test_registered_exporter(seed_doc):
    exporter = exporters.get("xlsx")
    assert exporter.suffix == ".xlsx"
    data = exporter.render(seed_doc)
    assert isinstance(data, bytes) and data[:4] == b"PK\x03\x04"


def test_review_columns_and_missing_facts_only_when_there_is_something_to_show(seed_doc):
    from opfolgning.exporters.xlsx import header_row
    from opfolgning.importers.xlsx import parse_xlsx

    flagged = header_row(seed_doc)
    assert "Skal kontrolleres" in flagged  # the seed's ☹ need review

    clean = ReportDocument.from_dict(seed_doc.to_dict())
    for ini in clean.initiatives():
        ini.economy.needs_review = False
        for m in ini.milestones:
            m.needs_review = False
    clean.contact.phone = ""
    clean.case_number = ""
    assert not [h for h in header_row(clean) if "kontrolleres" in h]
    data = render_report_xlsx(clean)
    sheet = load_workbook(io.BytesIO(data))["Opfølgning"]
    labels = {c.value for row in sheet.iter_rows(max_row=3) for c in row}
    assert "Telefon" not in labels and "Sagsid" not in labels
    assert "Kontakt" in labels  # the facts it has are there
    back = parse_xlsx(data)
    assert [m.needs_review for i in back.initiatives() for m in i.milestones] == [
        False for i in clean.initiatives() for m in i.milestones
    ]
    assert back.contact.name == clean.contact.name and back.case_number == ""


def test_the_economy_note_and_reason_are_columns_and_read_back(seed_doc):
    """Found in the persona walk: HTML, PDF and DOCX showed the economy's reason, the
    spreadsheets did not."""
    from opfolgning.exporters.csv import render_report_csv
    from opfolgning.importers.xlsx import parse_xlsx

    doc = ReportDocument.from_dict(seed_doc.to_dict())
    first = doc.initiatives()[0]
    first.economy.note = "Forbruget følger planen."
    first.economy.reason = "Forventet forbrug inden for budgettet."
    back = parse_xlsx(render_report_xlsx(doc)).initiatives()[0].economy
    assert (back.note, back.reason) == (first.economy.note, first.economy.reason)
    csv_text = render_report_csv(doc).decode("utf-8-sig")
    assert "Begrundelse for økonomi-smiley" in csv_text.splitlines()[0]
    assert "Forventet forbrug inden for budgettet." in csv_text


def test_where_an_initiative_was_carried_over_from_goes_there_and_back(seed_doc):
    from opfolgning.importers.xlsx import parse_xlsx

    first = seed_doc.initiatives()[0]
    first.carried_from = "Aftale om budget 2018, 4.2"
    back = parse_xlsx(render_report_xlsx(seed_doc), source="r.xlsx")
    assert back.initiatives()[0].carried_from == "Aftale om budget 2018, 4.2"
    assert all(not i.carried_from for i in back.initiatives()[1:])
