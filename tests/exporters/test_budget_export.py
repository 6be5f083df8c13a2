"""Budgets in the exports: per initiative adopted/changes/amended, and the report's totals."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from html import unescape

import pytest
from django.utils import translation

from opfolgning.exporters.html import render_report_html, report_context
from opfolgning.followup.document import (
    AgreementRef,
    BudgetChangeDoc,
    BudgetDoc,
    BudgetLineDoc,
    ChangeAmountDoc,
    EconomyDoc,
    InitiativeDoc,
    MilestoneDoc,
    ReportDocument,
    ThemeDoc,
)
from opfolgning.followup.smileys import Smiley

REPORT_DATE = dt.date(2020, 10, 9)


def _milestones() -> list[MilestoneDoc]:
    return [MilestoneDoc(round=r, label=f"{r}. budgetopfølgning 2020") for r in (1, 2, 3, 4)]


def _postponement() -> BudgetChangeDoc:
    return BudgetChangeDoc(
        kind="postponement",
        kind_of_money="capital",
        amounts=[ChangeAmountDoc(2020, -1_000_000), ChangeAmountDoc(2021, 1_000_000)],
        financing="Kassebeholdningen",
        status="approved",
        decided_on=dt.date(2020, 3, 12),
        reference="sag 20/1234",
    )


def _budget_doc(*, with_budget: bool = True) -> ReportDocument:
    """Return a report with two themes: 1.1 (postponed + a proposal), 1.2 (no money), 2.1."""
    toftehaven = InitiativeDoc(
        number="1.1",
        title="Plejecenter Toftehaven",
        kind="capital",
        milestones=_milestones(),
        economy=EconomyDoc(
            text="",
            smiley=Smiley.SAD,
            note="Tidsplanen er revideret.",
            reason="Budgettet for 2020 er overskredet.",
        ),
        budget=BudgetDoc(
            lines=[
                BudgetLineDoc(2020, "capital", 2_000_000),
                BudgetLineDoc(2021, "capital", 3_000_000),
            ],
            changes=[
                _postponement(),
                BudgetChangeDoc(
                    kind="increase",
                    kind_of_money="capital",
                    amounts=[ChangeAmountDoc(2021, 500_000)],
                    financing="Puljen til uforudsete udgifter",
                    status="proposed",
                    proposed_in_round=3,
                ),
                BudgetChangeDoc(
                    kind="cut",
                    kind_of_money="capital",
                    amounts=[ChangeAmountDoc(2020, -250_000)],
                    financing="Anlægsrammen",
                    status="rejected",
                    decided_on=dt.date(2020, 5, 1),
                    reference="sag 20/999",
                ),
            ],
            review=["»ca. 1 mio. kr. til inventar« kunne ikke læses"],
        ),
    )
    no_money = InitiativeDoc(
        number="1.2",
        title="Bedre skiltning",
        kind="operating",
        milestones=_milestones(),
        economy=EconomyDoc(text=""),
        budget=BudgetDoc(no_money=True),
    )
    school = InitiativeDoc(
        number="2.1",
        title="Ny skole",
        kind="operating",
        milestones=_milestones(),
        economy=EconomyDoc(text="Der er afsat 1,5 mio. kr. i 2020.", smiley=Smiley.HAPPY),
        budget=BudgetDoc(lines=[BudgetLineDoc(2020, "operating", 1_500_000)]),
    )
    if not with_budget:
        for ini in (toftehaven, no_money, school):
            ini.budget = None
            ini.economy = EconomyDoc(text=ini.economy.text or "Der er afsat 2 mio. kr.")
    return ReportDocument(
        title="Tredje opfølgning på Aftale om budget 2020 for Økonomiudvalget",
        agreement=AgreementRef("Aftale om budget 2020", 2020),
        committee="Økonomiudvalget",
        round=3,
        date=REPORT_DATE,
        themes=[
            ThemeDoc("1", "Vi skaber fremtiden sammen", [toftehaven, no_money]),
            ThemeDoc("2", "En stærk uddannelsesby", [school]),
        ],
    )


def _text(html: str) -> str:
    """Return the visible text of HTML with tags as single spaces."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _rows(table_html: str) -> list[list[str]]:
    """Return a table's rows as lists of cell texts."""
    return [
        [_text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table_html, re.S)
    ]


def _table(html: str, marker: str) -> str:
    start = html.index(marker)
    start = html.rindex("<table", 0, start)
    return html[start : html.index("</table>", start) + len("</table>")]


