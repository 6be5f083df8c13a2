"""Budgets in the DOCX export: per-initiative economy tables, "Økonomi i alt", and reading back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import docx
import pytest
from django.utils import translation
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table

from opfolgning.exporters.docx import render_report_docx
from opfolgning.followup.document import ReportDocument
from opfolgning.followup.guide import guide_with_faces
from opfolgning.importers.docx import parse_docx
from opfolgning.importers.economy import agreement_period, budget_from_economy_text
from tests.exporters.test_budget_export import _budget_doc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclasses.dataclass(frozen=True)
class _Block:
    """A body element: a paragraph (style name, text) or a table (rows of cell texts)."""

    style: str = ""
    text: str = ""
    rows: tuple[tuple[str, ...], ...] | None = None


def _blocks(data: bytes) -> list[_Block]:
    """Return the body's non-empty paragraphs and its tables, in document order."""
    document = docx.Document(io.BytesIO(data))
    names = {style.style_id: style.name or "" for style in document.styles}
    out: list[_Block] = []
    for element in document.element.body:
        if element.tag == f"{W}p":
            text = "".join(t.text or "" for t in element.iter(f"{W}t"))
            style = element.find(f"{W}pPr/{W}pStyle")
            name = names.get(style.get(f"{W}val"), "") if style is not None else ""
            if text:
                out.append(_Block(name, text))
        elif element.tag == f"{W}tbl":
            table = Table(element, document)
            rows = tuple(tuple(cell.text for cell in row.cells) for row in table.rows)
            out.append(_Block(rows=rows))
    return out


def _paragraphs(data: bytes) -> list[str]:
    return [block.text for block in _blocks(data) if block.rows is None]


def _table_after(data: bytes, caption: str) -> list[list[str]]:
    """Return the rows of the first table after the paragraph `caption`."""
    blocks = _blocks(data)
    start = next(i for i, block in enumerate(blocks) if block.text == caption)
    rows = next(block.rows for block in blocks[start:] if block.rows is not None)
    return [list(row) for row in rows]


@pytest.fixture(scope="module")
def budget_docx() -> bytes:
    return render_report_docx(_budget_doc())


def test_initiative_table_shows_adopted_approved_change_and_amended_amounts(budget_docx):
    rows = _table_after(budget_docx, "Økonomi for indsats 1.1")
    assert rows == [
        ["Budgetpost", "2020", "2021", "I alt"],
        ["Vedtaget budget", "2 mio. kr.", "3 mio. kr.", "5 mio. kr."],
        [
            "Udskydelse, godkendt 12. marts 2020, sag 20/1234. Finansiering: Kassebeholdningen.",
            "-1 mio. kr.",
            "+1 mio. kr.",
            "0 kr.",
        ],
        ["Korrigeret budget", "1 mio. kr.", "4 mio. kr.", "5 mio. kr."],
    ]


def test_budget_tables_are_word_tables_with_a_repeating_header_and_right_aligned_amounts(
    budget_docx,
):
    document = docx.Document(io.BytesIO(budget_docx))
    budget = [
        t
        for t in document.tables
        if t.rows[0].cells[0].text == "Budgetpost"
        or [c.text for c in t.rows[0].cells][:2] == ["Tema", "Budget"]
    ]
    assert len(budget) == 3  # 1.1, 2.1 and the totals
    for table in budget:
        assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
        for row in table.rows:
            for cell in row.cells:
                if "kr." in cell.text:
                    assert cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    amended = budget[1].rows[-1].cells[-1].paragraphs[0].runs[0]
    assert amended.text == "5 mio. kr." and amended.bold


def test_proposed_and_rejected_changes_are_listed_apart_and_never_summed(budget_docx):
    paragraphs = _paragraphs(budget_docx)
    assert (
        "Foreslået: Forhøjelse, foreslået ved 3. opfølgning: +500.000 kr. i 2021. "
        "Finansiering: Puljen til uforudsete udgifter." in paragraphs
    )
    assert (
        "Afvist: Reduktion, afvist 1. maj 2020, sag 20/999: -250.000 kr. i 2020. "
        "Finansiering: Anlægsrammen." in paragraphs
    )
    assert "⚠ Til gennemsyn: »ca. 1 mio. kr. til inventar« kunne ikke læses" in paragraphs
    cells = [cell for b in _blocks(budget_docx) for row in b.rows or () for cell in row]
    assert not any("500.000" in c or "250.000" in c for c in cells)


def test_economy_row_has_generated_text_note_and_the_smileys_reason(budget_docx):
    document = docx.Document(io.BytesIO(budget_docx))
    table = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("1.1. "))
    economy = table.rows[-1].cells
    assert economy[0].text == "Økonomi"
    assert [p.text for p in economy[1].paragraphs] == [
        "Der er afsat 2 mio. kr. i 2020 og 3 mio. kr. i 2021. Kommunalbestyrelsen godkendte "
        "den 12. marts 2020 at udskyde 1 mio. kr. fra 2020 til 2021 (sag 20/1234). "
        "Finansiering: Kassebeholdningen.",
        "Bemærkning:",
        "Tidsplanen er revideret.",
    ]
    assert [p.text for p in economy[3].paragraphs] == [
        "☹ sur",
        "Begrundelse: Budgettet for 2020 er overskredet.",
    ]


def test_no_money_initiative_says_so_once_and_has_no_budget_table(budget_docx):
    paragraphs = _paragraphs(budget_docx)
    assert "Økonomi for indsats 1.2" not in paragraphs
    document = docx.Document(io.BytesIO(budget_docx))
    table = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("1.2. "))
    assert table.rows[-1].cells[1].text == "Der er ikke afsat økonomi."
    assert "Der er ikke afsat økonomi." not in paragraphs


