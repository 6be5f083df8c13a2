"""render_report_csv: the XLSX main table as CSV for Danish Excel."""

from __future__ import annotations

import csv
import io

import pytest

from opfolgning import exporters
from opfolgning.exporters.csv import escape_cell, render_report_csv
from opfolgning.exporters.xlsx import table, table_rows
from opfolgning.followup.document import (
    AgreementRef,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
    ThemeDoc,
)
from opfolgning.importers import parse_path


@pytest.fixture(scope="module")
def seed_doc() -> ReportDocument:
    from tests.conftest import SEED_TEXT

    return parse_path(SEED_TEXT)


def read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_seed_as_csv(seed_doc):
    data = render_report_csv(seed_doc)
    rows = read(data)
    assert rows[0] == [c.header for c in table(seed_doc)[0]]
    assert len(rows) == 1 + 108
    assert rows[1][:6] == ["1", "Vi skaber fremtiden sammen - Værdighed i Ballerup/alle aldre",
                           "Vi skaber fremtiden sammen - Værdighed i Ballerup/alle aldre",
                           "1.11", "Plejecenter Toftehaven", "Anlæg"]  # fmt: skip
    expected = [[escape_cell(v) for v in row] for row in table_rows(seed_doc)]
    assert rows[1:] == expected
    assert b"\r\n" in data
    # Multi-paragraph cells are quoted and keep their line breaks.
    description = rows[1][6]
    assert "\n\n" in description


def test_same_rows_as_the_xlsx_table(seed_doc):
    rows = read(render_report_csv(seed_doc))
    assert [r[3] for r in rows[1::4]] == [ini.number for ini in seed_doc.initiatives()]
    assert {r[17] for r in rows[1:]} <= {"glad", "mellemfornøjet", "sur", ""}  # Smiley


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+4512345678", "'+4512345678"),
        ("-2 mio. kr.", "'-2 mio. kr."),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("1.11", "1.11"),
        ("Status: =ok", "Status: =ok"),
        (3, "3"),
        ("", ""),
    ],
)
def test_escape_cell(value, written):
    assert escape_cell(value) == written


def test_formula_injection_is_escaped_in_the_file():
    ini = InitiativeDoc(
        number="1.1",
        title='=HYPERLINK("http://evil";"klik")',
        kind="operating",
        description="+1",
        center="-1",
        notes="@cmd",
        milestones=[MilestoneDoc(round=r, status_note="=2+2") for r in (1, 2, 3, 4)],
    )
    doc = ReportDocument(
        title="t",
        agreement=AgreementRef("Aftale om budget 2020", 2020),
        committee="Økonomiudvalget",
        round=1,
        themes=[ThemeDoc("1", "Tema", [ini])],
    )
    rows = read(render_report_csv(doc))
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Indsats"] == '\'=HYPERLINK("http://evil";"klik")'
    assert first["Beskrivelse"] == "'+1"
    assert first["Ansvarligt center"] == "'-1"
    assert first["Noter"] == "'@cmd"
    assert first["Status"] == "'=2+2"
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


def test_registered_exporter(seed_doc):
    exporter = exporters.get("csv")
    data = exporter.render(seed_doc)
    assert isinstance(data, bytes) and data.startswith(b"\xef\xbb\xbfTema nr.;Tema;")