@pytest.fixture(scope="module")
def budget_html() -> str:
    with translation.override("da"):
        return render_report_html(_budget_doc())


def test_initiative_table_shows_adopted_approved_change_and_amended_in_danish(budget_html):
    rows = _rows(_table(budget_html, "Økonomi for indsats 1.1<"))
    assert rows[0] == ["Budgetpost", "2020", "2021", "I alt"]
    assert rows[1] == ["Vedtaget budget", "2 mio. kr.", "3 mio. kr.", "5 mio. kr."]
    assert rows[2] == [
        "Udskydelse, godkendt 12. marts 2020, sag 20/1234. Finansiering: Kassebeholdningen.",
        "-1 mio. kr.",
        "+1 mio. kr.",
        "0 kr.",
    ]
    assert rows[3] == ["Korrigeret budget", "1 mio. kr.", "4 mio. kr.", "5 mio. kr."]
    assert len(rows) == 4


def test_proposed_and_rejected_changes_are_listed_apart_and_never_summed(budget_html):
    block = budget_html[budget_html.index('id="i-1-1-budget"') :]
    # The money table scrolls in its own box (issue 14): the block ends at the next table.
    block = block[: block.index('<table class="initiative"')]
    text = _text(block)
    assert (
        "Foreslået: Forhøjelse, foreslået ved 3. opfølgning: +500.000 kr. i 2021. "
        "Finansiering: Puljen til uforudsete udgifter." in text
    )
    assert "Afvist: Reduktion, afvist 1. maj 2020, sag 20/999: -250.000 kr. i 2020." in text
    # Neither proposal nor rejection reaches the amended budget (2 - 1 and 3 + 1).
    assert "Korrigeret budget 1 mio. kr. 4 mio. kr. 5 mio. kr." in text
    assert "Til gennemsyn: »ca. 1 mio. kr. til inventar« kunne ikke læses" in text


def test_economy_text_is_generated_when_empty_and_followed_by_note_and_reason(budget_html):
    start = budget_html.index('id="i-1-1"')
    table = budget_html[start : budget_html.index("</table>", start)]
    text = _text(table)
    assert (
        "Økonomi Der er afsat 2 mio. kr. i 2020 og 3 mio. kr. i 2021. Kommunalbestyrelsen "
        "godkendte den 12. marts 2020 at udskyde 1 mio. kr. fra 2020 til 2021 (sag 20/1234). "
        "Finansiering: Kassebeholdningen. Bemærkning: Tidsplanen er revideret." in text
    )
    assert "sur Begrundelse: Budgettet for 2020 er overskredet." in text


def test_stored_economy_text_is_kept_as_written(budget_html):
    start = budget_html.index('id="i-2-1"')
    text = _text(budget_html[start : budget_html.index("</table>", start)])
    assert "Økonomi Der er afsat 1,5 mio. kr. i 2020. glad" in text


def test_no_money_initiative_says_so_once_and_has_no_table(budget_html):
    start = budget_html.index('id="i-1-2"')
    end = budget_html.index('id="theme-2"')
    part = budget_html[start:end]
    assert _text(part).count("Der er ikke afsat økonomi.") == 1
    assert "Økonomi for indsats 1.2" not in part


def test_totals_table_sums_adopted_and_amended_per_theme_and_year(budget_html):
    rows = _rows(_table(budget_html, 'id="budget-totals"'))
    assert rows == [
        ["Tema", "Budget", "2020", "2021", "I alt"],
        ["1. Vi skaber fremtiden sammen", "Vedtaget", "2 mio. kr.", "3 mio. kr.", "5 mio. kr."],
        ["Korrigeret", "1 mio. kr.", "4 mio. kr.", "5 mio. kr."],
        ["2. En stærk uddannelsesby", "Vedtaget", "1,5 mio. kr.", "0 kr.", "1,5 mio. kr."],
        ["Korrigeret", "1,5 mio. kr.", "0 kr.", "1,5 mio. kr."],
        ["I alt", "Vedtaget", "3,5 mio. kr.", "3 mio. kr.", "6,5 mio. kr."],
        ["Korrigeret", "2,5 mio. kr.", "4 mio. kr.", "6,5 mio. kr."],
    ]