def test_totals_sum_adopted_and_amended_per_theme_and_year(budget_docx):
    rows = _table_after(budget_docx, "Økonomi i alt")
    assert rows == [
        ["Tema", "Budget", "2020", "2021", "I alt"],
        ["1. Vi skaber fremtiden sammen", "Vedtaget", "2 mio. kr.", "3 mio. kr.", "5 mio. kr."],
        ["", "Korrigeret", "1 mio. kr.", "4 mio. kr.", "5 mio. kr."],
        ["2. En stærk uddannelsesby", "Vedtaget", "1,5 mio. kr.", "0 kr.", "1,5 mio. kr."],
        ["", "Korrigeret", "1,5 mio. kr.", "0 kr.", "1,5 mio. kr."],
        ["I alt", "Vedtaget", "3,5 mio. kr.", "3 mio. kr.", "6,5 mio. kr."],
        ["", "Korrigeret", "2,5 mio. kr.", "4 mio. kr.", "6,5 mio. kr."],
    ]


def test_totals_section_follows_the_overview_and_lists_the_approved_change(budget_docx):
    paragraphs = [(b.style, b.text) for b in _blocks(budget_docx) if b.rows is None]
    headings = [text for style, text in paragraphs if style.startswith("Heading")]
    assert headings[0] == "Til beslutning"  # issue 14: first, before the overview
    headings = headings[headings.index("Overblik") :]
    assert headings[:4] == [
        "Overblik",
        "Økonomi i alt",
        "Godkendte ændringer",
        "1. Vi skaber fremtiden sammen",
    ]
    assert (
        "List Bullet",
        "1.1. Plejecenter Toftehaven: Udskydelse, godkendt 12. marts 2020, sag 20/1234: "
        "-1 mio. kr. i 2020, +1 mio. kr. i 2021. Finansiering: Kassebeholdningen.",
    ) in paragraphs


@pytest.mark.parametrize(
    ("previous_date", "heading", "line"),
    [
        (
            dt.date(2020, 3, 1),
            "Godkendte ændringer siden sidste opfølgning (1. marts 2020)",
            "sag 20/1234",
        ),
        (
            dt.date(2020, 4, 1),
            "Godkendte ændringer siden sidste opfølgning (1. april 2020)",
            "Ingen godkendte ændringer.",
        ),
    ],
)
@pytest.mark.parametrize("given_as", ["document", "argument"])
def test_changes_are_those_approved_since_the_previous_round(
    previous_date, heading, line, given_as
):
    if given_as == "document":
        data = render_report_docx(dataclasses.replace(_budget_doc(), previous_date=previous_date))
    else:
        data = render_report_docx(_budget_doc(), previous_date=previous_date)
    paragraphs = _paragraphs(data)
    start = paragraphs.index(heading)
    assert line in paragraphs[start + 1]


def test_document_without_budgets_has_no_economy_sections():
    data = render_report_docx(_budget_doc(with_budget=False))
    paragraphs = _paragraphs(data)
    assert "Økonomi i alt" not in paragraphs
    assert not any(p.startswith(("Økonomi for indsats", "Godkendte ændringer")) for p in paragraphs)
    assert len(docx.Document(io.BytesIO(data)).tables) == 4  # the overview and 3 initiatives


def test_export_is_danish_whatever_the_active_language():
    with translation.override("en"):
        data = render_report_docx(_budget_doc())
    assert _table_after(data, "Økonomi for indsats 1.1")[1][0] == "Vedtaget budget"
    assert "Økonomi i alt" in _paragraphs(data)


def test_import_skips_the_economy_sections_and_reads_the_budget_from_the_text(budget_docx):
    back = parse_docx(budget_docx, source="budget.docx")
    # Only what reading the economy texts says (as from the text export); nothing ignored.
    assert all(w.where.endswith(", economy") for w in back.warnings), back.warnings
    assert [ini.number for ini in back.initiatives()] == ["1.1", "1.2", "2.1"]
    first = back.initiatives()[0]
    assert first.economy.note == "Tidsplanen er revideret."
    assert first.economy.reason == "Budgettet for 2020 er overskredet."
    assert first.economy.text.startswith("Der er afsat 2 mio. kr. i 2020 og 3 mio. kr. i 2021.")
    period = agreement_period(2020)
    for ini in back.initiatives():
        expected, _notes = budget_from_economy_text(
            ini.economy.text, kind=ini.kind, where="", period=period
        )
        assert ini.budget == expected


def test_import_of_the_budget_docx_is_stable(budget_docx):
    once = parse_docx(budget_docx)
    twice = parse_docx(render_report_docx(once))
    assert _comparable(twice) == _comparable(once)
    assert len(twice.warnings) == len(once.warnings)


def _comparable(doc: ReportDocument) -> dict:
    data = doc.to_dict()
    data.pop("warnings")
    # The DOCX writes the guide's definitions as the app's smileys (glyph and word).
    data["reading_guide"] = guide_with_faces(data["reading_guide"])
    return data


def test_seed_with_budgets_round_trips_through_docx_without_new_warnings():
    from opfolgning.importers.text import parse_text
    from tests.conftest import SEED_TEXT

    seed = parse_text(SEED_TEXT.read_bytes())
    data = render_report_docx(seed)
    assert "Økonomi i alt" in _paragraphs(data)
    back = parse_docx(data, source="seed.docx")
    assert _comparable(back) == _comparable(seed)
    assert len(back.warnings) == len(seed.warnings)
