"""An initiative of both kinds ("Anlæg og drift"): stored, read, written and published.

Money stays one kind or the other: such an initiative has capital and operating lines.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.db import DataError, IntegrityError, transaction
from openpyxl import load_workbook

from opfolgning.agreements import budget_services as bs
from opfolgning.agreements import public_selectors as ps
from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.budget_selectors import economy_view
from opfolgning.agreements.models import BudgetLine, Initiative, Kind, MoneyKind, Round
from opfolgning.agreements.services import ImportRejected, report_import
from opfolgning.exporters import open_data
from opfolgning.exporters.docx import render_report_docx
from opfolgning.exporters.economy import economy_text_of
from opfolgning.exporters.html import render_report_html
from opfolgning.exporters.text import write_text
from opfolgning.exporters.xlsx import COLUMNS, MAIN_SHEET, TABLE_HEADER_ROW, render_report_xlsx
from opfolgning.followup.document import (
    KIND_BOTH,
    KINDS,
    MONEY_KINDS,
    BudgetChangeDoc,
    BudgetDoc,
    BudgetLineDoc,
    ChangeAmountDoc,
    EconomyDoc,
    ReportDocument,
)
from opfolgning.importers.docx import parse_docx
from opfolgning.importers.economy import (
    WHICH_MONEY,
    budget_from_economy_text,
    money_kind_of_amount,
)
from opfolgning.importers.text import parse_text
from opfolgning.importers.xlsx import parse_xlsx
from opfolgning.web.forms import KIND_CHOICES, BudgetChangeForm
from tests import factories
from tests.importers.textexport import initiative, report

MIO = 1_000_000
BOTH_TEXT = "Der er afsat 2 mio. kr. i 2019 til anlæg og 500.000 kr. i 2020 til drift."
BOTH_LINES = [
    BudgetLineDoc(2019, "capital", 2 * MIO),
    BudgetLineDoc(2020, "operating", 500_000),
]


def both_doc() -> ReportDocument:
    """A round-3 report whose first initiative (1.1) is of both kinds, with money of each."""
    doc = factories.report(initiatives=3)
    first = doc.themes[0].initiatives[0]
    first.kind = KIND_BOTH
    first.economy = EconomyDoc(text=BOTH_TEXT)
    first.budget = BudgetDoc(lines=list(BOTH_LINES))
    return doc


def first(doc: ReportDocument):
    return doc.initiatives()[0]


# --- the document ---------------------------------------------------------------------------


def test_the_document_knows_three_initiative_kinds_and_two_kinds_of_money():
    assert KIND_BOTH == "capital_and_operating"
    assert KINDS == ("capital", "operating", "capital_and_operating")
    assert MONEY_KINDS == ("capital", "operating")


def test_the_interchange_document_keeps_the_kind_and_the_money_of_each_kind():
    doc = both_doc()
    data = doc.to_dict()
    ini = data["themes"][0]["initiatives"][0]
    assert ini["kind"] == "capital_and_operating"
    assert [(li["year"], li["kind"]) for li in ini["budget"]["lines"]] == [
        (2019, "capital"),
        (2020, "operating"),
    ]
    assert {(a["year"], a["kind"]) for a in ini["budget"]["amended"]} == {
        (2019, "capital"),
        (2020, "operating"),
    }
    assert ReportDocument.from_dict(data) == doc
    assert ReportDocument.from_json(doc.to_json()) == doc


# --- the importers ----------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["Anlæg og drift", "<b>Anlæg og drift</b>", "Anlæg/drift"])
def test_the_text_importer_reads_both_kinds(cell):
    text = report(initiative("1.1", kind=cell, bold=False), initiative("1.2", kind="Drift"))
    doc = parse_text(text.encode(), source="begge.txt")
    assert [ini.kind for ini in doc.initiatives()] == [KIND_BOTH, "operating"]


def test_the_text_importer_refuses_an_unknown_kind_naming_both():
    from opfolgning.followup.errors import ReportFormatError

    text = report(initiative("1.1", kind="Anlæg og"))
    with pytest.raises(ReportFormatError) as info:
        parse_text(text.encode(), source="x.txt")
    assert "expected Anlæg or Drift (or Anlæg og drift for both)" in str(info.value)


@pytest.mark.parametrize("fmt", ["text", "docx", "xlsx"])
def test_every_importer_reads_what_its_exporter_writes_for_both_kinds(fmt):
    doc = both_doc()
    if fmt == "text":
        written = write_text(doc)
        assert "<b>Anlæg og drift</b>" in written
        back = parse_text(written.encode())
    elif fmt == "docx":
        back = parse_docx(render_report_docx(doc))
    else:
        back = parse_xlsx(render_report_xlsx(doc))
    ini = first(back)
    assert ini.kind == KIND_BOTH
    assert ini.budget is not None
    assert ini.budget.lines == BOTH_LINES
    assert ini.budget.review == []


def test_the_xlsx_kind_cell_offers_the_three_words():
    workbook = load_workbook(io.BytesIO(render_report_xlsx(both_doc())))
    sheet = workbook[MAIN_SHEET]
    header = next(c.header for c in COLUMNS if c.key == "kind")
    column = next(
        c.column for c in sheet[TABLE_HEADER_ROW] if c.value == header and c.column is not None
    )
    kinds = {sheet.cell(row=r, column=column).value for r in range(TABLE_HEADER_ROW + 1, 30)}
    assert {"Anlæg og drift", "Anlæg"} <= kinds
    lists = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert '"Anlæg,Drift,Anlæg og drift"' in lists


# --- money of an initiative of both kinds ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (BOTH_TEXT, BOTH_LINES),
        (
            "Der er afsat 2 mio. kr. til anlæg i 2019. Der er afsat 0,5 mio. kr. til afledt "
            "drift i 2020.",
            BOTH_LINES,
        ),
        ("Der er afsat et anlægsbudget på 2 mio. kr. i 2019.", BOTH_LINES[:1]),
        (
            "Der er afsat 1 mio. kr. i 2021 til driftsudgifter.",
            [BudgetLineDoc(2021, "operating", MIO)],
        ),
    ],
    ids=["generated", "two-sentences", "word-before", "word-after"],
)  # fmt: skip
def test_each_amount_of_an_initiative_of_both_kinds_takes_the_kind_its_words_name(text, lines):
    budget, warnings = budget_from_economy_text(
        text, kind=KIND_BOTH, where="line 9, initiative 1.1, economy", period=(2019, 2022)
    )
    assert budget is not None
    assert budget.lines == lines
    assert warnings == []


def test_an_amount_whose_kind_is_not_named_is_left_for_a_person():
    budget, warnings = budget_from_economy_text(
        "Der er afsat 1 mio. kr. i 2019.", kind=KIND_BOTH, where="w", period=(2019, 2022)
    )
    assert budget is not None and budget.lines == []
    assert budget.review == [f"1 mio. kr. i 2019 (»1 mio. kr. i 2019«): {WHICH_MONEY}."]
    assert [(w.where, w.message) for w in warnings] == [("w", budget.review[0])]
    # An initiative of one kind takes its own kind, as before.
    single, none = budget_from_economy_text(
        "Der er afsat 1 mio. kr. i 2019.", kind="operating", where="w", period=(2019, 2022)
    )
    assert single is not None and single.lines == [BudgetLineDoc(2019, "operating", MIO)]
    assert none == []


def test_a_postponement_of_an_initiative_of_both_kinds_is_of_the_money_it_names():
    text = (
        "Der er afsat 2 mio. kr. i 2019 til anlæg. I forbindelse med tilpasning af "
        "bruttoanlægsrammen for 2019 blev der udskudt 1 mio. kr. fra 2019 til 2020."
    )
    budget, _warnings = budget_from_economy_text(text, kind=KIND_BOTH, where="w")
    assert budget is not None
    assert [(c.kind_of_money, [(a.year, a.amount) for a in c.amounts]) for c in budget.changes] == [
        ("capital", [(2019, -MIO), (2020, MIO)])
    ]
    unnamed, _ = budget_from_economy_text(
        "Der er afsat 2 mio. kr. i 2019 til anlæg. Der er udskudt 1 mio. kr. fra 2019 til 2020.",
        kind=KIND_BOTH,
        where="w",
    )
    assert unnamed is not None and unnamed.changes == []
    assert any(WHICH_MONEY in line for line in unnamed.review)


def test_the_words_around_an_amount_stop_at_the_next_amount():
    sentence = "Der er afsat 2 mio. kr. i 2019 til anlæg og 1 mio. kr. i 2020 til drift."
    assert money_kind_of_amount("2 mio. kr. i 2019", sentence) == "capital"
    assert money_kind_of_amount("1 mio. kr. i 2020", sentence) == "operating"
    assert money_kind_of_amount("1 mio. kr.", "Der er afsat 1 mio. kr. til anlæg og drift.") is None


def test_the_economy_text_of_an_initiative_of_both_kinds_names_the_kind_of_its_money():
    doc = both_doc()
    ini = first(doc)
    ini.economy = EconomyDoc()
    ini.budget = BudgetDoc(lines=[BudgetLineDoc(2019, "capital", 2 * MIO)])
    text = economy_text_of(ini, as_of=doc.date)
    assert text == "Der er afsat 2 mio. kr. i 2019 til anlæg."
    back, warnings = budget_from_economy_text(text, kind=KIND_BOTH, where="w")
    assert back is not None and back.lines == ini.budget.lines and warnings == []
    # One kind of initiative, one kind of money: the text need not say it.
    ini.kind = "capital"
    assert economy_text_of(ini, as_of=doc.date) == "Der er afsat 2 mio. kr. i 2019."


# --- the exporters ----------------------------------------------------------------------------


def test_the_html_report_heads_the_table_with_the_kinds_word():
    html = render_report_html(both_doc())
    assert '<th scope="col">Anlæg og drift</th>' in html
    assert '<th scope="col">Anlæg</th>' in html


def test_the_pdf_report_input_names_the_kind():
    from opfolgning.exporters import pdf

    inputs = pdf.report_inputs(both_doc())
    assert '"kind":"capital_and_operating"' in inputs["document"]
    assert '"capital_and_operating":"Anlæg og drift"' in inputs["document"]


# --- the model, the services and the public data ------------------------------------------------


@pytest.fixture
def stored(db) -> Initiative:
    report_import(actor=None, document=both_doc(), source_name="begge.txt")
    return Initiative.objects.get(number="1.1")


def test_the_model_has_the_kind_and_money_stays_capital_or_operating(stored):
    assert Kind.values == ["capital", "operating", "capital_and_operating"]
    assert MoneyKind.values == ["capital", "operating"]
    assert stored.kind == Kind.BOTH
    assert stored.get_kind_display() == "Anlæg og drift"
    assert list(stored.budget_lines.values_list("year", "kind", "amount")) == [
        (2019, "capital", 2 * MIO),
        (2020, "operating", 500_000),
    ]
    # Refused by the check constraint (SQLite) or already by the column's length (PostgreSQL).
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        BudgetLine.objects.create(initiative=stored, year=2021, kind=KIND_BOTH, amount=1)


def test_an_import_refuses_money_of_both_kinds(db):
    doc = both_doc()
    first(doc).budget = BudgetDoc(lines=[BudgetLineDoc(2019, KIND_BOTH, MIO)])
    with pytest.raises(ImportRejected, match="budget line kind 'capital_and_operating'"):
        report_import(actor=None, document=doc)


def test_the_budget_of_an_initiative_of_both_kinds_holds_either_kind_of_money(stored):
    officer = get_user_model().objects.create_user("okonomi")
    wf.round_open(actor=None, round_obj=Round.objects.get(number=4))
    bs.budget_set(
        actor=officer,
        initiative=stored,
        lines=[(2019, "capital", MIO), (2019, "operating", 250_000)],
        no_money=False,
    )
    assert sorted(stored.budget_lines.values_list("kind", "amount")) == [
        ("capital", MIO),
        ("operating", 250_000),
    ]
    with pytest.raises(bs.BudgetRefused):
        bs.budget_set(
            actor=officer, initiative=stored, lines=[(2019, KIND_BOTH, 1)], no_money=False
        )
    view = economy_view(stored, as_of=dt.date(2019, 10, 9))
    assert "til anlæg" in view.text and "til drift" in view.text


def test_the_forms_offer_two_kinds_of_money():
    assert [k for k, _label in KIND_CHOICES] == ["capital", "operating"]
    field = BudgetChangeForm(years=[2019]).fields["kind_of_money"]
    assert [k for k, _label in field.choices] == ["capital", "operating"]


def test_the_setup_form_offers_the_three_kinds():
    from opfolgning.web.forms import InitiativeForm

    assert [
        k for k, _label in InitiativeForm(centers=[], committees=[]).fields["kind"].choices
    ] == list(KINDS)


@pytest.fixture
def published(stored) -> ps.PublicAgreement:
    wf.round_publish(actor=None, round_obj=Round.objects.get(number=3))
    return ps.public_agreement(year=2019)


def test_the_public_filter_and_the_api_take_the_kind(published, client):
    def count(kind: str) -> int:
        return len(ps.initiatives_filtered(published, ps.InitiativeFilter(kind=kind)))

    assert (count("capital"), count("operating"), count(KIND_BOTH)) == (2, 0, 1)
    answer = client.get("/api/agreements/2019/initiatives", {"kind": KIND_BOTH}).json()
    assert [item["number"] for item in answer["items"]] == ["1.1"]
    assert answer["items"][0]["kind"] == KIND_BOTH
    assert client.get("/api/agreements/2019/initiatives", {"kind": "both"}).status_code == 422
    page = client.get("/aftaler/2019/indsatser/", {"type": KIND_BOTH}).content.decode()
    assert "Anlæg og drift" in page and "Indsats 1.1" in page and "Indsats 2.2" not in page


def test_open_data_names_the_kind_and_keeps_money_per_kind(published):
    rows = list(
        csv.DictReader(io.StringIO(open_data.initiatives_csv(published).decode("utf-8-sig")))
    )
    both = next(r for r in rows if r["number"] == "1.1")
    assert (both["kind"], both["kind_da"]) == ("capital_and_operating", "anlæg og drift")
    data = open_data.open_data_dict(
        published,
        open_data.Publication("CC BY 4.0", "https://x.example/l", "Kommunen", "https://x/s.json"),
    )
    ini = next(i for i in data["initiatives"] if i["number"] == "1.1")
    assert ini["kind"] == "capital_and_operating"


def test_every_kind_round_trips_through_the_text_export():
    doc = both_doc()
    for kind in KINDS:
        changed = dataclasses.replace(first(doc), kind=kind, economy=EconomyDoc(), budget=None)
        doc.themes[0].initiatives[0] = changed
        assert first(parse_text(write_text(doc).encode())).kind == kind


def test_a_change_of_an_initiative_of_both_kinds_round_trips_through_the_document():
    doc = both_doc()
    assert first(doc).budget is not None
    first(doc).budget.changes = [
        BudgetChangeDoc(
            kind="postponement",
            kind_of_money="operating",
            amounts=[ChangeAmountDoc(2020, -100_000), ChangeAmountDoc(2021, 100_000)],
            financing="Indenfor rammen.",
        )
    ]
    assert ReportDocument.from_json(doc.to_json()) == doc