def test_totals_section_follows_the_overview_and_lists_approved_changes(budget_html):
    overview = budget_html.index('id="overview-heading"')
    totals = budget_html.index('id="budget-heading"')
    findings = budget_html.index('id="findings-heading"')
    assert overview < totals < findings
    section = budget_html[totals : budget_html.index("</section>", totals)]
    text = _text(section)
    assert "Økonomi i alt" in text
    assert "Godkendte ændringer" in text  # no previous date: every change approved so far
    items = [unescape(re.sub(r"<[^>]+>", "", li)) for li in re.findall(r"<li>.*?</li>", section)]
    assert items == [
        "1.1. Plejecenter Toftehaven: Udskydelse, godkendt 12. marts 2020, "
        "sag 20/1234: -1 mio. kr. i 2020, +1 mio. kr. i 2021. Finansiering: Kassebeholdningen."
    ]
    assert "Forhøjelse" not in text and "Reduktion" not in text


@pytest.mark.parametrize(
    ("previous_date", "listed"),
    [
        (None, True),
        (dt.date(2020, 3, 11), True),
        (dt.date(2020, 3, 12), False),  # approved on the previous round's date: not "since"
    ],
)
def test_changes_since_previous_round_respect_previous_date(previous_date, listed):
    with translation.override("da"):
        context = report_context(_budget_doc(), previous_date=previous_date)
    section = _text(str(context["budget_section"]))
    assert ("Udskydelse, godkendt 12. marts 2020" in section) is listed
    if previous_date is not None:
        assert "Godkendte ændringer siden sidste opfølgning" in section
    if not listed:
        assert "Ingen godkendte ændringer." in section


def test_change_approved_after_the_report_date_is_not_in_the_amended_budget():
    doc = _budget_doc()
    doc.date = dt.date(2020, 3, 1)
    with translation.override("da"):
        html = render_report_html(doc)
    rows = _rows(_table(html, "Økonomi for indsats 1.1<"))
    assert rows[-1] == ["Korrigeret budget", "2 mio. kr.", "3 mio. kr.", "5 mio. kr."]
    assert "Foreslået: Udskydelse" in _text(html)


def test_amounts_are_right_aligned_with_tabular_figures_and_headers_are_scoped(budget_html):
    table = _table(budget_html, "Økonomi for indsats 1.1<")
    assert '<th scope="col" class="num">2020</th>' in table
    assert table.count('<th scope="row">') == 3
    assert re.search(r"\.budget-table [^{]*td\{[^}]*tabular-nums", budget_html)
    assert "<caption>Vedtaget og korrigeret budget pr. tema og år</caption>" in budget_html


def test_report_without_budgets_renders_as_before():
    doc = _budget_doc(with_budget=False)
    with translation.override("da"):
        html = render_report_html(doc)
        context = report_context(doc)
    assert str(context["budget_section"]) == ""
    assert "budget-heading" not in html
    assert 'class="budget"' not in html
    assert "Økonomi i alt" not in html


def test_english_uses_english_amounts_and_dates():
    with translation.override("en"):
        html = render_report_html(_budget_doc())
    rows = _rows(_table(html, 'id="budget-totals"'))
    assert rows[-1][-3:] == ["DKK 2.5 million", "DKK 4 million", "DKK 6.5 million"]


def test_json_export_includes_budget_and_amended():
    from opfolgning.exporters.json import render_report_json

    data = json.loads(render_report_json(_budget_doc()))
    budget = data["themes"][0]["initiatives"][0]["budget"]
    assert budget["lines"][0] == {"year": 2020, "kind": "capital", "amount": 2_000_000}
    assert budget["amended"] == [
        {"year": 2020, "kind": "capital", "amount": 1_000_000},
        {"year": 2021, "kind": "capital", "amount": 4_000_000},
    ]
    assert [c["status"] for c in budget["changes"]] == ["approved", "proposed", "rejected"]
    assert data["themes"][0]["initiatives"][1]["budget"]["no_money"] is True


def test_xlsx_overview_sheet_holds_the_economy_as_whole_kroner_integers():
    from openpyxl import load_workbook

    from opfolgning.exporters.xlsx import OVERVIEW_SHEET, render_report_xlsx

    with translation.override("da"):
        workbook = load_workbook(io.BytesIO(render_report_xlsx(_budget_doc())))
    assert workbook.sheetnames == ["Opfølgning", "Overblik", "Metadata"]
    rows = [list(row) for row in workbook[OVERVIEW_SHEET].iter_rows()]
    start = next(i for i, row in enumerate(rows) if row[0].value == "Økonomi i alt")
    rows = rows[start:]
    by_label = {
        (row[0].value, row[1].value): [c.value for c in row[2:5]] for row in rows if row[0].value
    }
    assert by_label[("1. Vi skaber fremtiden sammen", "Vedtaget")] == [
        2_000_000,
        3_000_000,
        5_000_000,
    ]
    assert by_label[("I alt", "Vedtaget")] == [3_500_000, 3_000_000, 6_500_000]
    assert by_label[("I alt", "Korrigeret")] == [2_500_000, 4_000_000, 6_500_000]
    assert by_label[("1.1. Plejecenter Toftehaven", "Korrigeret budget")] == [
        1_000_000,
        4_000_000,
        5_000_000,
    ]
    heads = {"2020", "2021", "I alt"}
    amount_cells = [c for row in rows for c in row[2:] if c.value not in (None, *heads)]
    assert len(amount_cells) > 20
    for cell in amount_cells:
        assert type(cell.value) is int, cell.coordinate
        assert cell.data_type == "n" and cell.number_format == "#,##0"
    # The proposal is listed by words only: no amount of it sits in a column to be summed.
    proposal = [row for row in rows if str(row[1].value or "").startswith("Foreslået:")]
    assert len(proposal) == 1 and all(c.value is None for c in proposal[0][2:])


def test_xlsx_without_budgets_has_no_economy_rows():
    from openpyxl import load_workbook

    from opfolgning.exporters.xlsx import OVERVIEW_SHEET, render_report_xlsx

    workbook = load_workbook(io.BytesIO(render_report_xlsx(_budget_doc(with_budget=False))))
    assert workbook.sheetnames == ["Opfølgning", "Overblik", "Metadata"]
    labels = [row[0] for row in workbook[OVERVIEW_SHEET].iter_rows(values_only=True)]
    assert "Økonomi i alt" not in labels


def test_xlsx_with_budgets_reads_back_the_same_initiatives():
    from opfolgning.exporters.xlsx import render_report_xlsx
    from opfolgning.importers import parse_bytes

    doc = _budget_doc()
    with translation.override("da"):
        data = render_report_xlsx(doc)
    back = parse_bytes(data, source="report.xlsx")
    assert [i.number for i in back.initiatives()] == ["1.1", "1.2", "2.1"]


def test_budget_csv_has_totals_as_plain_integers():
    from opfolgning.exporters.csv_budget import render_budget_csv

    with translation.override("da"):
        text = render_budget_csv(_budget_doc()).decode("utf-8-sig")
    assert "I alt;Vedtaget;3500000;3000000;6500000\r\n" in text
    assert "I alt;Korrigeret;2500000;4000000;6500000\r\n" in text
    assert render_budget_csv(_budget_doc(with_budget=False)) == b""


@pytest.fixture(scope="module")
def budget_pdf_text() -> str:
    """The budget report's PDF as text, each table row on one line (pypdf's layout mode)."""
    from pypdf import PdfReader

    from opfolgning.exporters.pdf import render_report_pdf

    with translation.override("da"):
        reader = PdfReader(io.BytesIO(render_report_pdf(_budget_doc())))
    return "\n".join(page.extract_text(extraction_mode="layout") for page in reader.pages)


def test_pdf_shows_the_totals_per_theme_and_year(budget_pdf_text):
    lines = [" ".join(line.split()) for line in budget_pdf_text.splitlines()]
    assert "Økonomi i alt" in lines
    assert "1. Vi skaber fremtiden sammen Vedtaget 2 mio. kr. 3 mio. kr. 5 mio. kr." in lines
    assert "I alt Vedtaget 3,5 mio. kr. 3 mio. kr. 6,5 mio. kr." in lines
    assert "Korrigeret 2,5 mio. kr. 4 mio. kr. 6,5 mio. kr." in lines


def test_pdf_shows_the_initiative_budget_proposals_and_reason(budget_pdf_text):
    text = " ".join(budget_pdf_text.split())
    assert "Økonomi for indsats 1.1" in text
    assert "Korrigeret budget 1 mio. kr. 4 mio. kr. 5 mio. kr." in text
    assert "Foreslået: Forhøjelse, foreslået ved 3. opfølgning: +500.000 kr. i 2021." in text
    assert "Begrundelse: Budgettet for" in text
    assert "Til gennemsyn:" in text


def test_a_theme_without_a_heading_is_named_in_the_totals_as_in_the_overview():
    doc = _budget_doc()
    doc.themes[1].title = ""  # as theme 2 of the seed, which has no heading of its own
    with translation.override("da"):
        rows = _rows(_table(render_report_html(doc), 'id="budget-totals"'))
    assert [row[0] for row in rows if row[1:2] == ["Vedtaget"]] == [
        "1. Vi skaber fremtiden sammen",
        "Tema 2",
        "I alt",
    ]
